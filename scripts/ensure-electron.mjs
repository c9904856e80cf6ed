// @ts-check
/**
 * Makes sure Electron's binary is installed before `npm start` hands over to electron-vite.
 *
 * electron 45 has no install script: it downloads its binary lazily, the first time something
 * requires it, while electron-vite only looks for `node_modules/electron/path.txt` and stops with
 * "Electron uninstall". So `npm start` runs Electron's own installer (the package's
 * `install-electron` bin, `install.js`) first. This file only supervises it: it says what is
 * happening, stops it when nothing arrives (no network: within a minute), turns its failure into
 * one sentence, and removes whatever a failed run left behind so the next start tries again.
 *
 * `npm install` / `npm ci` never run this, so ELECTRON_SKIP_BINARY_DOWNLOAD keeps working for them.
 * ELECTRON_EXEC_PATH (a binary of your own, honoured by electron-vite) skips the installer.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describeFailure } from './electron-install-failure.mjs'

/** How long the installer may run without a single byte arriving (no network ends here). */
export const FIRST_BYTE_MS = 45_000
/** How long a started download may make no progress before it counts as stalled. */
export const STALL_MS = 30_000

/**
 * @typedef {{ code: number | null; signal: string | null; stderr: string }} InstallerExit
 * @typedef {{ exited: Promise<InstallerExit>; kill(): void }} InstallerRun
 * @typedef {{
 *   version: string
 *   isInstalled(): boolean
 *   runInstaller(): InstallerRun
 *   progressBytes(): number
 *   removePartialInstall(): void
 *   log(line: string): void
 *   firstByteMs?: number
 *   stallMs?: number
 *   tickMs?: number
 * }} EnsureDeps
 * @typedef {{ ok: true; downloaded: boolean } | { ok: false; line: string }} EnsureOutcome
 */

/**
 * Runs the installer unless Electron is already there, watching its progress. On failure the
 * partial install is removed and the outcome carries the one line to show.
 * @param {EnsureDeps} deps
 * @returns {Promise<EnsureOutcome>}
 */
export async function ensureElectron(deps) {
  if (deps.isInstalled()) return { ok: true, downloaded: false }
  const firstByteMs = deps.firstByteMs ?? FIRST_BYTE_MS
  const stallMs = deps.stallMs ?? STALL_MS
  const tickMs = deps.tickMs ?? 1000
  deps.log(`Downloading Electron ${deps.version} (about 100 MB, once per machine)...`)

  const run = deps.runInstaller()
  /** @type {'no_answer' | 'stalled' | undefined} */
  let stoppedBecause
  let lastBytes = 0
  let idleMs = 0
  const watchdog = setInterval(() => {
    const bytes = deps.progressBytes()
    if (bytes > lastBytes) {
      lastBytes = bytes
      idleMs = 0
      return
    }
    idleMs += tickMs
    const limit = lastBytes === 0 ? firstByteMs : stallMs
    if (idleMs >= limit && !stoppedBecause) {
      stoppedBecause = lastBytes === 0 ? 'no_answer' : 'stalled'
      run.kill()
    }
  }, tickMs)

  let exit
  try {
    exit = await run.exited
  } finally {
    clearInterval(watchdog)
  }
  if (!stoppedBecause && exit.code === 0 && deps.isInstalled())
    return { ok: true, downloaded: true }

  deps.removePartialInstall()
  const seconds = Math.round((stoppedBecause === 'no_answer' ? firstByteMs : stallMs) / 1000)
  return {
    ok: false,
    line: describeFailure({ version: deps.version, stoppedBecause, seconds, ...exit }),
  }
}

/**
 * The executable of an installed Electron package, by the installer's own rule (dist/version
 * matches the package, path.txt names the executable, and it exists); undefined otherwise.
 * @param {string} electronDir
 * @returns {string | undefined}
 */
export function installedElectronBinary(electronDir) {
  try {
    const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'))
    const distVersion = readFileSync(join(electronDir, 'dist', 'version'), 'utf8').trim()
    if (distVersion.replace(/^v/, '') !== version) return undefined
    const executable = join(
      electronDir,
      'dist',
      readFileSync(join(electronDir, 'path.txt'), 'utf8'),
    )
    return existsSync(executable) ? executable : undefined
  } catch {
    return undefined
  }
}

/** @param {string} path @returns {number} total size of the files under `path` */
function bytesUnder(path) {
  let total = 0
  let entries
  try {
    entries = readdirSync(path, { withFileTypes: true, recursive: true })
  } catch {
    return 0
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue
    try {
      total += statSync(join(entry.parentPath, entry.name)).size
    } catch {
      // gone between listing and stat: the installer moved it on
    }
  }
  return total
}

/**
 * The real dependencies: Electron's installer in a child Node with a private temp folder (the
 * installer downloads into the OS temp folder, so its growth is the download's progress), and
 * the failure hook that records the network cause Node's fetch hides behind "fetch failed".
 * @param {{ electronDir?: string; log?: (line: string) => void }} [options]
 * @returns {EnsureDeps & { dispose(): void }}
 */
export function realDeps(options = {}) {
  const require = createRequire(import.meta.url)
  const electronDir = options.electronDir ?? join(require.resolve('electron/package.json'), '..')
  const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'))
  const installer = join(electronDir, 'install.js')
  const hook = join(import.meta.dirname, 'electron-install-hook.cjs')
  const tempDir = mkdtempSync(join(tmpdir(), 'pos-electron-install-'))
  const distDir = join(electronDir, 'dist')
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let running
  return {
    version,
    isInstalled: () => installedElectronBinary(electronDir) !== undefined,
    runInstaller() {
      const child = spawn(process.execPath, ['--require', hook, installer], {
        cwd: electronDir,
        env: { ...process.env, TMPDIR: tempDir, TEMP: tempDir, TMP: tempDir },
        stdio: ['ignore', 'ignore', 'pipe'],
        windowsHide: true,
      })
      running = child
      let stderr = ''
      child.stderr.setEncoding('utf8')
      child.stderr.on('data', (chunk) => (stderr += chunk))
      return {
        exited: new Promise((resolve) => {
          child.on('error', (error) => resolve({ code: null, signal: null, stderr: String(error) }))
          child.on('close', (code, signal) => {
            running = undefined
            resolve({ code, signal, stderr })
          })
        }),
        kill: () => void child.kill(),
      }
    },
    progressBytes: () => bytesUnder(tempDir) + bytesUnder(distDir),
    removePartialInstall() {
      // path.txt first: without it nothing (electron-vite, electron/index.js) thinks it is there.
      rmSync(join(electronDir, 'path.txt'), { force: true })
      rmSync(distDir, { recursive: true, force: true, maxRetries: 3 })
    },
    log: options.log ?? ((line) => console.log(line)),
    dispose() {
      running?.kill()
      rmSync(tempDir, { recursive: true, force: true, maxRetries: 3 })
    },
  }
}

async function main() {
  if (process.env['ELECTRON_EXEC_PATH']) return
  const deps = realDeps()
  // Stopped during the download (Ctrl-C, a closed terminal): stop the installer too, then
  // remove what it left, so the next start does not take a half install for a whole one.
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.once(signal, () => {
      deps.dispose()
      if (!deps.isInstalled()) deps.removePartialInstall()
      process.exit(130)
    })
  }
  try {
    const outcome = await ensureElectron(deps)
    if (!outcome.ok) {
      console.error(outcome.line)
      process.exitCode = 1
    } else if (outcome.downloaded) {
      console.log(`Electron ${deps.version} is installed.`)
    }
  } finally {
    deps.dispose()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
