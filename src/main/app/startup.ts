import type { AppSettings, StartMode } from './app-settings'

export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean }): void
}

/**
 * Registers or removes the app as a login item so the OS entry always matches the setting (run
 * at every start, and again when the setting changes). Electron supports this on Windows (the
 * user's Run key) and macOS (login items); on Linux it does nothing and the README explains the
 * desktop's autostart folder instead.
 */
export function applyOpenAtLogin(
  app: LoginItemApp,
  openAtLogin: boolean,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (platform !== 'win32' && platform !== 'darwin') return false
  app.setLoginItemSettings({ openAtLogin })
  return true
}

export interface StartModeWindow {
  setFullScreen(flag: boolean): void
  setKiosk(flag: boolean): void
}

/**
 * Opens the window the way the shop wants it at the counter. Kiosk hides the task bar and window
 * controls; the cashier leaves it only by quitting (menu accelerator), which is the point.
 */
export function applyStartMode(win: StartModeWindow, mode: StartMode): void {
  if (mode === 'kiosk') win.setKiosk(true)
  else if (mode === 'fullscreen') win.setFullScreen(true)
}

/**
 * Applies the login-item setting now and again whenever it changes (and only then: the settings
 * also change every time the window moves).
 */
export function syncOpenAtLogin(
  app: LoginItemApp,
  settings: Pick<AppSettings, 'get' | 'onChange'>,
  platform: NodeJS.Platform = process.platform,
): () => void {
  let applied = settings.get().openAtLogin
  applyOpenAtLogin(app, applied, platform)
  return settings.onChange((next) => {
    if (next.openAtLogin === applied) return
    applied = next.openAtLogin
    applyOpenAtLogin(app, applied, platform)
  })
}
