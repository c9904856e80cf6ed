import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'
import type { Clock } from '../../../src/main/payments/ports'

const created: string[] = []
// Registered on the importing test file's root suite.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A fresh data directory on tmpfs when available (fsync there costs nothing), removed at exit. */
export function tempDataDir(prefix = 'pay-'): string {
  const base = process.platform === 'linux' && existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir()
  const dir = mkdtempSync(path.join(base, prefix))
  created.push(dir)
  return dir
}

/**
 * Engine and simulator time running `scale` times faster than real time: terminal phases, poll
 * delays and the 90-second rule shrink together, while the per-key request budget (real time)
 * stays honest.
 */
export function scaledClock(scale: number, start = Date.now()): Clock & { now(): number } {
  const origin = performance.now()
  return {
    now: () => Math.round(start + (performance.now() - origin) * scale),
    setTimeout(fn, ms) {
      const timer = setTimeout(fn, Math.max(0, ms / scale))
      return { cancel: () => clearTimeout(timer) }
    },
  }
}

/** A controllable clock for unit tests: time moves only when the test says so. */
export class ManualClock implements Clock {
  private current: number
  private timers: { at: number; fn: () => void; id: number }[] = []
  private nextId = 1
  constructor(start = 1_800_000_000_000) {
    this.current = start
  }
  now(): number {
    return this.current
  }
  setTimeout(fn: () => void, ms: number): { cancel(): void } {
    const id = this.nextId++
    this.timers.push({ at: this.current + ms, fn, id })
    return { cancel: () => (this.timers = this.timers.filter((t) => t.id !== id)) }
  }
  /** Moves time forward, firing due timers in order and letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.current + ms
    for (;;) {
      await settle()
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0]
      if (!due) break
      this.timers = this.timers.filter((t) => t.id !== due.id)
      this.current = Math.max(this.current, due.at)
      due.fn()
    }
    this.current = end
    await settle()
  }
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise<void>((r) => setImmediate(r))
}
