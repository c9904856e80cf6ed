/**
 * Where the milliseconds between "the terminal finished" and "the engine's final event" go, per
 * sale: the engine publishes each step of each payment on a diagnostics channel (see
 * src/main/payments/timing.ts); this collects them and splits each sale's interval into steps.
 */
import diagnostics from 'node:diagnostics_channel'
import { PerformanceObserver } from 'node:perf_hooks'
import { median, p99, round } from '../stats'
import type { Metric } from '../types'

/** The channel's name and mark shape (src/main/payments/timing.ts; a name, so built code works). */
const CHANNEL = 'pos-companion:payment-timing'
const PROBE_MS = 2
interface Mark {
  paymentId: string
  step: string
  start: number
  end: number
}

/** What each step is called in the output. Time no step covers is named by the flow. */
const LABELS: Record<string, string> = {
  budget: 'waiting for the budget',
  request: 'in flight (HTTP + client parse)',
  received: 'callback read + JSON',
  parse: 'parsing (schema)',
  commit: 'store commit (written to the log)',
  durable: 'waiting for the disk (fsync off the loop)',
  announce: 'event fan-out',
  simulator: 'simulator: result to callback POST on the wire',
  gapBefore: '',
  otherCommits: "loop busy: other payments' commits",
  gc: 'loop busy: garbage collection',
  stalled: 'loop busy: other work',
  starved: 'loop held: no CPU free (other processes)',
  gapBetween: 'engine work between steps',
}

export type Breakdown = Record<string, number>

export interface Collector {
  /**
   * Splits [doneAt, finalAt] of one payment into steps (ms each, summing to the interval).
   * With `sentAt` (the callback POST left the simulator), the time before the engine touched
   * the result is split further: the simulator's part, and what held the engine's loop.
   */
  split(paymentId: string, doneAt: number, finalAt: number, sentAt?: number): Breakdown
  close(): void
}

export function collectTimings(): Collector {
  const marks = new Map<string, Mark[]>()
  /** Synchronous work that holds the whole event loop: every commit, every collection. */
  const commits: Mark[] = []
  const collections: { start: number; end: number }[] = []
  const onMark = (message: unknown): void => {
    const mark = message as Mark
    const list = marks.get(mark.paymentId)
    if (list) list.push(mark)
    else marks.set(mark.paymentId, [mark])
    if (mark.step === 'commit') commits.push(mark)
  }
  diagnostics.subscribe(CHANNEL, onMark)
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      collections.push({ start: e.startTime, end: e.startTime + e.duration })
    }
  })
  gc.observe({ entryTypes: ['gc'] })
  // The loop turning: a 2 ms timer that fires late means the loop was held (or had no CPU).
  // The CPU time the process got meanwhile tells work (it ran) from starvation (it waited).
  const stalls: { start: number; end: number }[] = []
  const starved: { start: number; end: number }[] = []
  let last = performance.now()
  let lastCpu = process.cpuUsage()
  const probe = setInterval(() => {
    const now = performance.now()
    const cpu = process.cpuUsage(lastCpu)
    if (now - last > 2 * PROBE_MS) {
      const start = last + PROBE_MS
      const ran = Math.min(now - start, (cpu.user + cpu.system) / 1000)
      stalls.push({ start, end: start + ran })
      starved.push({ start: start + ran, end: now })
    }
    last = now
    lastCpu = process.cpuUsage()
  }, PROBE_MS)
  probe.unref()
  /**
   * How much of [from, to] the loop spent in `busy` (each list ordered by start). Spans that
   * overlap count once: a group commit marks the same commit for every payment in the group.
   */
  const overlap = (busy: { start: number; end: number }[], from: number, to: number): number => {
    let sum = 0
    let reached = from
    for (const b of busy) {
      const start = Math.max(b.start, reached)
      const end = Math.min(b.end, to)
      if (end > start) sum += end - start
      reached = Math.max(reached, Math.min(b.end, to))
    }
    return sum
  }
  return {
    split(paymentId, doneAt, finalAt, sentAt) {
      const inside = (marks.get(paymentId) ?? [])
        .filter((m) => m.end > doneAt && m.start < finalAt)
        .map((m) => ({ ...m, start: Math.max(m.start, doneAt), end: Math.min(m.end, finalAt) }))
        .sort((a, b) => a.start - b.start)
      const cuts = [...new Set([doneAt, finalAt, ...inside.flatMap((m) => [m.start, m.end])])].sort(
        (a, b) => a - b,
      )
      const firstMark = Math.min(finalAt, ...inside.map((m) => m.start))
      const out: Breakdown = {}
      for (let i = 0; i + 1 < cuts.length; i += 1) {
        const [from, to] = [cuts[i]!, cuts[i + 1]!]
        // The innermost step covering this slice (a commit inside a request's answer handling).
        const covering = inside
          .filter((m) => m.start <= from && m.end >= to)
          .sort((a, b) => a.end - a.start - (b.end - b.start))[0]
        // Uncovered time before the engine's first step, or before a new request (a poll that
        // came too early answered "in progress"), is waiting; anywhere else it is engine work.
        const next = inside.find((m) => m.start >= to)?.step
        const waiting = to <= firstMark || next === 'budget'
        const step = covering?.step ?? (waiting ? 'gapBefore' : 'gapBetween')
        out[step] = (out[step] ?? 0) + (to - from)
      }
      // Before the engine touched a callback's result: the simulator's part, then what held
      // the engine's loop while the request waited for it.
      const before = out.gapBefore ?? 0
      if (sentAt !== undefined && before > 0) {
        const reached = doneAt + before
        const from = Math.min(Math.max(sentAt, doneAt), reached)
        const simulator = from - doneAt
        const wait = reached - from
        const others = commits
          .filter((c) => c.paymentId !== paymentId && c.end > from && c.start < reached)
          .sort((a, b) => a.start - b.start)
        const held = Math.min(wait, overlap(others, from, reached))
        const collecting = Math.min(wait - held, overlap(collections, from, reached))
        const starving = Math.min(wait - held - collecting, overlap(starved, from, reached))
        const stalled = Math.max(
          0,
          Math.min(
            wait - held - collecting - starving,
            overlap(stalls, from, reached) - held - collecting,
          ),
        )
        out.simulator = simulator
        out.otherCommits = held
        out.gc = collecting
        out.starved = starving
        out.stalled = stalled
        out.gapBefore = wait - held - collecting - starving - stalled
      }
      return out
    },
    close() {
      diagnostics.unsubscribe(CHANNEL, onMark)
      gc.disconnect()
      clearInterval(probe)
    },
  }
}

/**
 * Each step's median and p99 over many sales' breakdowns, and a note with the mean of each step
 * over the slowest 1 % of sales (what the tail is made of). `gapBefore` is named `before`: the
 * time until the engine first touched the result (the next poll, or the callback's way in).
 */
export function breakdownMetrics(
  prefix: string,
  before: string,
  rows: Breakdown[],
): { metrics: Metric[]; note: string; wireNote: string } {
  const steps = Object.keys(LABELS).filter((s) => rows.some((r) => (r[s] ?? 0) > 0))
  const label = (s: string): string => (s === 'gapBefore' ? before : LABELS[s]!)
  const metrics = steps.flatMap((step): Metric[] => {
    const values = rows.map((r) => r[step] ?? 0)
    return [
      { name: `${prefix} ${label(step)}, median`, value: round(median(values), 3), unit: 'ms' },
      { name: `${prefix} ${label(step)}, p99`, value: round(p99(values), 3), unit: 'ms' },
    ]
  })
  /** The mean of each step over the slowest 1 % of sales, slowest by `total`. */
  const tailNote = (what: string, total: (r: Breakdown) => number): string => {
    const sorted = [...rows].sort((a, b) => total(a) - total(b))
    const tail = sorted.slice(Math.floor(sorted.length * 0.99))
    const tailParts = steps.map((step) => {
      const mean = tail.reduce((sum, r) => sum + (r[step] ?? 0), 0) / Math.max(1, tail.length)
      return `${label(step)} ${round(mean, 1)} ms`
    })
    return `${prefix} the slowest 1 % ${what} (${tail.length} sales, ${round(total(tail[0] ?? {}), 1)} ms and more) spent on average: ${tailParts.join(', ')}`
  }
  const sum = (r: Breakdown): number => Object.values(r).reduce((a, b) => a + b, 0)
  return {
    metrics,
    note: tailNote('by engine-added latency', sum),
    // The same, leaving out the simulator's own time to send (the engine's and the network's).
    wireNote: tailNote('from the callback on the wire', (r) => sum(r) - (r.simulator ?? 0)),
  }
}
