/**
 * Real-Electron smoke test (`npm run test:electron`; not part of `npm test`, because the Electron
 * binary cannot be downloaded on our build machines). It launches the built app (`out/`) in the
 * real Electron binary through Playwright's Electron support, on a temporary data folder, takes
 * one demo sale by keyboard and checks the approved screen, the kept payment (through the app's
 * own IPC) and History. What it proves beyond the Chromium suite: the real main process starts
 * (composition root, single-instance lock, data folder, safeStorage, menus), the sandboxed
 * CommonJS preload loads and exposes the bridge, IPC round-trips through ipcMain, and the
 * renderer works under the app's real window settings and CSP.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron, type ElectronApplication } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installedElectronBinary } from '../../scripts/ensure-electron.mjs'
import {
  expectDemoSaleInHistory,
  expectDemoSaleKept,
  takeDemoSaleByKeyboard,
  waitForDemoCheckout,
} from '../e2e/flows/demo-sale'

const ROOT = resolve(import.meta.dirname, '../..')
const MISSING_BINARY =
  'The Electron binary is not installed (node_modules/electron has no dist/ and path.txt), so ' +
  'the real-Electron smoke test cannot run here. On a machine with internet, `npm run ' +
  'test:electron` installs it first (or run `npm start` once). This test never skips.'
let app: ElectronApplication | undefined
let dataDir: string | undefined

beforeAll(async () => {
  const binary = installedElectronBinary(join(ROOT, 'node_modules/electron'))
  if (!binary) throw new Error(MISSING_BINARY)
  dataDir = mkdtempSync(join(tmpdir(), 'pos-electron-smoke-'))
  const env = { ...process.env } as Record<string, string>
  delete env['ELECTRON_RENDERER_URL'] // load the built renderer, never a dev server
  delete env['ELECTRON_RUN_AS_NODE']
  app = await _electron.launch({
    executablePath: binary,
    args: [ROOT, `--user-data-dir=${dataDir}`],
    cwd: ROOT,
    env,
    timeout: 60_000,
  })
})

afterAll(async () => {
  await app?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
})

describe('the built app in real Electron', () => {
  it('runs on the temporary data folder, not the shop one or the development one', async () => {
    const userData = await app!.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))
    expect(userData).toBe(dataDir)
  })

  it('takes one demo sale by keyboard, shows it approved, keeps it and lists it in History', async () => {
    const page = await app!.firstWindow()
    await waitForDemoCheckout(page)
    await takeDemoSaleByKeyboard(page)
    await expectDemoSaleKept(page)
    await expectDemoSaleInHistory(page)
  })
})
