import { median, p99, round, since } from './stats'
import type { Benchmark, Metric } from './types'
import { bareSale } from './support/bare'
import {
  NORMAL_SALE_TERMINAL_MS,
  benchMerchants,
  engineSale,
  startWorld,
  type World,
} from './support/world'

const ZERO_RUNS = 100
const ZERO_WARMUP = 10
/** Terminal time "zero": phases of 3.5 s last well under a millisecond. */
const ZERO_TIME_SCALE = 1e7
/** Poll every 20 ms: the result is ready at the first GET, so both sides make POST + 1 GET. */
const ZERO_SCHEDULE = [20]
const REAL_RUNS = 5
const REAL_TERMINAL_MS = 3_000
/**
 * First GET 2 s after the POST, then every 1.5 s (no jitter): the 3 s result is picked up by the
 * second GET at about 3.5 s on both sides. (The engine's default 2 s, 1 s, 1 s... would put a GET
 * right at 3 s, where a millisecond decides whether it catches the result: a coin toss, not a
 * measurement.)
 */
const REAL_SCHEDULE = [2_000, 1_500]

/** Engine and bare runs alternate on the same terminal so drift in machine load hits both. */
async function compare(
  world: World,
  runs: number,
  warmup: number,
  schedule: number[],
): Promise<{ engine: number[]; bare: number[] }> {
  const merchant = world.merchants[0]!
  const serial = merchant.serials[0]!
  const engine: number[] = []
  const bare: number[] = []
  for (let i = 0; i < warmup + runs; i += 1) {
    let start = performance.now()
    const record = await engineSale(world, merchant.merchantId, serial)
    const engineMs = since(start)
    if (record.state !== 'approved') throw new Error(`An engine sale ended ${record.state}.`)
    start = performance.now()
    const outcome = await bareSale(world.sim, merchant.apiKey, serial, schedule)
    const bareMs = since(start)
    if (outcome.finStatus !== 'AUTHORISED')
      throw new Error(`A bare sale ended ${outcome.finStatus}.`)
    if (i >= warmup) {
      engine.push(engineMs)
      bare.push(bareMs)
    }
  }
  return { engine, bare }
}

export const b1: Benchmark = {
  id: 'B1',
  measures:
    'one sale through the engine (store, budget, polling, result mapping) vs the bare POST + GETs with plain fetch, same simulator and poll schedule',
  async run() {
    const merchants = benchMerchants(1, 1)
    // Budget and simulator rate limit out of the way: at 20 ms polls they would otherwise space
    // the GET 550 ms after the POST on the engine side only; B2/B3 measure the budget.
    let world = await startWorld(
      merchants,
      { timeScale: ZERO_TIME_SCALE, rateLimitPerSecond: 0 },
      {
        pollDelaysMs: ZERO_SCHEDULE,
        random: () => 1,
        budget: { perWindow: 1_000, windowMs: 1_000 },
      },
    )
    let zero: { engine: number[]; bare: number[] }
    try {
      zero = await compare(world, ZERO_RUNS, ZERO_WARMUP, ZERO_SCHEDULE)
    } finally {
      await world.close()
    }
    world = await startWorld(
      merchants,
      { timeScale: NORMAL_SALE_TERMINAL_MS / REAL_TERMINAL_MS },
      { pollDelaysMs: REAL_SCHEDULE, random: () => 1 },
    )
    let real: { engine: number[]; bare: number[] }
    try {
      real = await compare(world, REAL_RUNS, 0, REAL_SCHEDULE)
    } finally {
      await world.close()
    }
    const added = zero.engine.map((ms, i) => ms - zero.bare[i]!)
    const metrics: Metric[] = [
      { name: 'zero-time engine sale median', value: round(median(zero.engine)), unit: 'ms' },
      { name: 'zero-time bare sale median', value: round(median(zero.bare)), unit: 'ms' },
      {
        name: 'zero-time added median',
        value: round(median(zero.engine) - median(zero.bare)),
        unit: 'ms',
        target: '<= 5 ms per operation, store writes included',
      },
      { name: 'zero-time engine sale p99', value: round(p99(zero.engine)), unit: 'ms' },
      { name: 'zero-time bare sale p99', value: round(p99(zero.bare)), unit: 'ms' },
      {
        name: 'zero-time added p99 (paired)',
        value: round(p99(added)),
        unit: 'ms',
        target: '<= 5 ms',
      },
      { name: '3 s terminal engine median', value: round(median(real.engine)), unit: 'ms' },
      { name: '3 s terminal bare median', value: round(median(real.bare)), unit: 'ms' },
      {
        name: '3 s terminal ratio of medians',
        value: round(median(real.engine) / median(real.bare), 4),
        unit: 'x',
        target: '<= 1.02x',
      },
    ]
    return {
      id: 'B1',
      measures: b1.measures,
      metrics,
      notes: [
        `zero terminal time: timeScale ${ZERO_TIME_SCALE}, polls every ${ZERO_SCHEDULE[0]} ms, ${ZERO_RUNS} pairs after ${ZERO_WARMUP} warm-up pairs, engine budget and simulator rate limit off`,
        `3 s terminal time: ${REAL_RUNS} pairs, GETs at +${REAL_SCHEDULE[0]} ms then every ${REAL_SCHEDULE[1]} ms (no jitter), default engine budget and simulator rate limit (2/s)`,
        'each engine sale commits (fsync) 3 to 4 changes to the store (sent, accepted, [in-progress,] final)',
      ],
    }
  },
}
