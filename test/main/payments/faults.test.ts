import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError, type PaymentRecord } from '@shared/contract'
import { createHandpointClient } from '../../../src/main/handpoint'
import { createPaymentEngine, type PaymentEngine } from '../../../src/main/payments/engine'
import { createStaticDirectory } from '../../../src/main/payments/static-directory'
import { isFinal } from '../../../src/main/payments/states'
import {
  startSimulator,
  type SimFaults,
  type Simulator,
  type TerminalFinished,
} from '../../../src/main/simulator'
import { scaledClock, tempDataDir } from './support'

/**
 * Model-based fault runs against the simulator: fast-check draws the operations (merchant,
 * terminal, kind, amount, flow); the simulator injects lost 202s, 5xx, lost / duplicated / late
 * callbacks and terminals dropping off mid-transaction; the model says what every operation may end as. Checked: every operation final,
 * at most one POST per operation, no result applied to another operation or merchant, and the
 * per-key request rate never above the budget.
 */

interface Planned {
  merchant: number
  terminal: number
  kind: 'sale' | 'refund'
  amount: string
  flow: 'poll' | 'callback'
}

const DECLINE_AMOUNTS = new Set(['37.84', '37.79', '37.93'])

const plannedArb = (merchants: number, terminals: number): fc.Arbitrary<Planned> =>
  fc.record({
    merchant: fc.integer({ min: 0, max: merchants - 1 }),
    terminal: fc.integer({ min: 0, max: terminals - 1 }),
    kind: fc.constantFrom<'sale' | 'refund'>('sale', 'sale', 'sale', 'refund'),
    amount: fc.constantFrom('1234', '500', '9999', '10', '3784', '3779', '3793'),
    flow: fc.constantFrom<'poll' | 'callback'>('poll', 'poll', 'callback'),
  })

interface RunSetup {
  merchants: number
  terminals: number
  operations: number
  /** Requests per second per key, in both the simulator and the engine. */
  budget: number
  /** Engine budget when it differs from the simulator's limit (to provoke 429s). */
  engineBudget?: number
  timeScale: number
  faults: SimFaults
  busyTerminals?: boolean
  seed: number
}

interface RunResult {
  records: PaymentRecord[]
  refused: number
  simulator: Simulator
  finished: TerminalFinished[]
  keys: string[]
  seconds: number
}

const running: { engine?: PaymentEngine; simulator?: Simulator }[] = []
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.engine?.dispose()
    await r.simulator?.close()
  }
})

async function runPlan(setup: RunSetup, plan: Planned[]): Promise<RunResult> {
  const clock = scaledClock(setup.timeScale)
  const keys = Array.from(
    { length: setup.merchants },
    (_, m) => `KEY-${setup.seed}-${m}-abcdefghij`,
  )
  const serial = (m: number, t: number): string => `${String(100 + m)}00000${t}`
  const simulator = await startSimulator({
    merchants: keys.map((apiKey, m) => ({
      apiKey,
      merchantIdAlpha: `Merchant${m}`,
      terminals: Array.from({ length: setup.terminals }, (_, t) => ({
        serialNumber: serial(m, t),
      })),
    })),
    timeScale: setup.timeScale,
    rateLimitPerSecond: setup.budget,
    seed: setup.seed,
    now: clock.now,
  })
  const entry: { engine?: PaymentEngine; simulator?: Simulator } = { simulator }
  running.push(entry)
  simulator.faults = setup.faults
  const finished: TerminalFinished[] = []
  simulator.onTerminalFinished((f) => finished.push(f))
  const engine = await createPaymentEngine({
    dataDir: tempDataDir(),
    clock,
    directory: createStaticDirectory(
      keys.map((apiKey, m) => ({
        merchantId: `m${m}`,
        client: createHandpointClient({
          apiBaseUrl: simulator.apiBaseUrl,
          statusBaseUrl: simulator.statusBaseUrl,
          apiKey,
          retry: { maxAttempts: 1 },
          timeoutMs: 5_000,
        }),
        devices: Array.from({ length: setup.terminals }, (_, t) => ({
          serialNumber: serial(m, t),
          terminalType: 'PAXA920PRO',
        })),
      })),
    ),
    budget: { perWindow: setup.engineBudget ?? setup.budget },
    callback: { host: '127.0.0.1', port: 0 },
    random: mulberry(setup.seed),
  })
  entry.engine = engine
  if (setup.busyTerminals) {
    // Another checkout starts a long payment on terminal 0 of every merchant (37.68 = the host
    // never answers for two minutes): our first operation there must be refused, not queued.
    for (const [m, apiKey] of keys.entries()) {
      const other = createHandpointClient({
        apiBaseUrl: simulator.apiBaseUrl,
        statusBaseUrl: simulator.statusBaseUrl,
        apiKey,
        retry: { maxAttempts: 1 },
      })
      await other.startTransaction({
        operation: 'sale',
        serialNumber: serial(m, 0),
        terminalType: 'PAXA920PRO',
        amountMinor: '3768',
        currency: 'EUR',
      })
    }
    await new Promise((resolve) => setTimeout(resolve, 1200))
  }
  // Terminals that dropped off mid-transaction come back a little later, as real ones do.
  const reviveAll = (): void => {
    for (let m = 0; m < setup.merchants; m += 1) {
      for (let t = 0; t < setup.terminals; t += 1) simulator.setBehaviour(serial(m, t), 'normal')
    }
  }
  const revive = setInterval(reviveAll, 1500)
  const started = performance.now()
  const records: PaymentRecord[] = []
  let refused = 0
  const queues = new Map<string, Planned[]>()
  for (const p of plan) {
    const key = `${p.merchant}/${p.terminal}`
    queues.set(key, [...(queues.get(key) ?? []), p])
  }
  await Promise.all(
    [...queues.values()].map(async (queue) => {
      for (const p of queue) {
        try {
          const record = await engine.start({
            merchantId: `m${p.merchant}`,
            terminalSerial: serial(p.merchant, p.terminal),
            operation: p.kind,
            amountMinor: p.amount,
            currency: 'EUR',
            flow: p.flow,
          })
          records.push(await engine.waitForFinal(record.id))
        } catch (err) {
          if (!(err instanceof AppError) || typeof err.details?.paymentId !== 'string') throw err
          refused += 1
          records.push(engine.get(err.details.paymentId))
        }
      }
    }),
  )
  // The status host may have told the engine the outcome of a terminal that dropped off before
  // that terminal came back and posted it: wait for those posts, which are the model's truth.
  reviveAll()
  const posted = (r: PaymentRecord): boolean =>
    !r.result?.transactionId ||
    finished.some((f) => f.transactionReference === r.transactionReference)
  for (let waited = 0; waited < 10_000 && !records.every(posted); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  clearInterval(revive)
  const seconds = (performance.now() - started) / 1000
  return { records, refused, simulator, finished, keys, seconds }
}

function checkInvariants(setup: RunSetup, plan: Planned[], run: RunResult): void {
  const { records, simulator, finished } = run
  const stats = simulator.stats()
  expect(records).toHaveLength(plan.length)
  // Every operation ends final.
  expect(records.filter((r) => !isFinal(r.state)).map((r) => r.state)).toEqual([])
  // Never more than one POST per operation.
  const doubled = records.filter((r) => (stats.postsByReference[r.transactionReference] ?? 0) > 1)
  expect(doubled.map((r) => r.id)).toEqual([])
  // Results only ever applied to their own operation and merchant.
  const byReference = new Map(finished.map((f) => [f.transactionReference, f]))
  const seenIds = new Set<string>()
  for (const r of records) {
    const txId = r.result?.transactionId
    if (!txId) continue
    expect(seenIds.has(txId)).toBe(false)
    seenIds.add(txId)
    const truth = byReference.get(r.transactionReference)
    expect(truth?.transactionID).toBe(txId)
    expect(truth?.apiKey).toBe(run.keys[Number(r.merchantId.slice(1))])
  }
  // The model: decline amounts never end approved; "not charged" really was not charged.
  for (const r of records) {
    if (r.operation === 'sale' && DECLINE_AMOUNTS.has(fromMinor(r.amountMinor))) {
      expect(r.state).not.toBe('approved')
    }
    if (r.lastError?.code === 'not_charged' || r.lastError?.code === 'linked_not_processed') {
      expect(byReference.get(r.transactionReference)?.finStatus).not.toBe('AUTHORISED')
    }
  }
  // The per-key rate never exceeds the budget.
  for (const key of run.keys) {
    const budget = setup.engineBudget ?? setup.budget
    expect(stats.maxRequestsInAnySecondByKey[key] ?? 0).toBeLessThanOrEqual(budget)
  }
}

const fromMinor = (minor?: string): string =>
  minor ? `${minor.slice(0, -2) || '0'}.${minor.slice(-2).padStart(2, '0')}` : ''

function mulberry(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const FAULTS: SimFaults = {
  drop202: 0.05,
  goOfflineMidTransaction: 0.01,
  serverErrorRate: 0.03,
  callbackDropRate: 0.15,
  callbackDuplicateRate: 0.2,
  callbackDelayMs: 3_000,
}

describe('payment engine under injected faults', () => {
  it('8 merchants x 4 terminals, 1,000 operations: all final, no double POST, no misapplied result, rate within budget', async () => {
    const setup: RunSetup = {
      merchants: 8,
      terminals: 4,
      operations: 1000,
      budget: 40,
      timeScale: 100,
      faults: FAULTS,
      seed: 4242,
    }
    await fc.assert(
      fc.asyncProperty(
        fc.array(plannedArb(setup.merchants, setup.terminals), {
          minLength: setup.operations,
          maxLength: setup.operations,
        }),
        async (plan) => {
          const run = await runPlan(setup, plan)
          checkInvariants(setup, plan, run)
          const stats = run.simulator.stats()
          const maxRate = Math.max(...Object.values(stats.maxRequestsInAnySecondByKey))
          console.log(
            `fault run: ${plan.length} ops in ${run.seconds.toFixed(1)} s ` +
              `(${(plan.length / run.seconds).toFixed(1)} ops/s), max per-key rate ${maxRate}/s ` +
              `(budget ${setup.budget}), refused ${run.refused}, 429s ${stats.rateLimited}`,
          )
        },
      ),
      { numRuns: 1, seed: setup.seed, endOnFailure: true },
    )
  }, 120_000)

  it('at the documented 2 requests/s per key, with lost 202s, 5xx and lost or repeated callbacks', async () => {
    const setup: RunSetup = {
      merchants: 2,
      terminals: 2,
      operations: 10,
      budget: 2,
      timeScale: 20,
      faults: FAULTS,
      seed: 7,
    }
    await fc.assert(
      fc.asyncProperty(
        fc.array(plannedArb(setup.merchants, setup.terminals), { minLength: 10, maxLength: 10 }),
        async (plan) => {
          const run = await runPlan(setup, plan)
          checkInvariants(setup, plan, run)
          console.log(
            `2/s run: ${plan.length} ops in ${run.seconds.toFixed(1)} s, max per-key rate ` +
              `${Math.max(...Object.values(run.simulator.stats().maxRequestsInAnySecondByKey))}/s`,
          )
        },
      ),
      { numRuns: 1, seed: setup.seed, endOnFailure: true },
    )
  }, 90_000)

  it('honours 429 and refuses busy terminals: an engine allowed 3/s against a 2/s limit', async () => {
    const setup: RunSetup = {
      merchants: 2,
      terminals: 2,
      operations: 10,
      budget: 2,
      engineBudget: 3,
      timeScale: 20,
      faults: FAULTS,
      busyTerminals: true,
      seed: 11,
    }
    const plan = fc.sample(plannedArb(2, 2), { numRuns: 10, seed: 11 })
    plan.unshift({ merchant: 0, terminal: 0, kind: 'sale', amount: '100', flow: 'poll' })
    const run = await runPlan(setup, plan)
    checkInvariants(setup, plan, run)
    const busy = run.records.filter((r) => r.lastError?.code === 'terminal_busy')
    expect(busy.length).toBeGreaterThan(0)
    expect(busy.every((r) => r.state === 'failed')).toBe(true)
    expect(run.simulator.stats().rateLimited).toBeGreaterThan(0)
    console.log(
      `429 run: ${plan.length} ops in ${run.seconds.toFixed(1)} s, ${run.simulator.stats().rateLimited} answered 429, ${busy.length} refused as busy`,
    )
  }, 90_000)
})
