import { afterEach, describe, expect, it } from 'vitest'
import { startPaymentRequest } from '../../../src/shared/contract/payments.contract'
import { createHandpointClient } from '../../../src/main/handpoint'
import type { Device } from '../../../src/main/handpoint/types'
import { bindDeviceCalls } from '../../../src/main/merchants/bound-client'
import { createPaymentEngine, type PaymentEngine } from '../../../src/main/payments/engine'
import { RateBudget } from '../../../src/main/payments/rate-budget'
import { createStaticDirectory } from '../../../src/main/payments/static-directory'
import { DEMO_API_KEY, startSimulator, type Simulator } from '../../../src/main/simulator'
import { createTerminalCare, type TerminalCare } from '../../../src/main/terminals/compose'
import { createMemoryCommandJournal } from '../../../src/main/terminals/memory-journal'
import { scaledClock, tempDataDir } from '../payments/support'

/**
 * Terminal health wired to the payment engine as the services wire it, against the simulator:
 * the battery a result reports reaches the board, a payment holds its terminal (busy here, no
 * check), and Handpoint's 1001 to a start reads as busy elsewhere.
 */
const SCALE = 50
const NORMAL = '0821032398'
const PIN = '1850025030'

let sim: Simulator | undefined
let engine: PaymentEngine | undefined
let care: TerminalCare | undefined
afterEach(async () => {
  care?.dispose()
  await engine?.dispose()
  await sim?.close()
  care = engine = sim = undefined
})

async function world() {
  const clock = scaledClock(SCALE)
  sim = await startSimulator({ timeScale: SCALE, now: () => clock.now() })
  const client = createHandpointClient({
    apiBaseUrl: sim.apiBaseUrl,
    statusBaseUrl: sim.statusBaseUrl,
    apiKey: DEMO_API_KEY,
    retry: { maxAttempts: 1 },
  })
  const terminals: Device[] = await client.listDevices()
  const budget = new RateBudget()
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
    merchants: {
      profiles: () => [{ id: 'demo', terminals }],
      terminalOf: async (_m, serial) => terminals.find((t) => t.serialNumber === serial),
      deviceClientFor: async () => bindDeviceCalls(client, 'Demo', () => terminals)!,
    },
    busyHere: (m, s) => payments.terminalBusy(m, s),
    budget: {
      background: { send: (k, o, r) => budget.send(k, o, r, 'background') },
      normal: { send: (k, o, r) => budget.send(k, o, r) },
    },
    journal: createMemoryCommandJournal(),
    onBoard: () => undefined,
  })
  ref.care = care
  return { sim, engine, care, view: (serial: string) => care!.health.view('demo', serial) }
}

const sale = (serial: string, amountMinor: string) =>
  startPaymentRequest.parse({
    merchantId: 'demo',
    terminalSerial: serial,
    operation: 'sale',
    amountMinor,
    currency: 'EUR',
  })

describe('terminal health and the payment engine', () => {
  it('the battery a result reports is shown; the terminal is busy here while it runs', async () => {
    const w = await world()
    w.sim.setBattery(NORMAL, { percent: 42, externalPower: 'None' })
    await w.care.start()
    const started = await w.engine.start(sale(NORMAL, '1250'))
    expect(w.view(NORMAL)?.state).toBe('busy-here')
    const done = await w.engine.waitForFinal(started.id)
    expect(done.state).toBe('approved')
    const health = w.view(NORMAL)
    expect(health?.state).toBe('online')
    expect(health?.device).toMatchObject({
      source: 'result',
      onExternalPower: false,
      appVersion: '20.4.12.1',
    })
    expect(health?.device?.batteryPercent).toBeGreaterThanOrEqual(40)
    expect(health?.device?.batteryPercent).toBeLessThanOrEqual(42)
    expect(w.care.health.historyOf('demo', NORMAL).at(-1)).toMatchObject({
      code: 'health_result',
      params: { operation: 'sale' },
    })
  })

  it('a start refused because another client is using the terminal reads busy elsewhere', async () => {
    const w = await world()
    w.sim.setBusyElsewhere(PIN, true)
    await w.care.start()
    await expect(w.engine.start(sale(PIN, '500'))).rejects.toMatchObject({ code: 'terminal_busy' })
    expect(w.view(PIN)?.state).toBe('busy-elsewhere')
    expect(w.care.health.historyOf('demo', PIN).map((e) => e.code)).toEqual(['health_refused_busy'])
  })

  it('two payments on two terminals at once, with checks running: neither is refused as busy', async () => {
    const w = await world()
    await w.care.start() // checks of every terminal are under way
    const [a, b] = await Promise.all([
      w.engine.start(sale(NORMAL, '1000')),
      w.engine.start(sale(PIN, '2000')),
    ])
    const [doneA, doneB] = await Promise.all([
      w.engine.waitForFinal(a.id),
      w.engine.waitForFinal(b.id),
    ])
    expect([doneA.state, doneB.state]).toEqual(['approved', 'approved'])
    expect(w.view(NORMAL)?.state).toBe('online')
    expect(w.view(PIN)?.state).toBe('online')
  })
})
