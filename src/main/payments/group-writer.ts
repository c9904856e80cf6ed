import type { PaymentStore, TransactionOptions } from './store/port'
import { timing } from './timing'

interface Queued {
  paymentId: string
  write: () => unknown
  done: (value: unknown) => void
  failed: (error: unknown) => void
}

/**
 * Writes asked for in the same turn of the event loop, committed together: one transaction and
 * one fsync for all of them (a group commit). The engine's callback deliveries go through it:
 * when several terminals finish at once, each result would otherwise wait for the disk behind
 * the commits of the ones read before it, on the app's thread.
 *
 * Each write runs inside the group as a savepoint, in the order asked, so it sees the ones before
 * it. Its promise settles only once the group is on disk (the commit itself does not wait for
 * the disk on the app's thread; see store/disk-sync.ts); what acts on a change inside a write
 * goes through the store's `afterCommit`. A write that throws fails alone (its own changes
 * undone); a failed commit fails every write of the group, with each operation put back as it
 * was (`onRollback`).
 */
export class GroupWriter {
  private queue: Queued[] = []

  constructor(
    private readonly store: PaymentStore,
    /** How one payment's commit meets the disk (see OperationTracker.commitOptions). */
    private readonly commitOptions: (paymentId: string) => TransactionOptions,
  ) {}

  /** Runs `write` in this turn's group; resolves with its value once the group is committed. */
  write<T>(paymentId: string, write: () => T): Promise<T> {
    return new Promise<T>((done, failed) => {
      this.queue.push({ paymentId, write, done: done as (value: unknown) => void, failed })
      if (this.queue.length === 1) setImmediate(() => this.commit())
    })
  }

  private commit(): void {
    const group = this.queue
    this.queue = []
    const answers: (() => void)[] = []
    const writing = timing.now()
    try {
      this.store.transaction(
        () => {
          for (const item of group) {
            try {
              const value = this.store.transaction(item.write)
              answers.push(() => item.done(value))
            } catch (error) {
              answers.push(() => item.failed(error))
            }
          }
        },
        // Several results together never wait for the disk on the app's thread.
        group.length === 1 ? this.commitOptions(group[0]!.paymentId) : { waitForDisk: false },
      )
    } catch (error) {
      for (const item of group) item.failed(error)
      return
    }
    const written = timing.now()
    if (writing) for (const { paymentId } of group) timing.mark(paymentId, 'commit', writing)
    // The answers once the group is on disk (after what waited for its commit: the events).
    this.store.flushed().then(
      () => {
        if (written) for (const { paymentId } of group) timing.mark(paymentId, 'durable', written)
        for (const answer of answers) answer()
      },
      (error: unknown) => {
        for (const item of group) item.failed(error)
      },
    )
  }
}
