import type { BrowserWindow as BrowserWindowType, Session, WebPreferences } from 'electron'
import { CONTENT_SECURITY_POLICY } from './csp'
import { safeExternalUrl } from './external-links'

export interface WindowDeps {
  BrowserWindow: typeof BrowserWindowType
  shell: { openExternal(url: string): Promise<void> }
}

export interface WindowOptions {
  preloadPath: string
  /** What to load: the app:// entry page, or the dev server under electron-vite dev. */
  url: string
  title: string
  iconPath?: string
  bounds?: { x?: number; y?: number; width: number; height: number }
}

/** The only webPreferences any window of ours gets. Tests pin every value. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  }
}

/**
 * Deny every permission and add our CSP to every http(s) response the window's session loads (the
 * dev server). app:// responses carry it from their handler: these hooks do not see them.
 */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    })
  })
}

/** Creates the app window with the security baseline described in docs/architecture.md. */
export function createMainWindow(deps: WindowDeps, options: WindowOptions): BrowserWindowType {
  const win = new deps.BrowserWindow({
    ...(options.bounds ?? { width: 1280, height: 860 }),
    minWidth: 900,
    minHeight: 640,
    show: false,
    title: options.title,
    backgroundColor: '#0f172a',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: secureWebPreferences(options.preloadPath),
  })
  const contents = win.webContents
  lockDownSession(contents.session)

  contents.setWindowOpenHandler(({ url }) => {
    const safe = safeExternalUrl(url)
    if (safe) void deps.shell.openExternal(safe)
    return { action: 'deny' }
  })
  const blockNavigation = (event: { preventDefault(): void }): void => event.preventDefault()
  contents.on('will-navigate', blockNavigation)
  contents.on('will-redirect', blockNavigation)
  contents.on('will-attach-webview', blockNavigation)

  win.once('ready-to-show', () => win.show())
  void win.loadURL(options.url)
  return win
}
