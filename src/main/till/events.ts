import { EventRing, type RingEvent } from './event-ring'
import type { TillClock, TillPaymentRecord } from './ports'
import type { PaymentResource } from './resource'
import type { TillCaller } from './session'
import type { TerminalResource } from './terminals'
import { Waiters } from './waiters'

export type StreamListener = (event: RingEvent<PaymentResource | TerminalResource>) => void

/** A record's own till sees its key: the resource is built for that viewer. */
export function ownerView(record: TillPaymentRecord): { viewerTillId?: string } {
  const origin = record.origin
  return origin?.kind === 'till' && 'tillId' in origin ? { viewerTillId: origin.tillId } : {}
}

/**
 * The till link's live side: every payment change as a `payment.updated` event, every change of
 * a terminal's state as a `terminal.updated` (with a payment, or from terminal care's health), kept in a bounded ring for
 * `Last-Event-ID` resumes, handed to open streams of the same merchant, and to long-polls
 * waiting for that payment to be final.
 */
export class TillEvents {
  private readonly ring: EventRing
  private readonly streams = new Set<{ merchantId: string; listener: (e: RingEvent) => void }>()
  private readonly waiters = new Waiters<PaymentResource>()
  private readonly lastTerminal = new Map<string, string>()

  constructor(ringSize?: number) {
    this.ring = new EventRing(ringSize)
  }

  /**
   * Announces one change of one payment (`resource` as its own till sees it) and, when its
   * terminal's state changed with it, the terminal.
   */
  publish(record: TillPaymentRecord, resource: PaymentResource, terminal: TerminalResource): void {
    const owner = ownerView(record).viewerTillId
    const events = [
      this.ring.push({
        type: 'payment.updated',
        merchantId: record.merchantId,
        data: resource,
        ...(owner ? { ownerTillId: owner } : {}),
      }),
    ]
    const changed = this.terminalEvent(record.merchantId, terminal)
    if (changed) events.push(changed)
    if (resource.final) this.waiters.resolve(record.id, resource)
    this.deliver(events)
  }

  /** Announces a terminal whose state changed without a payment (terminal care's health). */
  publishTerminal(merchantId: string, terminal: TerminalResource): void {
    const changed = this.terminalEvent(merchantId, terminal)
    if (changed) this.deliver([changed])
  }

  private terminalEvent(merchantId: string, terminal: TerminalResource): RingEvent | undefined {
    const key = `${merchantId}\u0000${terminal.serial}`
    const fingerprint = `${terminal.state}/${terminal.paymentId}`
    if (this.lastTerminal.get(key) === fingerprint) return undefined
    this.lastTerminal.set(key, fingerprint)
    return this.ring.push({ type: 'terminal.updated', merchantId, data: terminal })
  }

  private deliver(events: RingEvent[]): void {
    for (const stream of this.streams) {
      for (const e of events) if (e.merchantId === stream.merchantId) stream.listener(e)
    }
  }

  /** The final resource, or undefined when `ms` passed or the asker went away first. */
  wait(
    id: string,
    ms: number,
    clock: TillClock,
    signal?: AbortSignal,
  ): Promise<PaymentResource | undefined> {
    return this.waiters.wait(id, ms, clock, signal)
  }

  get waiting(): number {
    return this.waiters.size
  }

  /**
   * Opens a stream for the caller's merchant: first what it missed after `lastEventId` (or the
   * current state from `snapshot` when that id cannot be resumed from), then every new event.
   */
  async open(
    caller: TillCaller,
    lastEventId: string | undefined,
    listener: StreamListener,
    snapshot: () => Promise<{ payments: PaymentResource[]; terminals: TerminalResource[] }>,
  ): Promise<() => void> {
    const entry = {
      merchantId: caller.merchantId,
      listener: (e: RingEvent) => listener(forCaller(caller, e)),
    }
    const backlog = lastEventId !== undefined ? this.ring.since(lastEventId) : []
    if (backlog) {
      for (const e of backlog) if (e.merchantId === caller.merchantId) entry.listener(e)
    } else {
      const id = this.ring.headId
      const base = { id, seq: Number(id.split('.')[1]), merchantId: caller.merchantId }
      const now = await snapshot()
      for (const data of now.payments) listener({ ...base, type: 'payment.updated', data })
      for (const data of now.terminals) listener({ ...base, type: 'terminal.updated', data })
    }
    this.streams.add(entry)
    return () => this.streams.delete(entry)
  }

  dispose(): void {
    this.waiters.clear()
    this.streams.clear()
  }
}

/** Another till's idempotency key stays hidden from this one. */
function forCaller(
  caller: TillCaller,
  event: RingEvent,
): RingEvent<PaymentResource | TerminalResource> {
  if (event.type !== 'payment.updated' || event.ownerTillId === caller.tillId) {
    return event as RingEvent<PaymentResource | TerminalResource>
  }
  return { ...event, data: { ...(event.data as PaymentResource), idempotencyKey: null } }
}
