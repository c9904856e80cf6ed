/**
 * The per-API-key request budget (reference §8: 2 requests/s per key). Every request the engine
 * makes for a key waits here first. Grants respect a sliding window slightly longer than one
 * second (the margin absorbs network jitter, so arrivals at Handpoint never exceed the budget in
 * any one-second window), and waiting operations are served round robin so one busy terminal
 * cannot starve the others of the same key.
 */
export interface RateBudgetOptions {
  /** Requests per window per key; default 2. */
  perWindow?: number
  /** Window length in ms; default 1100 (one second plus a 10% margin). */
  windowMs?: number
  /** Monotonic time source; default performance.now. */
  now?: () => number
}

interface Waiter {
  resolve: () => void
  reject: (err: Error) => void
}

interface KeyState {
  grants: number[]
  pausedUntil: number
  ring: string[]
  waiting: Map<string, Waiter[]>
  timer?: ReturnType<typeof setTimeout>
}

export class RateBudget {
  private readonly perWindow: number
  private readonly windowMs: number
  private readonly now: () => number
  private readonly keys = new Map<string, KeyState>()
  private closed = false

  constructor(options: RateBudgetOptions = {}) {
    this.perWindow = Math.max(1, options.perWindow ?? 2)
    this.windowMs = options.windowMs ?? 1100
    this.now = options.now ?? (() => performance.now())
  }

  /** Resolves when `owner` (one operation) may send one request with `key`. */
  acquire(key: string, owner: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The request budget is closed.'))
    const state = this.state(key)
    return new Promise<void>((resolve, reject) => {
      const list = state.waiting.get(owner)
      if (list) list.push({ resolve, reject })
      else {
        state.waiting.set(owner, [{ resolve, reject }])
        state.ring.push(owner)
      }
      this.pump(key, state)
    })
  }

  /** Handpoint said 429: nobody of this key sends anything until `ms` from now. */
  pause(key: string, ms: number): void {
    const state = this.state(key)
    state.pausedUntil = Math.max(state.pausedUntil, this.now() + ms)
    if (state.timer) clearTimeout(state.timer)
    state.timer = undefined
    this.pump(key, state)
  }

  /** Rejects every waiter and stops all timers. */
  close(): void {
    this.closed = true
    for (const state of this.keys.values()) {
      if (state.timer) clearTimeout(state.timer)
      for (const list of state.waiting.values()) {
        for (const w of list) w.reject(new Error('The request budget is closed.'))
      }
      state.waiting.clear()
      state.ring.length = 0
    }
  }

  private state(key: string): KeyState {
    let state = this.keys.get(key)
    if (!state) {
      state = { grants: [], pausedUntil: 0, ring: [], waiting: new Map() }
      this.keys.set(key, state)
    }
    return state
  }

  private pump(key: string, state: KeyState): void {
    if (state.timer) return
    while (state.ring.length > 0) {
      const now = this.now()
      while (state.grants.length > 0 && state.grants[0]! <= now - this.windowMs)
        state.grants.shift()
      const last = state.grants[state.grants.length - 1]
      // Evenly spaced grants: a whole window's worth sent at once, then slowed a little on the
      // way by a busy event loop or the network, could otherwise land inside one second.
      const spacedAt = last === undefined ? now : last + this.windowMs / this.perWindow
      const freeAt = Math.max(
        spacedAt,
        state.grants.length < this.perWindow ? now : state.grants[0]! + this.windowMs,
      )
      const at = Math.max(freeAt, state.pausedUntil)
      if (at > now) {
        state.timer = setTimeout(
          () => {
            state.timer = undefined
            this.pump(key, state)
          },
          Math.ceil(at - now) + 1,
        )
        return
      }
      const owner = state.ring.shift()!
      const list = state.waiting.get(owner)!
      const waiter = list.shift()!
      if (list.length > 0) state.ring.push(owner)
      else state.waiting.delete(owner)
      state.grants.push(now)
      waiter.resolve()
    }
  }
}
