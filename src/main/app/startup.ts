import type { AppSettings, StartMode } from './app-settings'
import type { LoginItems } from './login-items'

/**
 * Registers or removes the app as a login item so the OS entry always matches the setting (run
 * at every start, and again when the setting changes): Electron's login items on Windows (the
 * user's Run key) and macOS, the XDG autostart folder on Linux (see login-items.ts). Returns
 * false where the platform has no mechanism.
 */
export function applyOpenAtLogin(
  loginItems: LoginItems | undefined,
  openAtLogin: boolean,
): boolean {
  if (!loginItems) return false
  loginItems.setLoginItemSettings({ openAtLogin })
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
  loginItems: LoginItems | undefined,
  settings: Pick<AppSettings, 'get' | 'onChange'>,
): () => void {
  let applied = settings.get().openAtLogin
  applyOpenAtLogin(loginItems, applied)
  return settings.onChange((next) => {
    if (next.openAtLogin === applied) return
    applied = next.openAtLogin
    applyOpenAtLogin(loginItems, applied)
  })
}
