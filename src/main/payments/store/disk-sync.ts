import fs from 'node:fs'
import type { DatabaseSync } from 'node:sqlite'

interface Waiting {
  /** The commit it waits for (every commit up to this one on disk). */
  upTo: number
  run: () => void
  /** The disk failed before it was on disk. */
  fail?: (error: Error) => void
}

/**
 * Commits that wait for the disk off the app's thread. A payment's own changes (its first save,
 * Handpoint's answers, its result) are committed with `synchronous=NORMAL`: SQLite writes them to
 * the write-ahead log without the fsync, so the commit takes a fraction of a millisecond and the
 * event loop goes on reading results. The log is then fsync'd here on libuv's thread pool, and
 * whatever acts on those changes (`waiting`: an event, the answer to a callback, the terminal
 * freed, the request to Handpoint) runs only once the fsync that covers them has returned. One
 * fsync covers every commit made before it started, so the commits of a burst wait for the disk
 * together (a group commit, without holding anything back to gather them).
 *
 * Power lost before that fsync loses those changes and nothing acted on them: WAL frames carry
 * cumulative checksums, so recovery keeps the log only up to the last whole commit, and a later
 * commit is never on disk without the earlier ones. A commit made with `synchronous=FULL` (every
 * other write of the store) fsyncs the same log itself, so it also makes every deferred commit
 * before it durable.
 *
 * The log is fsync'd through a descriptor of our own, opened on the `-wal` file the connection
 * already has (never created here: SQLite writes no locks to it, so opening and closing it cannot
 * drop SQLite's). Where there is no such file (an in-memory database), deferred commits are synced
 * by SQLite as any other (`supported` false).
 */
export class DiskSync {
  private fd?: number
  private fdOf?: DatabaseSync
  /** Deferred commits made so far, and how many of them are known to be on disk. */
  private written = 0
  private durable = 0
  /** The descriptor an fsync in flight uses (closed by that fsync when it is left behind). */
  private syncingFd?: number
  private releasing = false
  private checked?: DatabaseSync
  private onFile = false
  private readonly waiting: Waiting[] = []
  /** The fsync failed: nothing more can be trusted to reach the disk. */
  failure?: Error

  constructor(
    private readonly db: () => DatabaseSync,
    /** Told once, when an fsync fails (the store stops writing). */
    private readonly failed: (error: Error) => void,
    /** Told of an error thrown by an action run after an fsync (nobody else would hear of it). */
    private readonly actionFailed: (error: unknown) => void,
  ) {}

  /** Deferred commits can be made on this database (it has a log file to fsync). */
  get supported(): boolean {
    const db = this.db()
    if (this.checked !== db) {
      this.checked = db
      this.onFile = db.location() !== null
    }
    return this.failure === undefined && this.onFile
  }

  /** Some commit is not known to be on disk yet. */
  get pending(): boolean {
    return this.durable < this.written
  }

  /** A deferred commit was made; `actions` run once it is on disk. */
  deferred(actions: (() => void)[]): void {
    this.written += 1
    if (actions.length > 0) this.waiting.push({ upTo: this.written, run: () => runAll(actions) })
    this.start()
  }

  /**
   * After a commit that waited for the disk itself: SQLite's fsync of the log covered every
   * deferred commit before it, unless it had nothing to write (then it did not fsync). So what is
   * still pending is fsync'd here, on this thread (a log fsync'd a moment ago has little left to
   * write), and what waited for it runs.
   */
  syncNow(): void {
    if (this.syncHere(() => this.descriptor())) this.release()
  }

  /** Runs `action` once every commit made so far is on disk: now, when they all are. */
  whenDurable(action: () => void): void {
    if (this.pending) this.waiting.push({ upTo: this.written, run: action })
    else action()
  }

  /** Resolves once every commit made so far is on disk; rejects when the disk failed. */
  flushed(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    if (!this.pending) return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.waiting.push({ upTo: this.written, run: resolve, fail: reject })
    })
  }

  /**
   * Before the database is closed or swapped for another: what is pending is fsync'd (through
   * the descriptor already open on its log) and the log let go. What waited runs now, or, with
   * `release: false`, when the caller calls `release()` (once the new database is in place).
   */
  settle(options: { release?: boolean } = {}): void {
    this.syncHere(() => this.fd ?? this.descriptor())
    this.drop()
    if (options.release !== false) this.release()
  }

  /** Fsyncs what is pending on this thread; false when the disk failed (now or before). */
  private syncHere(fd: () => number): boolean {
    if (this.failure) return false
    if (!this.pending) return true
    try {
      fs.fdatasyncSync(fd())
      this.durable = this.written
      return true
    } catch (error) {
      this.fail(asError(error))
      return false
    }
  }

  private start(): void {
    if (this.syncingFd !== undefined || !this.pending || this.failure) return
    let fd: number
    try {
      fd = this.descriptor()
    } catch (error) {
      this.fail(asError(error))
      return
    }
    this.syncingFd = fd
    const upTo = this.written
    fs.fdatasync(fd, (error) => {
      this.syncingFd = undefined
      // A descriptor left behind by `settle` or by a swapped database is closed once idle.
      if (fd !== this.fd) this.closeQuietly(fd)
      if (error) {
        this.fail(error)
        return
      }
      this.durable = Math.max(this.durable, upTo)
      this.release()
      this.start()
    })
  }

  /**
   * Runs, in order, what waited for commits now on disk. An action that commits (and so asks
   * again) leaves the rest to the loop already running, which keeps the order.
   */
  release(): void {
    if (this.releasing) return
    this.releasing = true
    try {
      while (this.waiting.length > 0 && this.waiting[0]!.upTo <= this.durable) {
        const { run } = this.waiting.shift()!
        try {
          run()
        } catch (error) {
          this.actionFailed(error)
        }
      }
    } finally {
      this.releasing = false
    }
  }

  private fail(error: Error): void {
    if (this.failure) return
    this.failure = error
    // Nothing that waited may act now: whether its change reached the disk is unknown.
    for (const { fail } of this.waiting.splice(0)) fail?.(error)
    this.failed(error)
  }

  /** The descriptor of the open database's log (opened on first use). */
  private descriptor(): number {
    const db = this.db()
    if (this.fd !== undefined && this.fdOf === db) return this.fd
    this.drop()
    const file = db.location()
    if (file === null) throw new Error('an in-memory database has no log to fsync')
    // 'r+' opens the existing log and never creates one.
    this.fd = fs.openSync(`${file}-wal`, 'r+')
    this.fdOf = db
    return this.fd
  }

  /** Forgets the descriptor; closed now, or by the fsync still using it when it returns. */
  private drop(): void {
    const fd = this.fd
    this.fd = undefined
    this.fdOf = undefined
    if (fd !== undefined && fd !== this.syncingFd) this.closeQuietly(fd)
  }

  private closeQuietly(fd: number): void {
    try {
      fs.closeSync(fd)
    } catch {
      // Already closed: nothing to release.
    }
  }
}

/** Runs every function, even when one throws; the first error is thrown after the last ran. */
export function runAll(fns: (() => void)[]): void {
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

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}
