/**
 * B3's load, run inside the plain-Node engine process (./scale-worker.ts): 8 merchants x 4
 * terminals, each terminal's cashier starting the next sale as soon as the last one is final,
 * over a payment store that already holds a year of history. Measures what the engine adds to
 * each result, where that time goes, the request rate per key, and the process's memory.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { loadavg } from 'node:os'
import { median, p99, round, since } from '../stats'
import type { BenchResult, Metric } from '../types'
import { breakdownMetrics } from './breakdown'
import { loadKit } from './kit'
import { memoryParts, type MemoryParts } from './memory'
import { benchMerchants, engineSale, highest, startWorld, total } from './world'

export interface ScaleOptions {
  merchants: number
  terminals: number
  sales: number
  timeScale: number
  flow: 'poll' | 'callback'
  /** A payments folder holding history (copied before the engine opens it). */
  store?: string
  storePayments: number
  budgetPerSecond: number
  /**
   * Sales run first and left out of the figures (one per terminal: the code's first runs, V8
   * compiling it, and every terminal's first result at once). Their latency is printed apart.
   */
  warmup: number
}

const MiB = 2 ** 20

const PART_NAMES: [keyof MemoryParts, string][] = [
  ['files', "Node's binary and libraries (mapped files)"],
  ['youngGeneration', 'V8 young generation'],
  ['oldGeneration', 'V8 old generation'],
  ['otherHeap', 'V8 code and other spaces'],
  ['buffers', 'buffers (ArrayBuffers)'],
  ['native', 'native heap and stacks (SQLite, zlib, HTTP)'],
]

function partsMetrics(when: string, parts: MemoryParts): Metric[] {
  return PART_NAMES.map(([key, name]) => ({
    name: `rss ${when}: ${name}`,
    value: round(parts[key] / MiB, 1),
    unit: 'MiB',
  }))
}

export async function runScale(o: ScaleOptions): Promise<Omit<BenchResult, 'id' | 'measures'>> {
  await loadKit()
  const memory = { idle: process.memoryUsage().rss, opening: 0, load: 0, heap: 0 }
  const idleParts = memoryParts()
  let peakParts = idleParts
  let phase: 'opening' | 'load' = 'opening'
  const sample = (): void => {
    const usage = process.memoryUsage()
    memory[phase] = Math.max(memory[phase], usage.rss)
    memory.heap = Math.max(memory.heap, usage.heapUsed)
    // What the memory is made of, taken again at each new peak (a MiB or more above the last).
    if (usage.rss > peakParts.rss + MiB) peakParts = memoryParts()
  }
  const sampler = setInterval(sample, 50)
  const merchants = benchMerchants(o.merchants, o.terminals)
  const openStart = performance.now()
  const world = await startWorld(
    merchants,
    { timeScale: o.timeScale },
    o.flow === 'callback' ? { callback: { host: '127.0.0.1' } } : {},
    { separateProcess: true, store: o.store },
  )
  const openMs = since(openStart)
  // The store checks every row beside the app after each open; sales start once it is done, so
  // the latency figures are the steady state and the memory figures show both.
  await world.engine.checked
  const checkedMs = since(openStart)
  sample()
  phase = 'load'
  const loopDelay = monitorEventLoopDelay({ resolution: 10 })
  const sales: { id: string; reference: string }[] = []
  const warm: { id: string; reference: string }[] = []
  const failures: string[] = []
  let started = 0
  let begin = 0
  let elapsed: number
  let stats: Awaited<ReturnType<typeof world.sim.stats>>
  let callbackStats: ReturnType<typeof world.engine.callbackStats>
  try {
    // The cashiers never stop between the warm-up and the measured sales: the load stays steady.
    const loops = merchants.flatMap((m) =>
      m.serials.map(async (serial) => {
        while (started < o.warmup + o.sales) {
          started += 1
          const counted = started > o.warmup
          if (counted && begin === 0) {
            begin = performance.now()
            loopDelay.enable()
          }
          try {
            const record = await engineSale(world, m.merchantId, serial, o.flow)
            if (record.state !== 'approved') failures.push(record.state)
            else
              (counted ? sales : warm).push({
                id: record.id,
                reference: record.transactionReference,
              })
          } catch (err) {
            failures.push(err instanceof Error ? err.message : String(err))
          }
        }
      }),
    )
    await Promise.all(loops)
    elapsed = since(begin)
    loopDelay.disable()
    stats = await world.sim.stats()
    callbackStats = world.engine.callbackStats()
  } finally {
    sample()
    clearInterval(sampler)
    loopDelay.disable()
    await world.close().catch(() => {})
  }
  /** Each sale's final event minus its moment in `from` (by transaction reference). */
  const latencies = (list: typeof sales, from: Map<string, number>): number[] =>
    list.flatMap(({ id, reference }) => {
      const start = from.get(reference)
      const final = world.finalAt.get(id)
      return start !== undefined && final !== undefined ? [final - start] : []
    })
  const added = latencies(sales, world.terminalDoneAt)
  const warmAdded = latencies(warm, world.terminalDoneAt)
  // The same, from the moment the simulator's callback POST was on the wire: the simulator plays
  // Handpoint's cloud, so its own time to send is not the engine's (README, B3).
  const fromWire = latencies(sales, world.callbackSentAt)
  const parts = breakdownMetrics(
    'added latency:',
    o.flow === 'callback' ? 'on the wire, loop free' : 'until the next poll',
    sales.flatMap(({ id, reference }) => {
      const split = world.breakdown(id, reference)
      return split ? [split] : []
    }),
  )
  const keysOver = Object.values(stats.maxRequestsInAnySecondByKey).filter(
    (n) => n > o.budgetPerSecond,
  ).length
  const peak = Math.max(memory.opening, memory.load)
  const metrics: Metric[] = [
    { name: 'sales approved', value: sales.length, unit: `of ${o.sales}` },
    { name: 'throughput', value: round(sales.length / (elapsed / 1000)), unit: 'sales/s' },
    { name: 'engine-added latency median', value: round(median(added)), unit: 'ms' },
    { name: 'engine-added latency p99', value: round(p99(added)), unit: 'ms', target: '<= 10 ms' },
    {
      name: 'warm-up sales (not counted): engine-added latency median',
      value: round(median(warmAdded)),
      unit: 'ms',
    },
    {
      name: 'warm-up sales (not counted): engine-added latency max',
      value: round(Math.max(0, ...warmAdded)),
      unit: 'ms',
    },
    ...(fromWire.length > 0
      ? [
          {
            name: 'callback on the wire to final event, median',
            value: round(median(fromWire)),
            unit: 'ms',
          },
          {
            name: 'callback on the wire to final event, p99',
            value: round(p99(fromWire)),
            unit: 'ms',
            target: '<= 10 ms',
          },
        ]
      : []),
    ...parts.metrics,
    { name: 'callbacks turned away (429)', value: callbackStats?.limited ?? 0, unit: 'req' },
    { name: 'event-loop delay p99', value: round(loopDelay.percentile(99) / 1e6), unit: 'ms' },
    { name: 'event-loop delay max', value: round(loopDelay.max / 1e6), unit: 'ms' },
    {
      name: 'peak rss of the engine process',
      value: round(peak / MiB, 1),
      unit: 'MiB',
      target: '< 150 MB (143 MiB)',
    },
    { name: 'rss idle, built code loaded', value: round(memory.idle / MiB, 1), unit: 'MiB' },
    {
      name: 'peak rss opening and checking the store',
      value: round(memory.opening / MiB, 1),
      unit: 'MiB',
    },
    { name: 'peak rss under load', value: round(memory.load / MiB, 1), unit: 'MiB' },
    { name: 'peak heap used', value: round(memory.heap / MiB, 1), unit: 'MiB' },
    ...partsMetrics('at the peak', peakParts),
    ...partsMetrics('idle', idleParts),
    { name: 'store open (engine usable)', value: round(openMs), unit: 'ms' },
    { name: 'store open and checked', value: round(checkedMs), unit: 'ms' },
    {
      name: 'simulator process rss at end',
      value: round((stats.rss ?? 0) / MiB, 1),
      unit: 'MiB',
    },
    {
      name: 'highest requests in 1 s on a key',
      value: highest(stats.maxRequestsInAnySecondByKey),
      unit: 'req',
      target: `<= ${o.budgetPerSecond} (the key budget)`,
    },
    { name: 'budget breaches (keys over budget)', value: keysOver, unit: 'keys', target: '0' },
    { name: '429 answers', value: stats.rateLimited, unit: 'req', target: '0' },
    {
      name: 'requests per sale',
      value: round(total(stats.requestsByKey) / (o.warmup + o.sales)),
      unit: 'req',
    },
  ]
  const notes = [
    parts.note,
    ...(o.flow === 'callback' ? [parts.wireNote] : []),
    `the first ${o.warmup} sales (one per terminal) warm the engine up and are left out of every figure but their own two lines: the code's first runs, V8 compiling it, every terminal's first result at once`,
    `wall time ${round(elapsed / 1000, 1)} s (measured sales); engine-added latency = engine final event minus the simulated terminal posting its result`,
    `the engine process runs the built code (out/main/headless.js) in plain Node ${process.version}, over a store holding ${o.storePayments.toLocaleString('en')} payments; the simulator runs in a child process; rss is the engine process alone`,
    `load average at the end: ${loadavg()
      .map((l) => round(l, 1))
      .join(', ')}`,
  ]
  if (failures.length > 0) {
    notes.push(
      `${failures.length} sales did not end approved, e.g. ${failures.slice(0, 3).join('; ')}`,
    )
  }
  return { metrics, notes }
}
