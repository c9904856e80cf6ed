import { timing } from './timing'

/**
 * The per-API-key request budget (docs/handpoint-api.md §8: 2 requests/s per key). Every request the engine
 * makes for a key goes through `send`, which calls the request itself in the same tick as the
 * grant, so nothing (no journal write, no other work) can sit between them.
 *
 * Why the guarantee holds by construction: Handpoint sees a request arrive at some moment after
 * we granted it and before we got its answer. A request therefore counts against the key from
 * its grant until `windowMs` after its answer (a request still in flight counts in full). A new
 * grant is given only while fewer than `perWindow` requests count. Take any `perWindow + 1`
 * arrivals and the one granted last: when it was granted, each other one was in flight or
 * answered after the first of them arrived, i.e. less than a window before; so it was refused.
 * Event-loop stalls or a slow network only make the accounting more cautious, never wrong.
 * `windowMs` adds a margin over the measured second for clock differences.
 */
/** Sends one request through a key's budget on behalf of one owner (see RateBudget.send). */
export type Gate = <T>(request: () => Promise<T>) => Promise<T>

/**
 * `background` requests (terminal health checks) go only when no normal request of the key is
 * waiting, and only while at least one slot of the window stays free, so a payment's next
 * request never waits for them.
 */
export type Priority = 'normal' | 'background'

export interface RateBudgetOptions {
  /** Requests per window per key; default 2. */
  perWindow?: number
  /** Window length in ms; default 1100 (one second plus a 10% margin). */
  windowMs?: number
  /** After a 429 the key runs at one request per window for this long; default 30 s. */
  cautiousMs?: number
  /** Monotonic time source; default performance.now. */
  now?: () => number
  /**
   * The API key behind a budget key (a merchant id): merchants that share one API key share one
   * budget, since Handpoint counts per key. Default: each budget key is its own.
   */
  keyOf?: (key: string) => string
}

/** The engine is shutting down; the request was not sent. */
export class BudgetClosedError extends Error {
  constructor() {
    super('The request budget is closed.')
    this.name = 'BudgetClosedError'
  }
}

interface Waiter {
  start: () => void
  reject: (err: Error) => void
}

interface Queue {
  ring: string[]
  waiting: Map<string, Waiter[]>
}

interface KeyState {
  /** Requests granted and not answered yet. */
  inFlight: number
  /** When recent requests were answered (ascending), kept for one window. */
  answered: number[]
  pausedUntil: number
  cautiousUntil: number
  ring: string[]
  waiting: Map<string, Waiter[]>
  background: Queue
  timer?: ReturnType<typeof setTimeout>
  /** The timer waits for a background slot: a normal request does not wait for it. */
  timerForBackground?: boolean
}

export class RateBudget {
  private readonly perWindow: number
  private readonly windowMs: number
  private readonly cautiousMs: number
  private readonly now: () => number
  private readonly keyOf: (key: string) => string
  private readonly keys = new Map<string, KeyState>()
  private closed = false

  constructor(options: RateBudgetOptions = {}) {
    this.perWindow = Math.max(1, options.perWindow ?? 2)
    this.windowMs = options.windowMs ?? 1100
    this.cautiousMs = options.cautiousMs ?? 30_000
    this.now = options.now ?? (() => performance.now())
    this.keyOf = options.keyOf ?? ((key) => key)
  }

  /** The interval at which one owner alone could keep sending without waiting, in ms. */
  get slotMs(): number {
    return this.windowMs / this.perWindow
  }

  /**
   * Sends one request of `owner` (one operation) with `key` once the budget allows: `request` is
   * called synchronously at the grant, so it must start the network call at once and must not
   * write to disk or wait on anything first. Owners waiting on one key are served round robin.
   */
  send<T>(
    key: string,
    owner: string,
    request: () => Promise<T>,
    priority: Priority = 'normal',
  ): Promise<T> {
    if (this.closed) return Promise.reject(new BudgetClosedError())
    key = this.keyOf(key)
    const state = this.state(key)
    const queue: Queue = priority === 'background' ? state.background : state
    const asked = timing.now()
    return new Promise<T>((resolve, reject) => {
      const start = (): void => {
        timing.mark(owner, 'budget', asked)
        const granted = timing.now()
        state.inFlight += 1
        let pending: Promise<T>
        try {
          pending = request()
        } catch (err) {
          pending = Promise.reject(err instanceof Error ? err : new Error(String(err)))
        }
        const settled = (): void => {
          timing.mark(owner, 'request', granted)
          state.inFlight -= 1
          state.answered.push(this.now())
          this.pump(key, state)
        }
        pending.then(
          (value) => (settled(), resolve(value)),
          (err: unknown) => (settled(), reject(err)),
        )
      }
      const list = queue.waiting.get(owner)
      if (list) list.push({ start, reject })
      else {
        queue.waiting.set(owner, [{ start, reject }])
        queue.ring.push(owner)
      }
      if (priority === 'normal' && state.timerForBackground) this.stopTimer(state)
      this.pump(key, state)
    })
  }

  /** Handpoint said 429: nobody of this key sends anything until `ms` from now, then slower. */
  pause(key: string, ms: number): void {
    key = this.keyOf(key)
    const state = this.state(key)
    const now = this.now()
    state.pausedUntil = Math.max(state.pausedUntil, now + ms)
    state.cautiousUntil = Math.max(state.cautiousUntil, now + ms + this.cautiousMs)
    this.stopTimer(state)
    this.pump(key, state)
  }

  /** How many owners are waiting for this key right now (for fair-share schedules; background
   * requests do not count: they never take a payment's turn). */
  waiting(key: string): number {
    return this.keys.get(this.keyOf(key))?.ring.length ?? 0
  }

  /** Rejects every waiter and stops all timers. */
  close(): void {
    this.closed = true
    for (const state of this.keys.values()) {
      this.stopTimer(state)
      for (const queue of [state, state.background]) {
        for (const list of queue.waiting.values()) {
          for (const w of list) w.reject(new BudgetClosedError())
        }
        queue.waiting.clear()
        queue.ring.length = 0
      }
    }
  }

  private state(key: string): KeyState {
    let state = this.keys.get(key)
    if (!state) {
      state = {
        inFlight: 0,
        answered: [],
        pausedUntil: 0,
        cautiousUntil: 0,
        ring: [],
        waiting: new Map(),
        background: { ring: [], waiting: new Map() },
      }
      this.keys.set(key, state)
    }
    return state
  }

  private stopTimer(state: KeyState): void {
    if (state.timer) clearTimeout(state.timer)
    state.timer = undefined
    state.timerForBackground = false
  }

  private pump(key: string, state: KeyState): void {
    if (state.timer || this.closed) return
    while (state.ring.length > 0 || state.background.ring.length > 0) {
      const now = this.now()
      while (state.answered.length > 0 && state.answered[0]! <= now - this.windowMs) {
        state.answered.shift()
      }
      const limit = now < state.cautiousUntil ? 1 : this.perWindow
      const background = state.ring.length === 0
      // A background request leaves one slot of the window free for a payment's next request
      // (with one slot per window: the whole window), and waits out a 429's cautious period.
      const cap = background ? Math.max(1, this.perWindow - 1) : limit
      let at = now
      if (background && now < state.cautiousUntil) at = state.cautiousUntil
      else if (state.inFlight + state.answered.length >= cap) {
        // Full: an answer in flight will pump again; otherwise the oldest answer ages out.
        if (state.inFlight >= cap) return
        at = state.answered[state.inFlight + state.answered.length - cap]! + this.windowMs
      }
      at = Math.max(at, state.pausedUntil)
      if (at > now) {
        state.timerForBackground = background
        state.timer = setTimeout(
          () => {
            state.timer = undefined
            state.timerForBackground = false
            this.pump(key, state)
          },
          Math.ceil(at - now) + 1,
        )
        return
      }
      const queue: Queue = background ? state.background : state
      const owner = queue.ring.shift()!
      const list = queue.waiting.get(owner)!
      const waiter = list.shift()!
      if (list.length > 0) queue.ring.push(owner)
      else queue.waiting.delete(owner)
      waiter.start()
    }
  }
}
