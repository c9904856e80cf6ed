import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { app, BrowserWindow, resetElectronMock } from '../../mocks/electron'
import {
  AppSettings,
  appSettingsSchema,
  DEFAULT_APP_SETTINGS,
  openAppSettings,
  settingsPatchSchema,
  type AppSettingsData,
} from '../../../src/main/app/app-settings'
import { loginItemsFor, quoteExec } from '../../../src/main/app/login-items'
import { NoticeBoard } from '../../../src/main/notices/notices'
import { applyOpenAtLogin, applyStartMode } from '../../../src/main/app/startup'

function memory(initial: unknown = undefined) {
  const backend = { stored: initial, writes: 0 }
  return Object.assign(backend, {
    read: () => backend.stored,
    write: (data: AppSettingsData) => {
      backend.stored = structuredClone(data)
      backend.writes++
    },
  })
}

describe('AppSettings', () => {
  it('starts with the documented defaults', () => {
    expect(new AppSettings(memory()).get()).toEqual({
      openAtLogin: false,
      startMode: 'windowed',
      rememberWindowBounds: true,
      preventSleepDuringPayments: true,
      confirmQuitDuringPayments: true,
    })
    expect(DEFAULT_APP_SETTINGS.preventSleepDuringPayments).toBe(true)
  })

  it('repairs a bad hand-edited value without losing the others', () => {
    const settings = new AppSettings(
      memory({ openAtLogin: 'yes', startMode: 'kiosk', windowState: { bounds: 'left' } }),
    )
    expect(settings.get()).toMatchObject({ openAtLogin: false, startMode: 'kiosk' })
    expect(settings.get().windowState).toBeUndefined()
    expect(new AppSettings(memory('not an object')).get()).toEqual(DEFAULT_APP_SETTINGS)
  })

  it('stores an update and tells listeners', () => {
    const backend = memory()
    const settings = new AppSettings(backend)
    const seen: boolean[] = []
    settings.onChange((s) => seen.push(s.openAtLogin))
    settings.update({ openAtLogin: true })
    expect(backend.stored).toMatchObject({ openAtLogin: true, startMode: 'windowed' })
    expect(seen).toEqual([true])
    expect(new AppSettings(backend).get().openAtLogin).toBe(true)
  })

  it('refuses an invalid update and keeps what was stored', () => {
    const backend = memory()
    const settings = new AppSettings(backend)
    expect(() => settings.update({ startMode: 'tablet' as never })).toThrow()
    expect(() => settings.update({ windowState: { bounds: { x: 0 } } as never })).toThrow()
    expect(() => settings.update({ unknownSetting: true } as never)).toThrow()
    expect(backend.writes).toBe(0)
    expect(settings.get()).toEqual(DEFAULT_APP_SETTINGS)
  })

  it('accepts an exact update of every setting it stores', () => {
    expect(Object.keys(settingsPatchSchema.shape).sort()).toEqual(
      Object.keys(appSettingsSchema.shape).sort(),
    )
    const settings = new AppSettings(memory())
    const everything: AppSettingsData = {
      openAtLogin: true,
      startMode: 'fullscreen',
      rememberWindowBounds: false,
      preventSleepDuringPayments: false,
      confirmQuitDuringPayments: false,
      windowState: { bounds: { x: -10, y: 5, width: 900, height: 640 }, maximized: true },
    }
    expect(settings.update(everything)).toEqual(everything)
  })

  it('hands out copies that cannot change the stored settings', () => {
    const settings = new AppSettings(memory())
    expect(() => {
      ;(settings.get() as AppSettingsData).openAtLogin = true
    }).toThrow()
  })
})

describe('openAppSettings (app-settings.json)', () => {
  let dir: string
  beforeEach(() => {
    resetElectronMock()
    dir = mkdtempSync(join(tmpdir(), 'pos-settings-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps app-settings.json in the userData folder and reads it back after a restart', () => {
    const state = { bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: false }
    openAppSettings(dir, new NoticeBoard()).update({ startMode: 'fullscreen', windowState: state })
    const path = join(dir, 'app-settings.json')
    const file = JSON.parse(readFileSync(path, 'utf8')) as object
    expect(file).toMatchObject({ startMode: 'fullscreen', windowState: state })
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(openAppSettings(dir, new NoticeBoard()).get()).toMatchObject({
      startMode: 'fullscreen',
      windowState: state,
    })
  })

  it('moves a file that is not JSON at all aside, says so, and starts with defaults', () => {
    writeFileSync(join(dir, 'app-settings.json'), '{ broken')
    const notices = new NoticeBoard()
    expect(openAppSettings(dir, notices).get()).toEqual(DEFAULT_APP_SETTINGS)
    const [aside] = readdirSync(dir)
    expect(aside).toMatch(/^app-settings\.json\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z$/)
    expect(readFileSync(join(dir, aside!), 'utf8')).toBe('{ broken')
    expect(notices.list()).toMatchObject([
      { code: 'app_settings_file_damaged', params: { movedTo: join(dir, aside!) } },
    ])
  })

  it('repairs single bad values without moving the file aside', () => {
    writeFileSync(join(dir, 'app-settings.json'), '{"startMode":"sideways","openAtLogin":true}')
    const notices = new NoticeBoard()
    expect(openAppSettings(dir, notices).get()).toMatchObject({
      startMode: 'windowed',
      openAtLogin: true,
    })
    expect(notices.list()).toEqual([])
  })
})

describe('start-up settings', () => {
  let configDir: string
  beforeEach(() => {
    resetElectronMock()
    configDir = mkdtempSync(join(tmpdir(), 'pos-xdg-'))
  })
  afterEach(() => rmSync(configDir, { recursive: true, force: true }))

  it('registers and removes the login item through Electron on Windows and macOS', () => {
    const noLinux = () => {
      throw new Error('not on Linux')
    }
    expect(applyOpenAtLogin(loginItemsFor(app, 'win32', noLinux), true)).toBe(true)
    expect(applyOpenAtLogin(loginItemsFor(app, 'darwin', noLinux), false)).toBe(true)
    expect(app.loginItemSettings).toEqual([{ openAtLogin: true }, { openAtLogin: false }])
  })

  it('reports that there is no login item on a platform without one', () => {
    const items = loginItemsFor(app, 'freebsd', () => ({ configDir, execPath: '/x', appName: 'X' }))
    expect(applyOpenAtLogin(items, true)).toBe(false)
    expect(app.loginItemSettings).toEqual([])
  })

  it('writes and removes an XDG autostart entry on Linux', () => {
    const items = loginItemsFor(app, 'linux', () => ({
      configDir,
      execPath: '/opt/POS Companion/pos-companion',
      appName: 'POS Companion',
    }))
    const path = join(configDir, 'autostart', 'pos-companion.desktop')
    expect(applyOpenAtLogin(items, true)).toBe(true)
    const entry = readFileSync(path, 'utf8')
    expect(entry).toContain('[Desktop Entry]\nType=Application\nName=POS Companion\n')
    expect(entry).toContain('Exec="/opt/POS Companion/pos-companion"\n')
    applyOpenAtLogin(items, false)
    expect(existsSync(path)).toBe(false)
    applyOpenAtLogin(items, false) // already gone: no error
    expect(app.loginItemSettings).toEqual([])
  })

  it('quotes the Exec path the way the Desktop Entry spec reads it back', () => {
    expect(quoteExec('/opt/POS Companion/pos-companion')).toBe('"/opt/POS Companion/pos-companion"')
    // Spec: inside quotes escape " ` $ \ with a backslash; the key-file layer doubles backslashes.
    expect(quoteExec('/a"b')).toBe('"/a\\\\"b"')
    expect(quoteExec('/a$b`c')).toBe('"/a\\\\$b\\\\`c"')
    expect(quoteExec('/a\\b')).toBe('"/a\\\\\\\\b"')
    expect(quoteExec('/100%/app')).toBe('"/100%%/app"')
  })

  it('opens full screen or kiosk as the setting says', () => {
    const windowed = new BrowserWindow({})
    applyStartMode(windowed, 'windowed')
    expect([windowed.fullScreen, windowed.kiosk]).toEqual([false, false])
    const full = new BrowserWindow({})
    applyStartMode(full, 'fullscreen')
    expect([full.fullScreen, full.kiosk]).toEqual([true, false])
    const kiosk = new BrowserWindow({})
    applyStartMode(kiosk, 'kiosk')
    expect(kiosk.kiosk).toBe(true)
  })
})
