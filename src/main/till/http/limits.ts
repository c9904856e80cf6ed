import type { TillClock } from '../ports'

/**
 * Per-token request budget: a bucket of `perSecond` requests that refills continuously, so a
 * till may burst up to the limit and then goes at the limit's pace.
 */
export class RequestBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(
    private readonly clock: TillClock,
    private readonly perSecond = 20,
  ) {}

  /** 0 when the request may go ahead (and counts it); otherwise seconds to wait (at least 1). */
  take(id: string): number {
    const now = this.clock.now()
    const bucket = this.buckets.get(id) ?? { tokens: this.perSecond, at: now }
    bucket.tokens = Math.min(
      this.perSecond,
      bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond,
    )
    bucket.at = now
    this.buckets.set(id, bucket)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return 0
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond))
  }

  forget(id: string): void {
    this.buckets.delete(id)
  }
}

/** Open long-polls and event streams per token, at most `limit` at once. */
export class StreamSlots {
  private readonly open = new Map<string, number>()

  constructor(readonly limit = 8) {}

  /** A release function, or undefined when the token already holds `limit`. */
  claim(id: string): (() => void) | undefined {
    const count = this.open.get(id) ?? 0
    if (count >= this.limit) return undefined
    this.open.set(id, count + 1)
    let released = false
    return () => {
      if (released) return
      released = true
      const left = (this.open.get(id) ?? 1) - 1
      if (left <= 0) this.open.delete(id)
      else this.open.set(id, left)
    }
  }
}
