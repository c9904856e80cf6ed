import type { PaymentStore } from './store/port'
import { timing } from './timing'

/** A group committed less than this long ago: a burst is on. */
const BURST_MS = 5
/** How long a group gathers writes during a burst. */
const GATHER_MS = 1

interface Queued {
  paymentId: string
  write: () => unknown
  done: (value: unknown) => void
  failed: (error: unknown) => void
}

/**
 * The engine's writes on its busy paths (a callback's result, a sale's first save, Handpoint's
 * "accepted"), committed in groups: one transaction and one fsync for all the writes of a group.
 * When several terminals finish at once, each result, and the first save of each next sale, would
 * otherwise wait for the disk one after another on the app's thread, and the last of them for all
 * the others (bench/README.md, B3).
 *
 * Each write runs inside the group as a savepoint, in the order asked, so it sees the ones before
 * it (a money check and the save that depends on it stay one step). Its promise settles only once
 * the group is on disk; what acts on a change inside a write goes through the store's
 * `afterCommit`. A write that throws fails alone (its own changes undone); a failed commit fails
 * every write of the group, with each operation put back as it was (`onRollback`).
 */
export class GroupWriter {
  private queue: Queued[] = []
  /** When the last group committed (performance.now()). */
  private lastCommit = -Infinity

  constructor(private readonly store: PaymentStore) {}

  /**
   * Runs `write` in the next group; resolves with its value once the group is committed. An idle
   * writer commits at the end of this turn; one that committed a moment ago (a burst is on) gives
   * the group a millisecond to gather what else arrives, so a burst pays a few fsyncs, not one
   * per write.
   */
  write<T>(paymentId: string, write: () => T): Promise<T> {
    return new Promise<T>((done, failed) => {
      this.queue.push({ paymentId, write, done: done as (value: unknown) => void, failed })
      if (this.queue.length > 1) return
      if (performance.now() - this.lastCommit < BURST_MS) setTimeout(() => this.commit(), GATHER_MS)
      else setImmediate(() => this.commit())
    })
  }

  private commit(): void {
    const group = this.queue
    this.queue = []
    this.lastCommit = performance.now()
    const answers: (() => void)[] = []
    let written = 0
    try {
      this.store.transaction(() => {
        // The first thing run after the commit: how long the group's commit took, per payment.
        this.store.afterCommit(() => {
          for (const { paymentId } of group) timing.mark(paymentId, 'commit', written)
        })
        for (const item of group) {
          try {
            const value = this.store.transaction(item.write)
            answers.push(() => item.done(value))
          } catch (error) {
            answers.push(() => item.failed(error))
          }
        }
        written = timing.now()
      })
    } catch (error) {
      for (const item of group) item.failed(error)
      return
    }
    for (const answer of answers) answer()
  }
}
