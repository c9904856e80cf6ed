import type { DatabaseSync } from 'node:sqlite'
import { CHECKPOINT_PAGES } from './database'

/** No commit for this long: the app is between bursts, a good moment to checkpoint. */
const QUIET_MS = 50
/** If the app is never quiet, SQLite checkpoints inside a commit once the log is this long. */
const BACKSTOP_PAGES = CHECKPOINT_PAGES * 5

/**
 * When SQLite copies the write-ahead log back into the database file. Left to SQLite, that copy
 * and its fsync run inside whichever commit crosses the mark, often in the middle of a burst of
 * results, which then all wait for it (5 to 20 ms on a store of 100,000 payments; bench/README.md,
 * B3). Here it runs once the commits have paused for a moment: a PASSIVE checkpoint (it never
 * waits for a reader or blocks one) of what the last burst wrote, a small piece each time.
 * SQLite's own checkpoint stays on as a backstop, at a longer log, for an app that is never quiet.
 * Durability does not change: every commit is fsync'd to the log before anything acts on it.
 */
export class QuietCheckpoints {
  private timer?: NodeJS.Timeout
  private written = false
  /** Checkpoints run (for tests and the benchmark). */
  done = 0

  constructor(private readonly db: () => DatabaseSync) {}

  /** Sets the log's length SQLite waits for: on each database the store uses. */
  apply(): void {
    this.db().exec(`PRAGMA wal_autocheckpoint = ${BACKSTOP_PAGES}`)
  }

  /** After each commit: the checkpoint waits until none has come for a moment. */
  committed(): void {
    this.written = true
    if (this.timer) {
      this.timer.refresh()
      return
    }
    this.timer = setTimeout(() => this.run(), QUIET_MS)
    this.timer.unref()
  }

  close(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  private run(): void {
    this.timer = undefined
    const db = this.db()
    if (!this.written || !db.isOpen || db.isTransaction) return
    this.written = false
    db.prepare('PRAGMA wal_checkpoint(PASSIVE)').get()
    this.done += 1
  }
}
