import {
  FINAL_STATES,
  type EventName,
  type PaymentRecord,
  type PayloadOf,
  type PaymentState,
  type PaymentStatusEvent,
} from '@shared/contract'
import type { EventSink } from '../ipc/handlers'

/**
 * Which payments are in flight right now, learnt from the services' `onPaymentStatus` events:
 * a record whose state is not final is in flight. Keyed by record id, so a repeated or
 * out-of-order event never counts one payment twice or lets the count go negative.
 * Subscribe it to the services like any other EventSink.
 */
export class PaymentActivity implements EventSink {
  private readonly inFlight = new Set<string>()
  /** Ids an event has told us about: newer than anything a snapshot can say. */
  private readonly seen = new Set<string>()
  private readonly listeners = new Set<(count: number) => void>()

  emit<K extends EventName>(name: K, payload: PayloadOf<K>): void {
    if (name !== 'onPaymentStatus') return
    const record = (payload as PayloadOf<'onPaymentStatus'>).record
    this.seen.add(record.id)
    this.apply(record)
  }

  /**
   * Adds what the engine reports as active (operations it recovered at start, before anyone was
   * subscribed). An id an event already reported is skipped: the snapshot may be older.
   */
  seed(statuses: readonly PaymentStatusEvent[]): void {
    for (const { record } of statuses) if (!this.seen.has(record.id)) this.apply(record)
  }

  /** Marks an operation as in flight (idempotent). */
  paymentStarted(id: PaymentRecord['id']): void {
    if (this.inFlight.has(id)) return
    this.inFlight.add(id)
    this.changed()
  }

  /** Marks an operation as finished (idempotent). */
  paymentFinished(id: PaymentRecord['id']): void {
    if (this.inFlight.delete(id)) this.changed()
  }

  /** How many operations are in flight. */
  get count(): number {
    return this.inFlight.size
  }

  /** Calls `listener` with the new count whenever it changes; returns the unsubscribe function. */
  onChange(listener: (count: number) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private apply(record: Pick<PaymentRecord, 'id' | 'state'>): void {
    if (isFinal(record.state)) this.paymentFinished(record.id)
    else this.paymentStarted(record.id)
  }

  private changed(): void {
    for (const listener of this.listeners) listener(this.inFlight.size)
  }
}

function isFinal(state: PaymentState): boolean {
  return FINAL_STATES.includes(state)
}
