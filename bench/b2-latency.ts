import { median, p99, round } from './stats'
import type { Benchmark, Metric } from './types'
import { benchMerchants, engineSale, highest, startWorld, total, type World } from './support/world'

/** Polling: one terminal per key, these keys side by side, real terminal time (3.5 s). */
const POLL_KEYS = 6
const POLL_ROUNDS = 3
/** Callback: terminal time compressed 100x; the result path does not depend on it. */
const CALLBACK_RUNS = 60
const CALLBACK_WARMUP = 5
const CALLBACK_TIME_SCALE = 100

/** Milliseconds from the terminal posting its result to the engine's final event, per sale. */
function latencies(world: World, ids: { id: string; reference: string }[]): number[] {
  return ids.map(({ id, reference }) => {
    const done = world.terminalDoneAt.get(reference)
    const final = world.finalAt.get(id)
    if (done === undefined || final === undefined) {
      throw new Error('A sale finished without both a terminal result and a final event.')
    }
    return final - done
  })
}

async function pollingMode(): Promise<{ ms: number[]; perOp: number; peak: number }> {
  const merchants = benchMerchants(POLL_KEYS, 1)
  // Engine defaults: poll schedule 2, 1, 1, 2, 2, 3, 5 s with jitter, 2 requests per 1.1 s.
  const world = await startWorld(merchants, { timeScale: 1 }, {})
  try {
    const sales: { id: string; reference: string }[] = []
    for (let round = 0; round < POLL_ROUNDS; round += 1) {
      const records = await Promise.all(
        merchants.map((m) => engineSale(world, m.merchantId, m.serials[0]!)),
      )
      sales.push(...records.map((r) => ({ id: r.id, reference: r.transactionReference })))
    }
    const stats = await world.sim.stats()
    return {
      ms: latencies(world, sales),
      perOp: total(stats.requestsByKey) / sales.length,
      peak: highest(stats.maxRequestsInAnySecondByKey),
    }
  } finally {
    await world.close()
  }
}

async function callbackMode(): Promise<{ ms: number[]; perOp: number; callbacksPerOp: number }> {
  const merchants = benchMerchants(1, 1)
  const world = await startWorld(
    merchants,
    // Budget and rate limit off: with one key, sequential POSTs would otherwise wait 550 ms
    // each for the budget, which lengthens the run without touching the result path.
    { timeScale: CALLBACK_TIME_SCALE, rateLimitPerSecond: 0 },
    { callback: { host: '127.0.0.1' }, budget: { perWindow: 1_000, windowMs: 1_000 } },
  )
  try {
    const m = merchants[0]!
    const sales: { id: string; reference: string }[] = []
    for (let i = 0; i < CALLBACK_WARMUP + CALLBACK_RUNS; i += 1) {
      const record = await engineSale(world, m.merchantId, m.serials[0]!, 'callback')
      if (record.state !== 'approved') throw new Error(`A callback sale ended ${record.state}.`)
      if (i >= CALLBACK_WARMUP)
        sales.push({ id: record.id, reference: record.transactionReference })
    }
    const stats = await world.sim.stats()
    const ops = CALLBACK_WARMUP + CALLBACK_RUNS
    return {
      ms: latencies(world, sales),
      perOp: total(stats.requestsByKey) / ops,
      callbacksPerOp: stats.callbackAttempts / ops,
    }
  } finally {
    await world.close()
  }
}

export const b2: Benchmark = {
  id: 'B2',
  measures:
    "time from the simulated terminal posting its result to the engine's final event, polling and callback mode, and HTTP requests per sale",
  async run() {
    const poll = await pollingMode()
    const callback = await callbackMode()
    const metrics: Metric[] = [
      {
        name: 'polling median',
        value: round(median(poll.ms)),
        unit: 'ms',
        target: '<= 300 ms with one active terminal on a key',
      },
      { name: 'polling p99', value: round(p99(poll.ms)), unit: 'ms' },
      { name: 'polling requests per sale', value: round(poll.perOp), unit: 'req' },
      {
        name: 'polling peak requests in 1 s per key',
        value: poll.peak,
        unit: 'req',
        target: '<= 2 (the key budget)',
      },
      { name: 'callback median', value: round(median(callback.ms)), unit: 'ms' },
      {
        name: 'callback p99',
        value: round(p99(callback.ms)),
        unit: 'ms',
        target: '<= 5 ms from delivery to final event',
      },
      { name: 'callback requests per sale', value: round(callback.perOp), unit: 'req' },
      { name: 'callback deliveries per sale', value: round(callback.callbacksPerOp), unit: 'POST' },
    ]
    return {
      id: 'B2',
      measures: b2.measures,
      metrics,
      notes: [
        `polling: ${POLL_KEYS} keys x 1 terminal side by side, ${POLL_ROUNDS} rounds (${POLL_KEYS * POLL_ROUNDS} sales), 3.5 s terminal time, engine defaults (adaptive polling: as often as the key budget allows, ~550 ms alone, ±10 % jitter; budget 2 per 1.1 s)`,
        `callback: ${CALLBACK_RUNS} sales after ${CALLBACK_WARMUP} warm-up, timeScale ${CALLBACK_TIME_SCALE}, budget off; latency includes the simulator's callback POST over loopback and the store's fsync of the result`,
      ],
    }
  },
}
