import diagnostics from 'node:diagnostics_channel'

/**
 * Where a payment's milliseconds go, published on a Node diagnostics channel for the benchmarks
 * (bench/README.md) and for support: subscribe to `PAYMENT_TIMING_CHANNEL` and every step of every
 * payment arrives as a `TimingMark`. While nobody subscribes (the app's normal state) nothing is
 * measured: each place asks `timing.on` first, one property read.
 */
export const PAYMENT_TIMING_CHANNEL = 'pos-companion:payment-timing'

export type TimingStep =
  /** A request waiting for its key's budget, from asking to the grant. */
  | 'budget'
  /** A request in flight, from the grant to its answer (read and parsed by the client). */
  | 'request'
  /** A callback delivery, from its arrival to its body read and parsed as JSON. */
  | 'received'
  /** A callback body checked against the TransactionResult schema. */
  | 'parse'
  /** One change of the payment committed to the store (written to its log; fsync'd, unless deferred). */
  | 'commit'
  /** A deferred commit waiting for the fsync off the app's thread that puts it on disk. */
  | 'durable'
  /** The status event handed to every subscriber (the window, the till link, ...). */
  | 'announce'

export interface TimingMark {
  paymentId: string
  step: TimingStep
  /** performance.now() at the start and at the end of the step. */
  start: number
  end: number
}

const channel = diagnostics.channel(PAYMENT_TIMING_CHANNEL)

export const timing = {
  /** Somebody listens: worth reading the clock. */
  get on(): boolean {
    return channel.hasSubscribers
  },
  /** The clock the marks use (0 when nobody listens, so callers need no second check). */
  now(): number {
    return channel.hasSubscribers ? performance.now() : 0
  },
  /** Publishes one step that began at `start` (a value of `now()`) and ends now. */
  mark(paymentId: string, step: TimingStep, start: number): void {
    if (start === 0 || !channel.hasSubscribers) return
    const mark: TimingMark = { paymentId, step, start, end: performance.now() }
    channel.publish(mark)
  },
}
