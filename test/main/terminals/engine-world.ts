import { startPaymentRequest } from '../../../src/shared/contract/payments.contract'
import { createHandpointClient, type HandpointCloudClient } from '../../../src/main/handpoint'
import type { Device } from '../../../src/main/handpoint/types'
import { bindDeviceCalls } from '../../../src/main/merchants/bound-client'
import { createPaymentEngine, type PaymentEngine } from '../../../src/main/payments/engine'
import { RateBudget } from '../../../src/main/payments/rate-budget'
import { createStaticDirectory } from '../../../src/main/payments/static-directory'
import { DEMO_API_KEY, startSimulator, type Simulator } from '../../../src/main/simulator'
import {
  createTerminalCare,
  type TerminalCare,
  type TerminalMerchants,
} from '../../../src/main/terminals/compose'
import { createMemoryCommandJournal } from '../../../src/main/terminals/memory-journal'
import { scaledClock, tempDataDir } from '../payments/support'

/**
 * Terminal care wired to the payment engine as the services wire it, against the built-in
 * simulator (time 50 times faster for both). Call `closeEngineWorld` after each test.
 */
const SCALE = 50
export const NORMAL = '0821032398'
export const PIN = '1850025030'

let sim: Simulator | undefined
let engine: PaymentEngine | undefined
let care: TerminalCare | undefined

export async function closeEngineWorld(): Promise<void> {
  care?.dispose()
  await engine?.dispose()
  await sim?.close()
  care = engine = sim = undefined
}

/** `budget`: the request budget's limits (Handpoint's own, in real time, unless given). */
export async function engineWorld(
  options: { budget?: { perWindow: number; windowMs: number } } = {},
) {
  const clock = scaledClock(SCALE)
  sim = await startSimulator({ timeScale: SCALE, now: () => clock.now() })
  const { client, terminals } = await demoClient(sim)
  const budget = new RateBudget(options.budget)
  const ref: { care?: TerminalCare } = {}
  engine = await createPaymentEngine({
    dataDir: tempDataDir('health-engine-'),
    directory: createStaticDirectory([{ merchantId: 'demo', client, devices: terminals }]),
    clock,
    budget,
    emit: (event) => ref.care?.feed(event),
    beforeSend: (m, s) => ref.care?.health.whenQuiet(m, s) ?? Promise.resolve(),
    onResult: (record, result) => ref.care?.noteResult(record, result),
  })
  const payments = engine
  care = createTerminalCare({
    clock,
    merchants: demoMerchants(client, terminals),
    busyHere: (m, s) => payments.terminalBusy(m, s),
    budget: {
      background: { send: (k, o, r) => budget.send(k, o, r, 'background') },
      normal: { send: (k, o, r) => budget.send(k, o, r) },
    },
    journal: createMemoryCommandJournal(),
    onBoard: () => undefined,
  })
  ref.care = care
  return {
    sim,
    engine,
    care,
    terminals,
    view: (serial: string) => care!.health.view('demo', serial),
  }
}

/** The simulator's demo key (one attempt per call, as the services use it) and its terminals. */
export async function demoClient(sim: Simulator) {
  const client = createHandpointClient({
    apiBaseUrl: sim.apiBaseUrl,
    statusBaseUrl: sim.statusBaseUrl,
    apiKey: DEMO_API_KEY,
    retry: { maxAttempts: 1 },
  })
  const terminals: Device[] = await client.listDevices()
  return { client, terminals }
}

/** The demo merchant as terminal care sees it. */
export function demoMerchants(
  client: HandpointCloudClient,
  terminals: Device[],
): TerminalMerchants {
  return {
    profiles: () => [{ id: 'demo', terminals }],
    terminalOf: async (_m, serial) => terminals.find((t) => t.serialNumber === serial),
    deviceClientFor: async () => bindDeviceCalls(client, 'Demo', () => terminals)!,
  }
}

/** A sale of the demo merchant on one of its terminals. */
export const sale = (serial: string, amountMinor: string) =>
  startPaymentRequest.parse({
    merchantId: 'demo',
    terminalSerial: serial,
    operation: 'sale',
    amountMinor,
    currency: 'EUR',
  })
