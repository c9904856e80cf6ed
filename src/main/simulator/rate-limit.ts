/**
 * Per-key request accounting: the 2 requests/s limit (§8, 429 TooManyRequestsError) over a
 * sliding one-second window, plus the figures tests read through `stats()`.
 */
const WINDOW_MS = 1000

export class RateLimiter {
  private readonly accepted = new Map<string, number[]>()
  private readonly arrivals = new Map<string, number[]>()
  private readonly requests: Record<string, number> = {}
  private readonly maxInSecond: Record<string, number> = {}
  private limited = 0

  constructor(
    private readonly perSecond: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /**
   * Counts a request for `key` and decides whether it may proceed. Rejected requests do not use
   * the budget. Returns the Retry-After seconds when rejected.
   */
  admit(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.clock()
    this.requests[key] = (this.requests[key] ?? 0) + 1
    const arrivals = this.window(this.arrivals, key, now)
    arrivals.push(now)
    this.maxInSecond[key] = Math.max(this.maxInSecond[key] ?? 0, arrivals.length)
    if (this.perSecond <= 0) return { ok: true }
    const accepted = this.window(this.accepted, key, now)
    if (accepted.length >= this.perSecond) {
      this.limited += 1
      const oldest = accepted[0] ?? now
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)),
      }
    }
    accepted.push(now)
    return { ok: true }
  }

  private window(store: Map<string, number[]>, key: string, now: number): number[] {
    const kept = (store.get(key) ?? []).filter((at) => at > now - WINDOW_MS)
    store.set(key, kept)
    return kept
  }

  snapshot(): {
    requestsByKey: Record<string, number>
    maxRequestsInAnySecondByKey: Record<string, number>
    rateLimited: number
  } {
    return {
      requestsByKey: { ...this.requests },
      maxRequestsInAnySecondByKey: { ...this.maxInSecond },
      rateLimited: this.limited,
    }
  }
}
