import type { PaymentRecord, PaymentStatusEvent } from '@shared/contract/payments.contract'
import type { HandpointClient } from '../handpoint/types'
import { PaymentOperation, type OperationContext } from './payment-operation'
import type { MerchantDirectory } from './ports'
import type { RateBudget } from './rate-budget'
import type { Settings } from './settings'
import { isFinal } from './states'
import type { PaymentStore, StoredPayment, TransactionOptions } from './store/port'
import type { TerminalLocks } from './terminal-locks'
import { watch } from './watcher'

/**
 * The operations being followed, by id. `track()` is the one way an operation becomes live, for
 * a new start, a recovery after a restart and a "check again" alike; it starts the watch loop
 * (./watcher.ts) unless the caller still has to send the request. It also carries the engine's
 * listeners: every status event, and each final state once.
 */
export class OperationTracker {
  private readonly live = new Map<string, PaymentOperation>()
  private readonly finalListeners = new Set<(record: PaymentRecord) => void>()
  private readonly subscribers = new Set<(event: PaymentStatusEvent) => void>()
  private readonly context: OperationContext

  constructor(deps: {
    store: PaymentStore
    settings: Settings
    locks: TerminalLocks
    budget: RateBudget
    directory: MerchantDirectory
  }) {
    this.context = {
      ...deps,
      announce: (event) => this.announce(event),
      ended: (op, record, final) => this.ended(op, record, final),
      pollersOn: (key) => this.pollersOn(key),
      commitOptions: (id) => this.commitOptions(id),
    }
  }

  /**
   * How a payment's commit meets the disk. While another payment than `id` is followed, it does
   * not wait for the disk on the app's thread (store/disk-sync.ts): one payment's fsync would
   * hold up the others' results. Alone, it waits where it is made, which is quicker for it.
   */
  commitOptions(id?: string): TransactionOptions {
    const others = this.live.size > (id !== undefined && this.live.has(id) ? 1 : 0)
    return { waitForDisk: !others }
  }

  /**
   * The live operation of a stored, unfinished payment, created when not live yet. `watch`
   * false: the caller sends the request first and starts watching after (./start.ts).
   */
  track(
    stored: StoredPayment,
    options: { client?: HandpointClient; watch?: boolean } = {},
  ): PaymentOperation {
    let op = this.live.get(stored.record.id)
    if (!op) {
      if (isFinal(stored.record.state)) throw new Error(`Payment ${stored.record.id} is final.`)
      op = new PaymentOperation(this.context, stored, options.client)
      this.live.set(op.id, op)
    }
    if (options.watch !== false) this.follow(op)
    return op
  }

  /** Starts the watch loop of a live operation (once; a second call wakes it instead). */
  follow(op: PaymentOperation): void {
    if (op.watching) op.wake()
    else void watch(op, this.context)
  }

  get(id: string): PaymentOperation | undefined {
    return this.live.get(id)
  }

  /** Every live operation, as status events. */
  active(): PaymentStatusEvent[] {
    // As on disk: a change whose fsync is still running is shown once it is done.
    return [...this.live.values()].map((op) => op.event(op.shown))
  }

  announce(event: PaymentStatusEvent): void {
    for (const listener of this.subscribers) {
      try {
        listener(event)
      } catch {
        // A subscriber's failure (a closed window, a dropped event stream) stops nothing.
      }
    }
  }

  subscribe(listener: (event: PaymentStatusEvent) => void): () => void {
    this.subscribers.add(listener)
    return () => this.subscribers.delete(listener)
  }

  onFinal(listener: (record: PaymentRecord) => void): () => void {
    this.finalListeners.add(listener)
    return () => this.finalListeners.delete(listener)
  }

  /** The engine is shutting down: every operation stops waiting; nothing more is sent. */
  abandonAll(): void {
    for (const op of this.live.values()) op.abandon()
    this.live.clear()
  }

  private ended(op: PaymentOperation, record: PaymentRecord, final: boolean): void {
    if (this.live.get(op.id) === op) this.live.delete(op.id)
    if (!final) return
    // The lifecycle lets a payment become final once, so listeners hear of it once.
    for (const listener of this.finalListeners) {
      try {
        listener(record)
      } catch {
        // A listener's failure (receipts) must not undo or repeat a final payment.
      }
    }
  }

  private pollersOn(key: string): number {
    let count = 0
    for (const op of this.live.values()) {
      if (op.merchantId === key && op.watching && op.record.flow === 'poll') count += 1
    }
    return Math.max(1, count)
  }
}
