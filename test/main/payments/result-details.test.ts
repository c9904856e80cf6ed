import { afterEach, describe, expect, it } from 'vitest'
import type { PaymentRecord } from '@shared/contract/payments.contract'
import { createHandpointClient } from '../../../src/main/handpoint'
import { createPaymentEngine, type PaymentEngine } from '../../../src/main/payments/engine'
import { createStaticDirectory } from '../../../src/main/payments/static-directory'
import { DEMO_API_KEY, startSimulator, type Simulator } from '../../../src/main/simulator'
import { scaledClock, tempDataDir } from './support'

/**
 * A sale settled by Handpoint's status service (the terminal fell silent) has no receipts in
 * that answer. The engine reads the terminal's own result for them, as a normal result's, and
 * says so; the receipts service collects them from `onDetails`.
 */

let simulator: Simulator | undefined
let engine: PaymentEngine | undefined
afterEach(async () => {
  await engine?.dispose()
  await simulator?.close()
})

const T1 = '0821032398'

async function startEngine(clock: ReturnType<typeof scaledClock>): Promise<PaymentEngine> {
  simulator = await startSimulator({ timeScale: 20, now: clock.now, rateLimitPerSecond: 0 })
  const client = createHandpointClient({
    apiBaseUrl: simulator.apiBaseUrl,
    statusBaseUrl: simulator.statusBaseUrl,
    apiKey: DEMO_API_KEY,
    retry: { maxAttempts: 1 },
  })
  return createPaymentEngine({
    dataDir: tempDataDir('details-'),
    clock,
    random: () => 0,
    statusFallbackAfterMs: 2_000,
    directory: createStaticDirectory([{ merchantId: 'demo', client }]),
    budget: { perWindow: 50 },
  })
}

describe('receipts of a payment the status service settled', () => {
  it('are read no more once the engine is closed', async () => {
    const clock = scaledClock(20)
    engine = await startEngine(clock)
    simulator!.faults = { goOfflineMidTransaction: 1 }
    const started = await engine.start({
      merchantId: 'demo',
      terminalSerial: T1,
      operation: 'sale',
      amountMinor: '1250',
      currency: 'EUR',
    })
    simulator!.faults = {}
    const settled = await engine.waitForFinal(started.id)
    expect(settled.evidence.map((e) => e.code)).toContain('evidence_result_by_status')
    // The terminal is still silent: the read fails and waits for its next turn (5 s, then 30 s,
    // 0.25 s and 1.5 s here). The engine closes before either comes.
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      await engine.dispose()
      engine = undefined
      await new Promise((ok) => setTimeout(ok, 2_000))
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
    expect(unhandled).toEqual([])
  }, 30_000)

  it('are read from the terminal’s result once it can be read', async () => {
    const clock = scaledClock(20)
    simulator = await startSimulator({ timeScale: 20, now: clock.now, rateLimitPerSecond: 0 })
    const client = createHandpointClient({
      apiBaseUrl: simulator.apiBaseUrl,
      statusBaseUrl: simulator.statusBaseUrl,
      apiKey: DEMO_API_KEY,
      retry: { maxAttempts: 1 },
    })
    engine = await createPaymentEngine({
      dataDir: tempDataDir('details-'),
      clock,
      random: () => 0,
      statusFallbackAfterMs: 2_000,
      directory: createStaticDirectory([{ merchantId: 'demo', client }]),
      budget: { perWindow: 50 },
    })
    const details: PaymentRecord[] = []
    engine.onDetails((record) => details.push(record))
    simulator.faults = { goOfflineMidTransaction: 1 }
    const started = await engine.start({
      merchantId: 'demo',
      terminalSerial: T1,
      operation: 'sale',
      amountMinor: '1250',
      currency: 'EUR',
    })
    simulator.faults = {}
    const settled = await engine.waitForFinal(started.id)
    expect(settled.state).toBe('approved')
    expect(settled.evidence.map((e) => e.code)).toContain('evidence_result_by_status')
    expect(settled.result?.customerReceipt).toBeUndefined()

    // The terminal comes back: its result, with the receipts, can be read now.
    simulator.setBehaviour(T1, 'normal')
    for (let i = 0; i < 100 && details.length === 0; i++) {
      await new Promise((ok) => setTimeout(ok, 50))
    }
    expect(details).toHaveLength(1)
    const completed = engine.get(started.id)
    expect(completed.state).toBe('approved')
    expect(completed.result?.customerReceipt).toMatch(/^http/)
    expect(completed.result?.merchantReceipt).toMatch(/^http/)
    expect(completed.evidence.map((e) => e.code)).toContain('evidence_details_from_result')
    expect(details[0]!.result?.customerReceipt).toBe(completed.result?.customerReceipt)
  }, 30_000)
})
