/**
 * B4's searches, run in a fresh plain-Node process over the built engine (./search-worker.ts):
 * the History screen asks `engine.search` (what its IPC handler calls) on a store of 100,000
 * payments, in a process whose heap holds what the app's would, not the 400 MB of records the
 * benchmark generated to write that store (their collection fell into searches: 15 ms pauses).
 */
import { cpSync } from 'node:fs'
import { join } from 'node:path'
import { PerformanceObserver } from 'node:perf_hooks'
import type { HistoryQuery, PaymentRecord } from '../../src/shared/contract/payments.contract'
import { median, p99, since } from '../stats'
import { loadKit } from './kit'
import { tempDir } from './world'

const DAY = 24 * 3600_000
const SEARCH_RUNS = 40

export interface SearchTiming {
  name: string
  median: number
  p99: number
  /** p99 of the CPU time the process spent on it (all its threads, V8's collector's too). */
  cpuP99: number
  hits: number
}

export interface SearchResults {
  searches: SearchTiming[]
  getP99: number
  /** Runs a collection (a pause on the main thread) fell in, and the slowest of each kind. */
  runs: number
  paused: number
  slowestClean: number
  slowestPaused: number
  pauseInSlowest: number
  /** What closing the engine gives back once every search ran (its cache full), in bytes. */
  heapHeld: number
}

type Interval = { start: number; end: number }

function timed(run: (i: number) => number, intervals: Interval[]): Omit<SearchTiming, 'name'> {
  const times: number[] = []
  const cpu: number[] = []
  let hits = 0
  for (let i = 0; i < SEARCH_RUNS; i += 1) {
    const cpuStart = process.cpuUsage()
    const start = performance.now()
    hits += run(i)
    times.push(since(start))
    intervals.push({ start, end: performance.now() })
    const used = process.cpuUsage(cpuStart)
    cpu.push((used.user + used.system) / 1000)
  }
  return { median: median(times), p99: p99(times), cpuP99: p99(cpu), hits: hits / SEARCH_RUNS }
}

const overlap = (a: Interval, list: Interval[]): number =>
  list.reduce((sum, b) => sum + Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start)), 0)

export async function runSearches(o: {
  store: string
  picks: PaymentRecord[]
  end: number
}): Promise<SearchResults> {
  const kit = await loadKit()
  const dir = tempDir('search')
  cpSync(o.store, join(dir.path, 'payments'), { recursive: true })
  const engine = await kit.createPaymentEngine({
    dataDir: dir.path,
    directory: kit.createStaticDirectory([]),
  })
  try {
    // Checked in full first (on its worker thread), so no check runs beside the searches.
    await engine.checked
    const pauses: Interval[] = []
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        pauses.push({ start: e.startTime, end: e.startTime + e.duration })
      }
    })
    observer.observe({ entryTypes: ['gc'] })
    const month = (i: number): { from: number; to: number } => {
      const from = o.end - (i % 11) * 30 * DAY - 30 * DAY
      return { from, to: from + 30 * DAY - 1 }
    }
    const search = (q: HistoryQuery): number => engine.search({ limit: 50, ...q }).total
    const pick = (i: number): PaymentRecord => o.picks[i % o.picks.length]!
    const day = (i: number) => ({
      from: o.end - (i + 1) * 7 * DAY,
      to: o.end - (i + 1) * 7 * DAY + DAY - 1,
    })
    const searches: [string, (i: number) => number][] = [
      ['newest page', () => search({})],
      ['one day', (i) => search(day(i))],
      ['30 days', (i) => search(month(i))],
      ['merchant + 30 days', (i) => search({ merchantId: `BenchShop${(i % 8) + 1}`, ...month(i) })],
      ['approved + 30 days', (i) => search({ states: ['approved'], ...month(i) })],
      ['last four', (i) => search({ lastFour: pick(i).result!.maskedCardNumber!.slice(-4) })],
      ['amount', (i) => search({ amountMinor: pick(i).amountMinor! })],
      ['reference', (i) => search({ reference: pick(i).transactionReference })],
      ['transaction id', (i) => search({ reference: pick(i).result!.transactionId! })],
      [
        'terminal + 30 days',
        (i) => search({ terminalSerial: pick(i).terminalSerial, ...month(i) }),
      ],
      ['declined, any time', () => search({ states: ['declined'] })],
    ]
    const intervals: Interval[] = []
    const results = searches.map(([name, run]) => ({ name, ...timed(run, intervals) }))
    const gets = timed((i) => (engine.get(pick(i).id) ? 1 : 0), [])
    await new Promise<void>((resolve) => setTimeout(resolve, 50)) // the observer's last entries
    observer.disconnect()
    const hit = intervals.filter((run) => overlap(run, pauses) > 0)
    const clean = intervals.filter((run) => overlap(run, pauses) === 0)
    const length = (run: Interval): number => run.end - run.start
    const worst = [...hit].sort((a, b) => length(b) - length(a))[0]
    const gc = (globalThis as { gc?: () => void }).gc
    gc?.()
    const heapOpen = process.memoryUsage().heapUsed
    await engine.dispose()
    gc?.()
    return {
      searches: results,
      getP99: gets.p99,
      runs: intervals.length,
      paused: hit.length,
      slowestClean: Math.max(0, ...clean.map(length)),
      slowestPaused: worst ? length(worst) : 0,
      pauseInSlowest: worst ? overlap(worst, pauses) : 0,
      heapHeld: heapOpen - process.memoryUsage().heapUsed,
    }
  } finally {
    await engine.dispose().catch(() => {})
    dir.remove()
  }
}
