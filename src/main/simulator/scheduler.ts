/**
 * Terminal time. Every phase and callback delay is written in real-world milliseconds and runs
 * `timeScale` times faster, so tests get the real sequence of events without real waiting.
 */
export class Scheduler {
  private readonly timers = new Map<NodeJS.Timeout, () => void>()
  private stopped = false

  constructor(private readonly timeScale: number) {}

  get closed(): boolean {
    return this.stopped
  }

  /** Real milliseconds a terminal duration takes. */
  scaled(terminalMs: number): number {
    return Math.max(0, terminalMs / this.timeScale)
  }

  /**
   * Waits `terminalMs` (scaled). Resolves 'elapsed', 'aborted' (signal fired) or 'closed'
   * (simulator shutting down); never rejects, so callers just branch.
   */
  sleep(terminalMs: number, signal?: AbortSignal): Promise<'elapsed' | 'aborted' | 'closed'> {
    if (this.stopped) return Promise.resolve('closed')
    if (signal?.aborted) return Promise.resolve('aborted')
    return new Promise((resolve) => {
      const onAbort = (): void => finish('aborted')
      const finish = (outcome: 'elapsed' | 'aborted' | 'closed'): void => {
        clearTimeout(timer)
        this.timers.delete(timer)
        signal?.removeEventListener('abort', onAbort)
        resolve(outcome)
      }
      const timer = setTimeout(() => finish('elapsed'), this.scaled(terminalMs))
      this.timers.set(timer, () => finish('closed'))
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  /** Wakes every pending sleep with 'closed' and refuses new ones. */
  close(): void {
    this.stopped = true
    for (const wake of [...this.timers.values()]) wake()
  }
}
