import { randomBytes } from 'node:crypto'

/** One event of the till link's stream, kept for resuming clients. */
export interface RingEvent<T = unknown> {
  /** `<boot>.<seq>`: ids from an earlier run of the app are recognised as too old. */
  id: string
  seq: number
  type: 'payment.updated' | 'terminal.updated'
  merchantId: string
  data: T
  /** The till that started the payment (its key is shown to it alone). */
  ownerTillId?: string
}

/**
 * A bounded ring of the latest events. A client that reconnects with `Last-Event-ID` gets what
 * it missed when that id is still in the ring; otherwise (too old, or from before a restart)
 * `since` says so and the caller sends the current state instead.
 */
export class EventRing {
  private readonly events: RingEvent[] = []
  private seq = 0
  readonly boot = randomBytes(4).toString('hex')

  constructor(private readonly capacity = 1024) {}

  push(event: Omit<RingEvent, 'id' | 'seq'>): RingEvent {
    this.seq += 1
    const stored = { ...event, seq: this.seq, id: `${this.boot}.${this.seq}` }
    this.events.push(stored)
    if (this.events.length > this.capacity) this.events.shift()
    return stored
  }

  /** Id of the newest event (what a fresh client would resume from). */
  get headId(): string {
    return `${this.boot}.${this.seq}`
  }

  /** Events after `lastEventId`, or undefined when that id is not resumable. */
  since(lastEventId: string): RingEvent[] | undefined {
    const match = /^([0-9a-f]{8})\.(\d{1,15})$/.exec(lastEventId)
    if (!match || match[1] !== this.boot) return undefined
    const after = Number(match[2])
    if (after > this.seq) return undefined
    const oldest = this.events[0]?.seq ?? this.seq + 1
    // Events after `after` must all still be here: the first one missed is after + 1.
    if (after + 1 < oldest) return undefined
    return this.events.filter((e) => e.seq > after)
  }
}
