import type { App, BrowserWindow } from 'electron'

/**
 * One app per checkout: a second start focuses the first window instead of opening a second
 * engine on the same payment store. Returns false when this process must quit.
 */
export function claimSingleInstance(app: App, getWindow: () => BrowserWindow | undefined): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', () => {
    const win = getWindow()
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.focus()
  })
  return true
}
