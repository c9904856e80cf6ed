import type { TillClock } from './ports'

/**
 * Long-poll waiters by payment id: each resolves with the final value the moment it is
 * announced, with undefined when its time is up, or when the asker went away.
 */
export class Waiters<T> {
  private readonly byId = new Map<string, Set<(value: T | undefined) => void>>()

  wait(id: string, ms: number, clock: TillClock, signal?: AbortSignal): Promise<T | undefined> {
    return new Promise((resolve) => {
      const set = this.byId.get(id) ?? new Set()
      this.byId.set(id, set)
      const done = (value: T | undefined): void => {
        timer.cancel()
        signal?.removeEventListener('abort', aborted)
        set.delete(done)
        if (set.size === 0 && this.byId.get(id) === set) this.byId.delete(id)
        resolve(value)
      }
      const aborted = (): void => done(undefined)
      const timer = clock.setTimeout(() => done(undefined), ms)
      signal?.addEventListener('abort', aborted, { once: true })
      set.add(done)
    })
  }

  resolve(id: string, value: T): void {
    for (const done of [...(this.byId.get(id) ?? [])]) done(value)
  }

  /** Ends every wait (shutdown): each resolves with undefined. */
  clear(): void {
    for (const set of [...this.byId.values()]) for (const done of [...set]) done(undefined)
  }

  get size(): number {
    let n = 0
    for (const set of this.byId.values()) n += set.size
    return n
  }
}
