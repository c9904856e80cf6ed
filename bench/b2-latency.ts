import { median, medianInterval, p99, round } from './stats'
import type { Benchmark, Metric } from './types'
import { breakdownMetrics, type Breakdown } from './support/breakdown'
import { benchMerchants, engineSale, highest, startWorld, total, type World } from './support/world'

/**
 * Polling: one terminal per key (each key polls alone, as often as its budget allows), these keys
 * side by side. How long a result waits for the next poll depends only on where in the poll
 * interval it falls, not on how long the sale took: terminal time runs 3.5x faster (a 'normal'
 * sale takes 1 s) and each customer presents the card up to two poll intervals later, spread
 * evenly, so results fall anywhere in the interval as with real customers. (With one fixed
 * terminal time every result fell at the same point of a schedule that starts at the POST.)
 */
const POLL_KEYS = 20
const POLL_ROUNDS = 16
const POLL_TIME_SCALE = 3.5
/** Two poll intervals of real time (2 x 550 ms), in terminal milliseconds. */
/** The engine's poll interval for one operation alone on its key: 1.1 s window / 2 requests. */
const SLOT_MS = 550
const POLL_CARD_SPREAD_MS = 2 * SLOT_MS * POLL_TIME_SCALE
/** Callback: terminal time compressed 100x; the result path does not depend on it. */
const CALLBACK_RUNS = 300
const CALLBACK_WARMUP = 10
const CALLBACK_TIME_SCALE = 100

/** Where each sale's time from the terminal's result to the final event went. */
function breakdowns(world: World, ids: { id: string; reference: string }[]): Breakdown[] {
  return ids.flatMap(({ id, reference }) => {
    const parts = world.breakdown(id, reference)
    return parts ? [parts] : []
  })
}

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

interface Mode {
  ms: number[]
  parts: Breakdown[]
  perOp: number
}

async function pollingMode(): Promise<Mode & { peak: number }> {
  const merchants = benchMerchants(POLL_KEYS, 1)
  // Engine defaults: adaptive polling on a budget of 2 requests per 1.1 s per key.
  const world = await startWorld(
    merchants,
    { timeScale: POLL_TIME_SCALE, cardTimeSpreadMs: POLL_CARD_SPREAD_MS },
    {},
  )
  try {
    const sales: { id: string; reference: string }[] = []
    // Each key's cashier starts the next sale when the last one is final.
    await Promise.all(
      merchants.map(async (m) => {
        for (let round = 0; round < POLL_ROUNDS; round += 1) {
          const r = await engineSale(world, m.merchantId, m.serials[0]!)
          sales.push({ id: r.id, reference: r.transactionReference })
        }
      }),
    )
    const stats = await world.sim.stats()
    return {
      ms: latencies(world, sales),
      parts: breakdowns(world, sales),
      perOp: total(stats.requestsByKey) / sales.length,
      peak: highest(stats.maxRequestsInAnySecondByKey),
    }
  } finally {
    await world.close()
  }
}

async function callbackMode(): Promise<Mode & { callbacksPerOp: number }> {
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
      parts: breakdowns(world, sales),
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
    const pollParts = breakdownMetrics('polling:', 'until the next poll', poll.parts)
    // The floor: a result falls anywhere in the interval the budget allows one poller (550 ms
    // at 2 requests per 1.1 s), so it waits half of it, then one request, commit and event.
    const step = (name: string): number => median(poll.parts.map((p) => p[name] ?? 0))
    const floor = SLOT_MS / 2 + step('request') + step('commit') + step('announce')
    const [lo, hi] = medianInterval(poll.ms)
    const callbackParts = breakdownMetrics('callback:', 'on the wire', callback.parts)
    const metrics: Metric[] = [
      {
        name: 'polling median',
        value: round(median(poll.ms)),
        unit: 'ms',
        target: '<= 300 ms with one active terminal on a key (floor: see below)',
      },
      { name: 'polling median, 95 % interval low', value: round(lo), unit: 'ms' },
      { name: 'polling median, 95 % interval high', value: round(hi), unit: 'ms' },
      {
        name: 'polling floor (half the budget interval + request + commit + event)',
        value: round(floor),
        unit: 'ms',
      },
      { name: 'polling p99', value: round(p99(poll.ms)), unit: 'ms' },
      ...pollParts.metrics,
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
      ...callbackParts.metrics,
      { name: 'callback requests per sale', value: round(callback.perOp), unit: 'req' },
      { name: 'callback deliveries per sale', value: round(callback.callbacksPerOp), unit: 'POST' },
    ]
    return {
      id: 'B2',
      measures: b2.measures,
      metrics,
      notes: [
        pollParts.note,
        callbackParts.note,
        `polling: ${POLL_KEYS} keys x 1 terminal side by side, ${POLL_ROUNDS} sales each (${POLL_KEYS * POLL_ROUNDS}), terminal time ${POLL_TIME_SCALE}x faster with the card up to ${round((2 * SLOT_MS) / 1000, 1)} s later (evenly spread), engine defaults (adaptive polling: as often as the key budget allows, ${SLOT_MS} ms alone, ±10 % jitter; budget 2 per 1.1 s)`,
        `callback: ${CALLBACK_RUNS} sales after ${CALLBACK_WARMUP} warm-up, timeScale ${CALLBACK_TIME_SCALE}, budget off; latency includes the simulator's callback POST over loopback and the store's fsync of the result`,
      ],
    }
  },
}
