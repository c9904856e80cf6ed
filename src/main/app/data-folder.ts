import { join } from 'node:path'
import type { App } from 'electron'

/** The data folder of development runs, next to the shop's own `POS Companion`. */
export const DEVELOPMENT_DATA_FOLDER = 'POS Companion Dev'

/**
 * Picks the data folder before anything asks for it (the single-instance lock, the services, the
 * settings). Development runs (`npm start`: not packaged) keep their own folder, so trying a change
 * on a shop PC never reads or writes the shop's payments, keys or settings, and a development
 * window never takes over a running shop app's instance lock. A `--user-data-dir` on the command
 * line wins in development (the real-Electron smoke test starts on a temporary folder). Packaged
 * builds keep Electron's default, `<appData>/POS Companion`. Returns the folder in use.
 */
export function chooseDataFolder(
  app: Pick<App, 'isPackaged' | 'getPath' | 'setPath' | 'commandLine'>,
): string {
  if (app.isPackaged) return app.getPath('userData')
  const requested = app.commandLine.getSwitchValue('user-data-dir')
  const folder = requested || join(app.getPath('appData'), DEVELOPMENT_DATA_FOLDER)
  app.setPath('userData', folder)
  return folder
}
