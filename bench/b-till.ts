import { cpus, loadavg } from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { TillHttpServer } from '../src/main/till/http/server'
import type { TillDirectory, TillEngine } from '../src/main/till/ports'
import { TillSession } from '../src/main/till/session'
import { engineForTill } from '../src/main/till/wiring'
import { median, p99, round } from './stats'
import type { Benchmark, Metric } from './types'
import { startTillProcess } from './support/till-process'
import { benchMerchants, startWorld, type World } from './support/world'

/**
 * TILL: what the till link adds to a sale. The same sale, alternately through the engine's own
 * `startOnce` and through `POST /v1/payments` over loopback HTTP, on one terminal of the
 * simulator (time compressed, key budget lifted so only our code is timed):
 * - added latency: per sale, the POST's answer time at the till minus the engine time inside it
 *   (both distributions are printed too);
 * - long-poll: a `GET /v1/payments/{id}?wait=60` held from the 201; the time from the engine's
 *   final event to the till having the final answer.
 */
const RUNS = 200
const WARMUP = 20
const TIME_SCALE = 100
const TOKEN = 'bench-till-token-0000000000000000'

export const bTill: Benchmark = {
  id: 'TILL',
  measures:
    "a sale through the till link vs through the engine directly: added latency, and how soon a waiting long-poll has the engine's final event",
  async run() {
    const merchants = benchMerchants(1, 1)
    const m = merchants[0]!
    const serial = m.serials[0]!
    const finalEventAt = new Map<string, number>()
    const world: World = await startWorld(
      merchants,
      { timeScale: TIME_SCALE, rateLimitPerSecond: 0 },
      { budget: { perWindow: 10_000, windowMs: 1_000 } },
    )
    const engine: TillEngine = engineForTill(world.engine)
    engine.subscribe(({ record }) => {
      if (['approved', 'declined', 'failed', 'cancelled', 'partial'].includes(record.state)) {
        if (!finalEventAt.has(record.id)) finalEventAt.set(record.id, performance.now())
      }
    })
    const directory: TillDirectory = {
      merchants: () => [{ id: m.merchantId, name: m.merchantId }],
      terminalsOf: async () => [{ serial, type: 'PAXA920PRO' }],
      merchantOfTerminal: async () => m.merchantId,
    }
    // The session's engine calls are timed, so each POST can be paired with the engine time
    // spent inside it: what is left is the till link's own cost (HTTP, checks, JSON).
    const insideEngine = new Map<string, number>()
    const timed: TillEngine = {
      ...engine,
      async startOnce(request, once) {
        const t = performance.now()
        try {
          return await engine.startOnce(request, once)
        } finally {
          insideEngine.set(once.key, performance.now() - t)
        }
      },
    }
    // And the session's own work per sale (checks, key lookup, mapping), without HTTP.
    const sessionOwn: number[] = []
    class TimedSession extends TillSession {
      override async start(...args: Parameters<TillSession['start']>) {
        const t = performance.now()
        const started = await super.start(...args)
        sessionOwn.push(performance.now() - t - insideEngine.get(args[1])!)
        return started
      }
    }
    const session = new TimedSession({
      engine: timed,
      directory,
      receipts: { copy: async () => undefined },
    })
    const caller = { tillId: 'bench', tillName: 'Bench', merchantId: m.merchantId }
    const server = new TillHttpServer({
      session,
      authenticate: (t) => (t === TOKEN ? caller : undefined),
      version: 'bench',
      requestsPerSecond: 100_000,
    })
    const base = await server.listen('127.0.0.1', 0)
    // How long this process's event loop was held up meanwhile (by the machine, GC or us):
    // the context for the p99 figures.
    const stalls = monitorEventLoopDelay({ resolution: 1 })
    stalls.enable()
    const till = await startTillProcess()
    const direct: number[] = []
    const viaLink: number[] = []
    const added: number[] = []
    const pollLag: number[] = []
    const waitFinal = async (id: string): Promise<void> => {
      while (!finalEventAt.has(id)) await new Promise((r) => setTimeout(r, 2))
    }
    try {
      for (let i = 0; i < WARMUP + RUNS; i += 1) {
        const amountMinor = String(1000 + i)
        // Directly through the engine.
        const t = performance.now()
        const { record } = await engine.startOnce(
          {
            merchantId: m.merchantId,
            terminalSerial: serial,
            operation: 'sale',
            amountMinor,
            currency: 'EUR',
          },
          {
            scope: 'till:bench-direct',
            key: `direct-${i}`,
            fingerprint: `direct-${i}`,
            origin: { kind: 'till', tillId: 'bench-direct', tillName: 'Bench' },
          },
        )
        const directMs = performance.now() - t
        await waitFinal(record.id)
        // Through the till link, from the till's own process, with a long-poll from the 201 on.
        const body = { operation: 'sale', amount: 1000 + i, currency: 'EUR', terminal: serial }
        const { started, final } = await till.sale({ base, token: TOKEN, key: `link-${i}`, body })
        if (started.status !== 201) throw new Error(`The till link answered ${started.status}.`)
        if (!final.final) throw new Error('A long-poll ended before the payment was final.')
        await waitFinal(started.id)
        if (i >= WARMUP) {
          direct.push(directMs)
          viaLink.push(started.ms)
          added.push(started.ms - insideEngine.get(`link-${i}`)!)
          pollLag.push(final.at - (performance.timeOrigin + finalEventAt.get(started.id)!))
        }
      }
    } finally {
      till.close()
      await server.close()
      session.dispose()
      await world.close()
    }
    stalls.disable()
    const metrics: Metric[] = [
      { name: 'engine start p50', value: round(median(direct)), unit: 'ms' },
      { name: 'engine start p99', value: round(p99(direct)), unit: 'ms' },
      { name: 'till link POST p50', value: round(median(viaLink)), unit: 'ms' },
      { name: 'till link POST p99', value: round(p99(viaLink)), unit: 'ms' },
      {
        name: 'till session own work p99',
        value: round(p99(sessionOwn.slice(WARMUP))),
        unit: 'ms',
      },
      { name: 'added latency p50', value: round(median(added)), unit: 'ms' },
      { name: 'added latency p99', value: round(p99(added)), unit: 'ms', target: '<= 5 ms' },
      { name: 'long-poll after final event p50', value: round(median(pollLag)), unit: 'ms' },
      {
        name: 'long-poll after final event p99',
        value: round(p99(pollLag)),
        unit: 'ms',
        target: '<= 5 ms',
      },
      {
        name: 'event-loop delay p99 (engine process)',
        value: round(stalls.percentile(99) / 1e6),
        unit: 'ms',
      },
      { name: 'event-loop delay max', value: round(stalls.max / 1e6), unit: 'ms' },
    ]
    return {
      id: 'TILL',
      measures: bTill.measures,
      metrics,
      notes: [
        `${RUNS} sales each way after ${WARMUP} warm-up, alternating, one terminal, simulator timeScale ${TIME_SCALE}, key budget lifted; the till is a child process using fetch over loopback`,
        `load average while it ran: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores (p99 on a busy machine mostly measures the scheduler)`,
        "added latency is per sale: the till's POST round trip minus the engine time inside it (the engine's own fsync and Handpoint's answer are the same either way); the long-poll figure is from the engine announcing the final state to the till reading the answer",
      ],
    }
  },
}
