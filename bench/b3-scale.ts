import { monitorEventLoopDelay } from 'node:perf_hooks'
import { median, p99, round, since } from './stats'
import type { Benchmark, Metric } from './types'
import { breakdownMetrics } from './support/breakdown'
import { benchMerchants, engineSale, highest, startWorld, total } from './support/world'

const MERCHANTS = 8
const TERMINALS = 4
const SALES = Number(process.env.BENCH_B3_SALES ?? 1_000)
/** A 3.5 s 'normal' sale takes 350 ms of real time. */
const TIME_SCALE = 10
/** Key budget the engine keeps to (requests per second per API key, docs/handpoint-api.md §8). */
const BUDGET_PER_SECOND = 2
/**
 * Callback flow by default: it is the only flow where the time the engine adds can be told apart
 * from the poll interval (B2 measures that), and with 4 terminals polling on one 2 req/s key a
 * thousand sales take over two minutes. BENCH_B3_FLOW=poll runs the same load polling.
 */
const FLOW: 'poll' | 'callback' = process.env.BENCH_B3_FLOW === 'poll' ? 'poll' : 'callback'

export const b3: Benchmark = {
  id: 'B3',
  measures: `${MERCHANTS} merchants x ${TERMINALS} terminals, ${SALES} sales (${FLOW} flow, terminal time compressed ${TIME_SCALE}x): throughput, engine-added latency, memory, request rate per key`,
  async run() {
    const merchants = benchMerchants(MERCHANTS, TERMINALS)
    const baseline = process.memoryUsage().rss
    let peak = baseline
    let peakHeap = process.memoryUsage().heapUsed
    const world = await startWorld(
      merchants,
      { timeScale: TIME_SCALE },
      FLOW === 'callback' ? { callback: { host: '127.0.0.1' } } : {},
      true,
    )
    const sampler = setInterval(() => {
      const usage = process.memoryUsage()
      peak = Math.max(peak, usage.rss)
      peakHeap = Math.max(peakHeap, usage.heapUsed)
    }, 100)
    // The store commits (fsync) synchronously, on the loop every sale and the callback server share.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 })
    const sales: { id: string; reference: string }[] = []
    const failures: string[] = []
    let started = 0
    let elapsed: number
    let stats: Awaited<ReturnType<typeof world.sim.stats>>
    let callbackStats: ReturnType<typeof world.engine.callbackStats>
    try {
      const begin = performance.now()
      loopDelay.enable()
      // One loop per terminal: a cashier starting the next sale as soon as the last one is final.
      const loops = merchants.flatMap((m) =>
        m.serials.map(async (serial) => {
          while (started < SALES) {
            started += 1
            try {
              const record = await engineSale(world, m.merchantId, serial, FLOW)
              if (record.state === 'approved') {
                sales.push({ id: record.id, reference: record.transactionReference })
              } else failures.push(record.state)
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
      clearInterval(sampler)
      loopDelay.disable()
      peak = Math.max(peak, process.memoryUsage().rss)
      await world.close().catch(() => {})
    }
    const added = sales.flatMap(({ id, reference }) => {
      const done = world.terminalDoneAt.get(reference)
      const final = world.finalAt.get(id)
      return done !== undefined && final !== undefined ? [final - done] : []
    })
    const parts = breakdownMetrics(
      'added latency:',
      FLOW === 'callback' ? 'on the wire, loop free' : 'until the next poll',
      sales.flatMap(({ id, reference }) => {
        const parts = world.breakdown(id, reference)
        return parts ? [parts] : []
      }),
    )
    const peakRate = highest(stats.maxRequestsInAnySecondByKey)
    const keysOver = Object.values(stats.maxRequestsInAnySecondByKey).filter(
      (n) => n > BUDGET_PER_SECOND,
    ).length
    const MiB = 2 ** 20
    const metrics: Metric[] = [
      { name: 'sales approved', value: sales.length, unit: `of ${SALES}` },
      { name: 'throughput', value: round(sales.length / (elapsed / 1000)), unit: 'sales/s' },
      { name: 'engine-added latency median', value: round(median(added)), unit: 'ms' },
      {
        name: 'engine-added latency p99',
        value: round(p99(added)),
        unit: 'ms',
        target: '<= 10 ms',
      },
      ...parts.metrics,
      { name: 'callbacks turned away (429)', value: callbackStats?.limited ?? 0, unit: 'req' },
      { name: 'rss before', value: round(baseline / MiB, 1), unit: 'MiB' },
      {
        name: 'peak rss of the engine process',
        value: round(peak / MiB, 1),
        unit: 'MiB',
        target: '< 150 MB',
      },
      { name: 'rss growth', value: round((peak - baseline) / MiB, 1), unit: 'MiB' },
      {
        name: 'simulator process rss at end',
        value: round((stats.rss ?? 0) / MiB, 1),
        unit: 'MiB',
      },
      { name: 'peak heap used', value: round(peakHeap / MiB, 1), unit: 'MiB' },
      { name: 'event-loop delay p99', value: round(loopDelay.percentile(99) / 1e6), unit: 'ms' },
      { name: 'event-loop delay max', value: round(loopDelay.max / 1e6), unit: 'ms' },
      {
        name: 'highest requests in 1 s on a key',
        value: peakRate,
        unit: 'req',
        target: `<= ${BUDGET_PER_SECOND} (the key budget)`,
      },
      {
        name: 'budget breaches (keys over budget)',
        value: keysOver,
        unit: 'keys',
        target: '0',
      },
      { name: '429 answers', value: stats.rateLimited, unit: 'req', target: '0' },
      { name: 'requests per sale', value: round(total(stats.requestsByKey) / SALES), unit: 'req' },
    ]
    const notes = [
      parts.note,
      `wall time ${round(elapsed / 1000, 1)} s; engine-added latency = engine final event minus the simulated terminal posting its result`,
      'the simulator runs in a child process; rss is the benchmark process alone (tsx, zod, axios, engine, payment store), "rss before" is that process idle before B3',
    ]
    if (failures.length > 0) {
      notes.push(
        `${failures.length} sales did not end approved, e.g. ${failures.slice(0, 3).join('; ')}`,
      )
    }
    return { id: 'B3', measures: b3.measures, metrics, notes }
  },
}
