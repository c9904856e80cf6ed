/**
 * End-to-end harness: the built renderer (`out/renderer`) in Debian's Chromium, bound to the real
 * main-process services through the same route table ipcMain uses. Only the transport differs:
 * `page.exposeBinding` instead of IPC, and an init script that builds `window.api` with the
 * preload's own builder.
 *
 *   const app = await launchApp()
 *   await app.page.getByTestId('app-name').textContent()
 *   await app.close()
 */
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { errorShape, eventChannels, operationChannels } from '@shared/contract'
import { msg } from '@shared/messages'
import { CONTENT_SECURITY_POLICY } from '../../src/main/app/csp'
import { buildRoutes } from '../../src/main/ipc/dispatcher'
import { createServices, type Services, type ServicesOptions } from '../../src/main/services'
import { buildBridge } from '../../src/preload/build-bridge'
import { testFakes } from '../support/test-fakes'

export const CHROMIUM_PATH = process.env['POS_CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const ROOT = resolve(import.meta.dirname, '../..')
const RENDERER_DIR = join(ROOT, 'out/renderer')

export interface LaunchOptions {
  /** Reuse a data directory (e.g. to test a restart); a fresh temporary one otherwise. */
  dataDir?: string
  /** Extra options for createServices. */
  services?: Partial<Omit<ServicesOptions, 'dataDir'>>
  viewport?: { width: number; height: number }
  /** Keep the data directory on close (to reopen it). */
  keepDataDir?: boolean
  /** Load the app page before returning (default true); benchmarks time the load themselves. */
  navigate?: boolean
  /** For benchmarks: how long each operation's handler took in Node, apart from the bridge. */
  onHandled?: (name: string, ms: number) => void
}

export interface LaunchedApp {
  page: Page
  /** Where the built renderer is served (load it with `page.goto(url)`). */
  url: string
  services: Services
  dataDir: string
  /** Every error the page logged or threw, for specs that assert a clean console. */
  pageErrors: string[]
  close(): Promise<void>
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
}

/** Serves out/renderer with the app's CSP, the way Electron serves it from the package. */
function serveRenderer(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const file = normalize(join(RENDERER_DIR, path === '/' ? 'index.html' : path))
    if (!file.startsWith(RENDERER_DIR + sep)) {
      res.writeHead(403).end()
      return
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        })
        res.end(body)
      },
      () => res.writeHead(404).end(),
    )
  })
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      ok({ server, url: `http://127.0.0.1:${port}/` })
    }),
  )
}

/**
 * Runs in the page before any app script: `window.api` built by the preload's own builder, over
 * Playwright bindings instead of IPC. The builder is self-contained, so its source is shipped.
 */
function bridgeScript(tables: {
  ops: Record<string, string>
  evs: Record<string, string>
}): string {
  return `(() => {
  const buildBridge = ${buildBridge.toString()};
  const listeners = new Map();
  Object.defineProperty(window, '__posEmit', {
    value: (channel, payload) => listeners.get(channel)?.forEach((l) => l(payload)),
  });
  const api = buildBridge(${JSON.stringify(tables)}, {
    invoke: (name, _channel, request) => window['__pos_op_' + name](request),
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  });
  Object.defineProperty(window, 'api', { value: api, enumerable: true });
})();`
}

function assertPrerequisites(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. Install Debian's package: ` +
        '`sudo apt-get install chromium` (or set POS_CHROMIUM_PATH). The e2e suite never skips.',
    )
  }
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` before the e2e suite.')
  }
}

let sharedBrowser: Promise<Browser> | undefined

/** One Chromium per test process; each app gets its own context. */
function browser(): Promise<Browser> {
  sharedBrowser ??= chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  return sharedBrowser
}

/** Closes the shared Chromium (call from an afterAll). */
export async function closeBrowser(): Promise<void> {
  const b = sharedBrowser
  sharedBrowser = undefined
  if (b) await (await b).close()
}

export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  assertPrerequisites()
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    productName: string
    version: string
  }
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'pos-e2e-')))
  const services = await createServices({
    appName: pkg.productName,
    appVersion: pkg.version,
    shell: 'browser',
    // The desktop app passes safeStorage and the Electron printer; Chromium gets the fakes.
    ...testFakes(),
    ...options.services,
    dataDir,
  })
  const routes = buildRoutes(services.handlers, { logError: (m) => console.error(m) })
  const { server, url } = await serveRenderer()
  const context = await (
    await browser()
  ).newContext({
    viewport: options.viewport ?? { width: 1280, height: 860 },
  })
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()))

  const onHandled = options.onHandled
  for (const route of routes) {
    const call = onHandled
      ? async (payload: unknown) => {
          const start = performance.now()
          try {
            return await route.call(payload, { senderId: 'e2e' })
          } finally {
            onHandled(route.name, performance.now() - start)
          }
        }
      : (payload: unknown) => route.call(payload, { senderId: 'e2e' })
    await page.exposeBinding(`__pos_op_${route.name}`, (source, payload: unknown) =>
      source.page === page && source.frame === page.mainFrame()
        ? call(payload)
        : { ok: false, error: errorShape(msg('forbidden')) },
    )
  }
  await page.addInitScript({
    content: bridgeScript({ ops: operationChannels, evs: eventChannels }),
  })
  const unsubscribe = services.subscribe({
    emit(name, payload) {
      void page
        .evaluate(
          ([channel, p]) =>
            (window as unknown as { __posEmit(c: string, p: unknown): void }).__posEmit(channel, p),
          [eventChannels[name], payload] as const,
        )
        .catch(() => undefined)
    },
  })
  if (options.navigate !== false) await page.goto(url)

  return {
    page,
    url,
    services,
    dataDir,
    pageErrors,
    async close() {
      unsubscribe()
      await context.close()
      await new Promise<void>((ok) => server.close(() => ok()))
      await services.dispose()
      if (!options.keepDataDir && !options.dataDir)
        await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
    },
  }
}
