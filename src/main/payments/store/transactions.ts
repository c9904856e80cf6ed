import type { DatabaseSync } from 'node:sqlite'
import { runAll, type DiskSync } from './disk-sync'
import type { TransactionOptions } from './port'

/**
 * The store's write transactions. The outermost is `BEGIN IMMEDIATE ... COMMIT` (with
 * `synchronous=FULL`, durable when COMMIT returns); one inside it is a savepoint, so a write
 * that fails undoes only itself. Several writes in one transaction wait for the disk once: the
 * engine applies the callbacks that arrive together that way (a group commit).
 *
 * Nothing may act on a fact before it is on disk, so what acts (an event to the window, a
 * waiting caller told the outcome) is handed to `afterCommit` and runs once the outermost
 * transaction is on disk; a rollback drops it and runs the undos registered with `onRollback`
 * instead (an operation's in-memory state put back as it was). A transaction run with
 * `waitForDisk: false` is on disk only when `disk` says so; any other is when COMMIT returns,
 * and so is every commit before it.
 */
export class Transactions {
  private actions: (() => void)[] = []
  /** Inside the outermost transaction's work. */
  private working = false
  /** The connection was left at synchronous=NORMAL. */
  private relaxed = false
  private undos: (() => void)[] = []
  private depth = 0

  constructor(
    private readonly db: () => DatabaseSync,
    /** Told after any rollback (the store reloads the names the writes had added). */
    private readonly rolledBack: () => void,
    /** Told after each commit, before what waited for it runs. */
    private readonly committed: () => void,
    private readonly disk: DiskSync,
    /** Thrown instead of writing once the disk has failed. */
    private readonly refusal: (failure: Error) => Error,
  ) {}

  run<T>(work: () => T, options: TransactionOptions = {}): T {
    const db = this.db()
    if (db.isTransaction) return this.savepoint(db, work)
    // Inside `work` with no transaction open: SQLite rolled it back (an I/O error, a full disk).
    // A write now would commit on its own, outside what the caller holds: it fails instead.
    if (this.working) throw new Error('the transaction was rolled back by SQLite')
    if (this.disk.failure) throw this.refusal(this.disk.failure)
    // A connection left at NORMAL by a failed rollback is put back before anything else.
    if (this.relaxed) this.setSynchronous(db, 'FULL')
    const deferred = options.waitForDisk === false && this.disk.supported
    if (deferred) this.setSynchronous(db, 'NORMAL')
    let result: T
    try {
      db.exec('BEGIN IMMEDIATE')
      this.working = true
      result = work()
      db.exec('COMMIT')
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK')
      this.undoSince(0, 0)
      throw error
    } finally {
      this.working = false
      // Not while a transaction is still open (a rollback that failed): SQLite refuses it then.
      if (deferred && !db.isTransaction) this.setSynchronous(db, 'FULL')
    }
    const actions = this.actions
    this.actions = []
    this.undos = []
    this.committed()
    if (deferred) {
      this.disk.deferred(actions)
    } else {
      this.disk.syncNow()
      runAll(actions)
    }
    return result
  }

  private setSynchronous(db: DatabaseSync, level: 'FULL' | 'NORMAL'): void {
    db.exec(`PRAGMA synchronous = ${level}`)
    this.relaxed = level === 'NORMAL'
  }

  afterCommit(action: () => void): void {
    if (this.db().isTransaction) this.actions.push(action)
    else this.disk.whenDurable(action)
  }

  /** Resolves once every commit so far is on disk (at once when none waits for it). */
  flushed(): Promise<void> {
    return this.disk.flushed().catch((error: Error) => {
      throw this.refusal(error)
    })
  }

  onRollback(undo: () => void): void {
    if (this.db().isTransaction) this.undos.push(undo)
  }

  private savepoint<T>(db: DatabaseSync, work: () => T): T {
    this.depth += 1
    const name = `part${this.depth}`
    const marks = [this.actions.length, this.undos.length] as const
    db.exec(`SAVEPOINT ${name}`)
    try {
      const result = work()
      db.exec(`RELEASE ${name}`)
      return result
    } catch (error) {
      if (db.isTransaction) {
        db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`)
        this.undoSince(...marks)
      } else {
        // SQLite rolled the whole transaction back itself (a full disk, an I/O error).
        this.undoSince(0, 0)
      }
      throw error
    } finally {
      this.depth -= 1
    }
  }

  /** After a rollback: drop what waited for it and run its undos, newest first. */
  private undoSince(actions: number, undos: number): void {
    this.rolledBack()
    this.actions.length = actions
    runAll(this.undos.splice(undos).reverse())
  }
}
