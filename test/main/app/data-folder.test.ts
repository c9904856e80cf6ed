import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { app, resetElectronMock } from '../../mocks/electron'
import { chooseDataFolder, DEVELOPMENT_DATA_FOLDER } from '../../../src/main/app/data-folder'

const APP_DATA = '/home/cashier/.config'
const SHOP_FOLDER = join(APP_DATA, 'POS Companion')
const DEV_FOLDER = join(APP_DATA, 'POS Companion Dev')

beforeEach(() => {
  resetElectronMock()
  app.paths = { appData: APP_DATA, userData: SHOP_FOLDER }
})

describe('chooseDataFolder', () => {
  it("gives development runs their own folder next to the shop's", () => {
    expect(DEVELOPMENT_DATA_FOLDER).toBe('POS Companion Dev')
    expect(chooseDataFolder(app as never)).toBe(DEV_FOLDER)
    expect(app.getPath('userData')).toBe(DEV_FOLDER)
  })

  it("leaves a packaged build on Electron's default folder", () => {
    app.isPackaged = true
    expect(chooseDataFolder(app as never)).toBe(SHOP_FOLDER)
    expect(app.pathCalls.filter((c) => c.startsWith('set'))).toEqual([])
  })

  it('lets a --user-data-dir on the command line choose in development', () => {
    app.switches.set('user-data-dir', '/tmp/pos-smoke-123')
    expect(chooseDataFolder(app as never)).toBe('/tmp/pos-smoke-123')
    expect(app.getPath('userData')).toBe('/tmp/pos-smoke-123')
  })
})

describe('the composition root (src/main/index.ts)', () => {
  /** Loads index.ts afresh on a fresh mock whose instance lock is taken, so start() never runs. */
  async function loadIndex(packaged: boolean) {
    vi.resetModules()
    const electron = await import('../../mocks/electron')
    electron.app.lock = false
    electron.app.isPackaged = packaged
    electron.app.paths = { appData: APP_DATA, userData: SHOP_FOLDER }
    await import('../../../src/main/index')
    return electron.app
  }

  it('chooses the development folder first, before the instance lock or any read of userData', async () => {
    const loaded = await loadIndex(false)
    expect(loaded.pathCalls).toEqual([
      'get appData',
      `set userData ${DEV_FOLDER}`,
      'single-instance lock',
    ])
    expect(loaded.quitCalled).toBe(true)
  })

  it('changes nothing for a packaged build', async () => {
    const loaded = await loadIndex(true)
    expect(loaded.pathCalls).toEqual(['get userData', 'single-instance lock'])
  })
})
