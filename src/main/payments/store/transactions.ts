import type { DatabaseSync } from 'node:sqlite'

/**
 * The store's write transactions. The outermost is `BEGIN IMMEDIATE ... COMMIT` (with
 * `synchronous=FULL`, durable when COMMIT returns); one inside it is a savepoint, so a write
 * that fails undoes only itself. Several writes in one transaction wait for the disk once: the
 * engine applies the callbacks that arrive together that way (a group commit).
 *
 * Nothing may act on a fact before it is on disk, so what acts (an event to the window, a
 * waiting caller told the outcome) is handed to `afterCommit` and runs once the outermost
 * transaction has committed; a rollback drops it and runs the undos registered with
 * `onRollback` instead (an operation's in-memory state put back as it was).
 */
export class Transactions {
  private actions: (() => void)[] = []
  private undos: (() => void)[] = []
  private depth = 0

  constructor(
    private readonly db: () => DatabaseSync,
    /** Told after any rollback (the store reloads the names the writes had added). */
    private readonly rolledBack: () => void,
    /** Told after each commit, before what waited for it runs. */
    private readonly committed: () => void = () => {},
  ) {}

  run<T>(work: () => T): T {
    const db = this.db()
    if (db.isTransaction) return this.savepoint(db, work)
    db.exec('BEGIN IMMEDIATE')
    let result: T
    try {
      result = work()
      db.exec('COMMIT')
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK')
      this.undoSince(0, 0)
      throw error
    }
    const actions = this.actions
    this.actions = []
    this.undos = []
    this.committed()
    runAll(actions)
    return result
  }

  afterCommit(action: () => void): void {
    if (this.db().isTransaction) this.actions.push(action)
    else action()
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

/** Runs every function, even when one throws; the first error is thrown after the last ran. */
function runAll(fns: (() => void)[]): void {
  let failure: { error: unknown } | undefined
  for (const fn of fns) {
    try {
      fn()
    } catch (error) {
      failure ??= { error }
    }
  }
  if (failure) throw failure.error
}
