import type { BrowserWindow, MessageBoxSyncOptions } from 'electron'

export interface QuitGuardDeps {
  app: { on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown }
  dialog: {
    showMessageBoxSync(window: BrowserWindow, options: MessageBoxSyncOptions): number
    showMessageBoxSync(options: MessageBoxSyncOptions): number
  }
}

export interface QuitGuardOptions {
  /** Operations in flight right now. */
  inFlight: () => number
  /** The "ask before quitting during a payment" setting. */
  isEnabled: () => boolean
  /** The window to attach the question to (undefined when none is open). */
  getWindow: () => BrowserWindow | undefined
}

const KEEP_OPEN = 0
const QUIT_ANYWAY = 1

export const QUIT_QUESTION: MessageBoxSyncOptions = {
  type: 'warning',
  title: 'A payment is still running',
  message: 'A payment is still running on a terminal. Quit anyway?',
  detail:
    'If you quit now the terminal may still take the card, and the app cannot show you the ' +
    'outcome until it is started again. Wait for the payment to finish, or quit and check the ' +
    'payment in the history when you reopen the app.',
  buttons: ['Keep the app open', 'Quit anyway'],
  defaultId: KEEP_OPEN,
  cancelId: KEEP_OPEN,
  noLink: true,
}

/**
 * Asks before the app quits or its window closes while an operation is in flight, and cancels
 * the quit when the cashier chooses to keep the app open. One "Quit anyway" answers for the
 * whole shutdown: closing the window leads to app.quit() and quitting closes the window, so
 * without this the question would come twice. Call `watchWindow` for each window that can close
 * the app.
 */
export function guardQuit(
  deps: QuitGuardDeps,
  options: QuitGuardOptions,
): { watchWindow(win: BrowserWindow): void } {
  let confirmed = false
  const check = (event: { preventDefault(): void }): void => {
    if (confirmed || !options.isEnabled() || options.inFlight() === 0) return
    const win = options.getWindow()
    const answer = win
      ? deps.dialog.showMessageBoxSync(win, QUIT_QUESTION)
      : deps.dialog.showMessageBoxSync(QUIT_QUESTION)
    if (answer === QUIT_ANYWAY) confirmed = true
    else event.preventDefault()
  }
  deps.app.on('before-quit', check)
  return {
    watchWindow(win) {
      win.on('close', check)
    },
  }
}
