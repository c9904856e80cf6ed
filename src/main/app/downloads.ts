import { chmod } from 'node:fs/promises'
import { PRIVATE_FILE_MODE } from '../storage/atomic-write'

/** What this needs of Electron's Session and DownloadItem. */
export interface DownloadingSession {
  on(event: 'will-download', listener: (event: unknown, item: SavedFile) => void): unknown
}
export interface SavedFile {
  getSavePath(): string
  once(
    event: 'done',
    listener: (event: unknown, state: 'completed' | 'cancelled' | 'interrupted') => void,
  ): unknown
}

/**
 * Files a person saves from the app (a receipt PDF, the merchants configuration) go where they
 * choose, but owner-only like every file the app writes: a receipt carries card and payment
 * details, a configuration the merchants of this shop.
 */
export function keepDownloadsOwnerOnly(
  session: DownloadingSession,
  logError: (message: string) => void = console.error,
  setMode: (path: string, mode: number) => Promise<void> = chmod,
): void {
  session.on('will-download', (_event, item) => {
    item.once('done', (_done, state) => {
      if (state !== 'completed') return
      setMode(item.getSavePath(), PRIVATE_FILE_MODE).catch((err: unknown) =>
        logError(`Could not make a saved file owner-only: ${String(err)}`),
      )
    })
  })
}
