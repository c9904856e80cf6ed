/**
 * Shared set-up for the engine benchmarks: a simulator on loopback, merchants with terminals,
 * an engine over them with its payment store in a temporary directory, and clean-up of all of it.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PaymentRecord, PaymentStatusEvent } from '../../src/shared/contract/payments.contract'
import { FINAL_STATES } from '../../src/shared/contract/payments.values'
import type { PaymentEngine, PaymentEngineOptions } from '../../src/main/payments'
import type { SimMerchantSpec, SimulatorOptions, TerminalFinished } from '../../src/main/simulator'
import { collectTimings, type Breakdown } from './breakdown'
import { loadKit } from './kit'
import { startRemoteSimulator, type SimHandle } from './remote-sim'

/** Terminal milliseconds of a 'normal' sale in the simulator: card 2 s + processing 1.5 s. */
export const NORMAL_SALE_TERMINAL_MS = 3_500

export interface BenchMerchant {
  merchantId: string
  apiKey: string
  serials: string[]
}

/** `count` merchants with `terminals` 'normal' terminals each; keys are bench-only strings. */
export function benchMerchants(count: number, terminals: number): BenchMerchant[] {
  return Array.from({ length: count }, (_, m) => ({
    merchantId: `BenchShop${m + 1}`,
    apiKey: `BENCH-KEY-${String(m + 1).padStart(2, '0')}-NOT-A-SECRET`,
    serials: Array.from(
      { length: terminals },
      (_, t) => `9${String(m * 100 + t).padStart(9, '0')}`,
    ),
  }))
}

export function simulatorSpecs(merchants: BenchMerchant[]): SimMerchantSpec[] {
  return merchants.map((m) => ({
    apiKey: m.apiKey,
    merchantIdAlpha: m.merchantId,
    terminals: m.serials.map((serialNumber) => ({ serialNumber, behaviour: 'normal' as const })),
  }))
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `pos-bench-${prefix}-`))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

export const isFinalState = (record: PaymentRecord): boolean => FINAL_STATES.includes(record.state)

/** The simulator in this process, behind the same handle as the one in a child process. */
async function startLocalSimulator(options: SimulatorOptions): Promise<SimHandle> {
  const sim = await (await loadKit()).startSimulator(options)
  return {
    apiBaseUrl: sim.apiBaseUrl,
    statusBaseUrl: sim.statusBaseUrl,
    stats: () => Promise.resolve(sim.stats()),
    onTerminalFinished(listener) {
      return sim.onTerminalFinished((f: TerminalFinished) => {
        if (f.transactionReference) listener(f.transactionReference, performance.now())
      })
    },
    close: () => sim.close(),
  }
}

export interface World {
  sim: SimHandle
  engine: PaymentEngine
  merchants: BenchMerchant[]
  /** performance.now() of the engine's final event, by payment id. */
  finalAt: Map<string, number>
  /** performance.now() of the terminal posting its result, by transactionReference. */
  terminalDoneAt: Map<string, number>
  /** performance.now() of the simulator's callback POST on the wire, by transactionReference. */
  callbackSentAt: Map<string, number>
  /** Where the time from the terminal's result to the final event went, for one payment. */
  breakdown(id: string, reference: string): Breakdown | undefined
  close(): Promise<void>
}

export interface WorldOptions {
  /** The simulator in a child process (./remote-sim.ts). */
  separateProcess?: boolean
  /** A payments folder to start from (copied): the engine opens a store that holds history. */
  store?: string
}

/**
 * Starts a simulator with `merchants` and an engine bound to it (one client per key, terminals
 * known up front so no device listing happens during the measurements).
 */
export async function startWorld(
  merchants: BenchMerchant[],
  sim: Omit<SimulatorOptions, 'merchants'>,
  engine: Omit<PaymentEngineOptions, 'dataDir' | 'directory' | 'emit'>,
  options: WorldOptions = {},
): Promise<World> {
  const kit = await loadKit()
  const dir = tempDir('engine')
  if (options.store) cpSync(options.store, join(dir.path, 'payments'), { recursive: true })
  const separateProcess = options.separateProcess ?? false
  const simOptions = { ...sim, merchants: simulatorSpecs(merchants) }
  const simulator = separateProcess
    ? await startRemoteSimulator(simOptions)
    : await startLocalSimulator(simOptions)
  const finalAt = new Map<string, number>()
  const terminalDoneAt = new Map<string, number>()
  const timings = collectTimings()
  const callbackSentAt = new Map<string, number>()
  const stopListening = simulator.onTerminalFinished((reference, at) => {
    terminalDoneAt.set(reference, at)
  })
  const stopSent = simulator.onCallbackSent?.((reference, at) => {
    if (!callbackSentAt.has(reference)) callbackSentAt.set(reference, at)
  })
  const unsubscribe = (): void => {
    stopListening()
    stopSent?.()
    timings.close()
  }
  let built: PaymentEngine
  try {
    const directory = kit.createStaticDirectory(
      merchants.map((m) => ({
        merchantId: m.merchantId,
        client: kit.createHandpointClient({
          apiBaseUrl: simulator.apiBaseUrl,
          statusBaseUrl: simulator.statusBaseUrl,
          apiKey: m.apiKey,
          // As in the app: one attempt, so every request goes through the engine's budget.
          retry: { maxAttempts: 1 },
        }),
        devices: m.serials.map((serialNumber) => ({
          serialNumber,
          terminalType: 'PAXA920PRO',
          merchantIdAlpha: m.merchantId,
        })),
        defaultCurrency: 'EUR',
      })),
    )
    built = await kit.createPaymentEngine({
      ...engine,
      dataDir: dir.path,
      directory,
      emit: (event: PaymentStatusEvent) => {
        if (isFinalState(event.record) && !finalAt.has(event.record.id)) {
          finalAt.set(event.record.id, performance.now())
        }
      },
    })
  } catch (err) {
    unsubscribe()
    await simulator.close()
    dir.remove()
    throw err
  }
  return {
    sim: simulator,
    engine: built,
    merchants,
    finalAt,
    terminalDoneAt,
    callbackSentAt,
    breakdown(id, reference) {
      const done = terminalDoneAt.get(reference)
      const final = finalAt.get(id)
      return done === undefined || final === undefined
        ? undefined
        : timings.split(id, done, final, callbackSentAt.get(reference))
    },
    async close() {
      unsubscribe()
      await built.dispose()
      await simulator.close()
      dir.remove()
    },
  }
}

/** Runs one sale through the engine and resolves with the final record. */
export async function engineSale(
  world: World,
  merchantId: string,
  terminalSerial: string,
  flow: 'poll' | 'callback' = 'poll',
): Promise<PaymentRecord> {
  const started = await world.engine.start({
    merchantId,
    terminalSerial,
    operation: 'sale',
    amountMinor: '1000',
    currency: 'EUR',
    flow,
  })
  return world.engine.waitForFinal(started.id)
}

/** Resolves after `ms` real milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms))

/** Sum of a record's values. */
export const total = (values: Record<string, number>): number =>
  Object.values(values).reduce((a, b) => a + b, 0)

/** Highest value of a record (0 when empty). */
export const highest = (values: Record<string, number>): number =>
  Math.max(0, ...Object.values(values))
