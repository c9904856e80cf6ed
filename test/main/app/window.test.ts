import { beforeEach, describe, expect, it } from 'vitest'
import { app, BrowserWindow, resetElectronMock, shell } from '../../mocks/electron'
import { CONTENT_SECURITY_POLICY } from '../../../src/main/app/csp'
import { APP_ENTRY_URL } from '../../../src/main/app/app-protocol'
import { createMainWindow } from '../../../src/main/app/window'
import { claimSingleInstance } from '../../../src/main/app/single-instance'

function open(url = APP_ENTRY_URL) {
  return createMainWindow(
    { BrowserWindow: BrowserWindow as never, shell },
    { title: 'POS Companion', preloadPath: '/app/out/preload/index.cjs', url },
  ) as unknown as BrowserWindow
}

describe('createMainWindow', () => {
  beforeEach(() => resetElectronMock())

  it('uses the full security baseline in webPreferences', () => {
    const win = open()
    const prefs = win.options['webPreferences'] as Record<string, unknown>
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    })
  })

  it('denies every window.open and opens only parsed http(s) links externally', () => {
    const win = open()
    const handler = win.webContents.windowOpenHandler!
    expect(handler({ url: 'https://www.handpoint.com/docs' })).toEqual({ action: 'deny' })
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(handler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    expect(handler({ url: 'https://user:pw@evil.example/' })).toEqual({ action: 'deny' })
    expect(handler({ url: 'not a url' })).toEqual({ action: 'deny' })
    expect(shell.opened).toEqual(['https://www.handpoint.com/docs'])
  })

  it('blocks navigation, redirects and webviews', () => {
    const win = open()
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false
      win.webContents.emit(name, { preventDefault: () => (prevented = true) })
      expect(prevented, name).toBe(true)
    }
  })

  it('denies every permission request and check', () => {
    const win = open()
    const session = win.webContents.session
    let granted: boolean | undefined
    session.permissionRequestHandler!(win.webContents, 'media', (g: boolean) => (granted = g))
    expect(granted).toBe(false)
    expect(session.permissionCheckHandler!(win.webContents, 'notifications')).toBe(false)
  })

  it('adds a strict CSP header to every response', () => {
    const win = open()
    let headers: Record<string, string[]> | undefined
    win.webContents.session.headersReceived!(
      { responseHeaders: { 'X-Other': ['1'] } },
      (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders),
    )
    expect(headers?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY])
    expect(headers?.['X-Other']).toEqual(['1'])
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/)
  })

  it('loads the app:// page, or the dev server when one is given, and shows when ready', () => {
    const built = open()
    expect(built.loaded).toEqual({ kind: 'url', target: 'app://pos-companion/index.html' })
    expect(built.shown).toBe(false)
    built.emit('ready-to-show')
    expect(built.shown).toBe(true)
    expect(open('http://localhost:5173').loaded).toEqual({
      kind: 'url',
      target: 'http://localhost:5173',
    })
  })
})

describe('claimSingleInstance', () => {
  beforeEach(() => resetElectronMock())

  it('quits a second instance', () => {
    app.lock = false
    expect(claimSingleInstance(app as never, () => undefined)).toBe(false)
    expect(app.quitCalled).toBe(true)
  })

  it('focuses and restores the first window when a second start happens', () => {
    const win = new BrowserWindow({})
    win.minimized = true
    expect(claimSingleInstance(app as never, () => win as never)).toBe(true)
    app.emit('second-instance')
    expect(win.minimized).toBe(false)
    expect(win.focused).toBe(true)
  })
})
