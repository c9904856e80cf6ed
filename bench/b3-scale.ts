import type { BenchResult, Benchmark } from './types'
import { historyStore } from './support/history-store'
import type { ScaleOptions } from './support/scale-load'
import { WORKERS, buildWorkers, runWorker } from './support/workers'

/** A 3.5 s 'normal' sale takes 350 ms of real time. */
const TIME_SCALE = 10
/**
 * Callback flow by default: it is the only flow where the time the engine adds can be told apart
 * from the poll interval (B2 measures that), and with 4 terminals polling on one 2 req/s key a
 * thousand sales take over two minutes. BENCH_B3_FLOW=poll runs the same load polling.
 */
const OPTIONS: ScaleOptions = {
  merchants: 8,
  terminals: 4,
  sales: Number(process.env.BENCH_B3_SALES ?? 1_000),
  timeScale: TIME_SCALE,
  flow: process.env.BENCH_B3_FLOW === 'poll' ? 'poll' : 'callback',
  storePayments: 100_000,
  // Requests per second per API key the engine keeps to (docs/handpoint-api.md §8).
  budgetPerSecond: 2,
  // One sale per terminal first, left out of the figures (bench/README.md, B3: warm-up).
  warmup: 8 * 4,
}

export const b3: Benchmark = {
  id: 'B3',
  measures: `${OPTIONS.merchants} merchants x ${OPTIONS.terminals} terminals, ${OPTIONS.sales} sales after ${OPTIONS.warmup} to warm up (${OPTIONS.flow} flow, terminal time compressed ${TIME_SCALE}x) on the built engine in plain Node over ${OPTIONS.storePayments.toLocaleString('en')} stored payments: throughput, engine-added latency and where it goes, memory, request rate per key`,
  async run() {
    await buildWorkers()
    const store = historyStore(OPTIONS.storePayments)
    // BENCH_B3_NODE_ARGS: extra Node flags for the engine process, e.g. to profile it
    // ('--cpu-prof --cpu-prof-dir=/tmp/b3-prof', '--heap-prof', '--trace-gc').
    const nodeArgs = (process.env.BENCH_B3_NODE_ARGS ?? '').split(' ').filter(Boolean)
    const result = await runWorker<Omit<BenchResult, 'id' | 'measures'>>(
      WORKERS.scale,
      { ...OPTIONS, store },
      nodeArgs,
    )
    return { id: 'B3', measures: b3.measures, metrics: result.metrics, notes: result.notes }
  },
}
