import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import type { PaymentRecord, PaymentState, PaymentStatusEvent } from '@shared/contract'
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  powerSaveBlocker,
  resetElectronMock,
  screen,
  shell,
} from '../../mocks/electron'
import { AppSettings, type AppSettingsData } from '../../../src/main/app/app-settings'
import { setUpCheckout } from '../../../src/main/app/checkout'
import type { EventSink } from '../../../src/main/ipc/handlers'
import { SAVE_DEBOUNCE_MS } from '../../../src/main/app/window-state'

// The composed behaviours, driven the way index.ts drives them: services events in, Electron
// calls out (all through the electron mock).
function setUp(
  stored: Partial<AppSettingsData> = {},
  platform: NodeJS.Platform = 'win32',
  activePayments?: () => Promise<PaymentStatusEvent[]>,
) {
  const backend = {
    data: stored as unknown,
    read: () => backend.data,
    write: (d: unknown) => (backend.data = d),
  }
  const settings = new AppSettings(backend)
  const sinks: EventSink[] = []
  let win: BrowserWindow | undefined
  const checkout = setUpCheckout({ app, dialog, Menu, powerSaveBlocker, screen, shell } as never, {
    settings,
    subscribe: (sink) => {
      sinks.push(sink)
      return () => undefined
    },
    getWindow: () => win as never,
    dataDir: '/data/pos',
    devTools: false,
    platform,
    ...(activePayments ? { activePayments } : {}),
  })
  const open = () => {
    const bounds = checkout.initialBounds()
    win = new BrowserWindow(bounds ? { ...bounds } : { width: 1280, height: 860 })
    checkout.attach(win as never)
    return win
  }
  const payment = (id: string, state: PaymentState) => {
    const record = { id, state } as PaymentRecord
    for (const sink of sinks) {
      sink.emit('onPaymentStatus', { record, elapsedMs: 0, cancelAllowed: true, slow: false })
    }
  }
  return { settings, backend, open, payment }
}

const quitEvent = () => {
  const e = { prevented: false, preventDefault: () => (e.prevented = true) }
  return e
}

describe('setUpCheckout', () => {
  beforeEach(() => resetElectronMock())

  it('registers the login item and installs the menu with About at start', () => {
    setUp({ openAtLogin: true })
    expect(app.loginItemSettings).toEqual([{ openAtLogin: true }])
    expect(app.aboutPanelOptions).toMatchObject({ applicationVersion: '0.0.0-test' })
    const template = Menu.application!.template as MenuItemConstructorOptions[]
    const help = template.find((m) => m.role === 'help')!.submenu as MenuItemConstructorOptions[]
    help.find((i) => i.label === 'Show Data Folder')!.click!(
      undefined as never,
      undefined,
      undefined as never,
    )
    expect(shell.openedPaths).toEqual(['/data/pos'])
  })

  it('changes the login item when the setting changes, not when the window moves', () => {
    const { settings } = setUp()
    settings.update({
      windowState: { bounds: { x: 0, y: 0, width: 900, height: 700 }, maximized: false },
    })
    settings.update({ openAtLogin: true })
    expect(app.loginItemSettings).toEqual([{ openAtLogin: false }, { openAtLogin: true }])
  })

  it('reopens the window where it was, or on the remaining monitor', () => {
    const windowState = { bounds: { x: 2000, y: 100, width: 1000, height: 700 }, maximized: true }
    screen.displays = [
      {
        id: 1,
        bounds: { x: 0, y: 0, width: 1920, height: 1080 },
        workArea: { x: 0, y: 0, width: 1920, height: 1040 },
      },
      {
        id: 2,
        bounds: { x: 1920, y: 0, width: 1920, height: 1080 },
        workArea: { x: 1920, y: 0, width: 1920, height: 1040 },
      },
    ]
    expect(setUp({ windowState }).open().bounds).toEqual(windowState.bounds)
    screen.displays = screen.displays.slice(0, 1)
    const win = setUp({ windowState }).open()
    expect(win.bounds).toEqual({ x: 460, y: 170, width: 1000, height: 700 })
    expect(win.maximized).toBe(true)
  })

  it('saves the bounds after a move, unless the shop turned that off', () => {
    vi.useFakeTimers()
    try {
      const { open, backend, settings } = setUp()
      const win = open()
      win.bounds = { x: 30, y: 40, width: 1100, height: 720 }
      win.emit('move')
      vi.advanceTimersByTime(SAVE_DEBOUNCE_MS)
      expect(backend.data).toMatchObject({ windowState: { bounds: win.bounds, maximized: false } })
      settings.update({ rememberWindowBounds: false })
      win.bounds = { x: 99, y: 99, width: 1100, height: 720 }
      win.emit('close', quitEvent())
      expect(settings.get().windowState?.bounds.x).toBe(30)
      expect(setUp({ ...settings.get() }).open().bounds).toMatchObject({ width: 1280, height: 860 })
    } finally {
      vi.useRealTimers()
    }
  })

  it('opens in kiosk mode when set', () => {
    expect(setUp({ startMode: 'kiosk' }).open().kiosk).toBe(true)
  })

  it('keeps the computer awake and asks before closing while a payment runs', () => {
    const { open, payment } = setUp()
    const win = open()
    payment('p1', 'in-progress')
    expect(powerSaveBlocker.active.size).toBe(1)

    dialog.response = 0 // "Keep the app open"
    const close = quitEvent()
    win.emit('close', close)
    expect(close.prevented).toBe(true)
    expect(dialog.shown).toHaveLength(1)

    payment('p1', 'approved')
    expect(powerSaveBlocker.active.size).toBe(0)
    const quit = quitEvent()
    app.emit('before-quit', quit)
    expect(quit.prevented).toBe(false)
    expect(dialog.shown).toHaveLength(1)
  })

  it('keeps the computer awake for payments recovered at start', async () => {
    const recovered = {
      record: { id: 'r1', state: 'resolving' } as PaymentRecord,
      elapsedMs: 0,
      cancelAllowed: false,
      slow: false,
    }
    setUp({}, 'win32', async () => [recovered])
    await vi.waitFor(() => expect(powerSaveBlocker.active.size).toBe(1))
  })

  it('starts normally when the active list cannot be read', async () => {
    const { payment } = setUp({}, 'win32', () => Promise.reject(new Error('not yet')))
    await Promise.resolve()
    payment('p', 'sent')
    expect(powerSaveBlocker.active.size).toBe(1)
  })

  it('uses the XDG autostart folder for Open at Login on Linux', () => {
    const configDir = mkdtempSync(join(tmpdir(), 'pos-checkout-xdg-'))
    try {
      const backend = {
        data: {} as unknown,
        read: () => backend.data,
        write: (d: unknown) => (backend.data = d),
      }
      const settings = new AppSettings(backend)
      setUpCheckout({ app, dialog, Menu, powerSaveBlocker, screen, shell } as never, {
        settings,
        subscribe: () => () => undefined,
        getWindow: () => undefined,
        dataDir: '/data/pos',
        devTools: false,
        platform: 'linux',
        env: { XDG_CONFIG_HOME: configDir, APPIMAGE: '/home/till/POS-Companion.AppImage' },
      })
      const checkout = (Menu.application!.template as MenuItemConstructorOptions[])[3]!
      expect((checkout.submenu as MenuItemConstructorOptions[])[0]!.label).toBe('Open at Login')
      settings.update({ openAtLogin: true })
      const entry = readFileSync(join(configDir, 'autostart', 'pos-companion.desktop'), 'utf8')
      expect(entry).toContain('Exec="/home/till/POS-Companion.AppImage"')
      expect(app.loginItemSettings).toEqual([])
    } finally {
      rmSync(configDir, { recursive: true, force: true })
    }
  })
})
