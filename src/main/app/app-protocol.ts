import { readFile } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import type { CustomScheme, Protocol } from 'electron'
import { isLoopbackHostname } from '@shared/net/loopback'
import { CONTENT_SECURITY_POLICY } from './csp'

/**
 * The renderer is served from `app://pos-companion/`, a privileged scheme of our own, instead of
 * `file://`: its pages have one exact origin the IPC check can compare with (a `file://` page
 * anywhere on disk has the same "origin" as ours), only files of the built renderer folder can be
 * reached through it, and every response carries our CSP (Electron's webRequest header hooks do
 * not run for custom schemes, so the header is set here).
 */

export const APP_SCHEME = 'app'
export const APP_HOST = 'pos-companion'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** Standard + secure: relative URLs, ES modules and storage work as on https. No CSP bypass. */
const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
}

/** Must run before the app is ready (Electron accepts one call; every scheme goes in it). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
}

/** After ready: answers app:// requests of the default session from `rendererDir` only. */
export function serveApp(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir))
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

const plain = (status: number): Response =>
  new Response(null, { status, headers: { 'X-Content-Type-Options': 'nosniff' } })

/** The request handler behind app://, exported so tests can call it without Electron. */
export function createAppRequestHandler(
  rendererDir: string,
  read: (path: string) => Promise<Uint8Array> = (path) => readFile(path),
): (request: Request) => Promise<Response> {
  const root = resolve(rendererDir)
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405)
    const url = new URL(request.url)
    if (url.host !== APP_HOST || url.username || url.password) return plain(404)
    let path: string
    try {
      path = decodeURIComponent(url.pathname)
    } catch {
      return plain(400)
    }
    if (path.includes('\0') || path.includes('\\')) return plain(400)
    const file = resolve(root, `.${path === '/' ? '/index.html' : path}`)
    // resolve() has removed every `..`: anything not under the folder is outside it.
    if (!file.startsWith(root + sep)) return plain(403)
    let body: Uint8Array
    try {
      body = await read(file)
    } catch {
      return plain(404)
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    })
  }
}

export interface AppOrigins {
  /** What the window loads. */
  load: string
  /** The only origins whose main frame may call IPC. */
  trusted: string[]
}

/**
 * The packaged app loads and trusts app:// only. `electron-vite dev` (unpackaged, with
 * ELECTRON_RENDERER_URL set) loads its dev server instead, and then exactly that origin is
 * trusted; a dev server address that is not on this computer is ignored.
 */
export function appOrigins(env: { isPackaged: boolean; devServerUrl?: string }): AppOrigins {
  const fallback = { load: APP_ENTRY_URL, trusted: [APP_ORIGIN] }
  if (env.isPackaged || !env.devServerUrl) return fallback
  let dev: URL
  try {
    dev = new URL(env.devServerUrl)
  } catch {
    return fallback
  }
  if (!/^https?:$/.test(dev.protocol) || !isLoopbackHostname(dev.hostname)) return fallback
  return { load: env.devServerUrl, trusted: [dev.origin] }
}
