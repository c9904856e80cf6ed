import { afterEach, describe, expect, it } from 'vitest'
import { createHandpointClient } from '../../../src/main/handpoint'
import { createPaymentEngine, type PaymentEngine } from '../../../src/main/payments/engine'
import { createStaticDirectory } from '../../../src/main/payments/static-directory'
import {
  DEMO_API_KEY,
  startSimulator,
  type Simulator,
  type TerminalFinished,
} from '../../../src/main/simulator'
import { scaledClock, tempDataDir } from './support'

let simulator: Simulator | undefined
let engine: PaymentEngine | undefined
afterEach(async () => {
  await engine?.dispose()
  await simulator?.close()
})

describe('linked operations with an unknown outcome', () => {
  it('finds a reversal whose 202 was lost in the original chain, without sending it again', async () => {
    const clock = scaledClock(20)
    simulator = await startSimulator({ timeScale: 20, now: clock.now, rateLimitPerSecond: 0 })
    const finished: TerminalFinished[] = []
    simulator.onTerminalFinished((f) => finished.push(f))
    const client = createHandpointClient({
      apiBaseUrl: simulator.apiBaseUrl,
      statusBaseUrl: simulator.statusBaseUrl,
      apiKey: DEMO_API_KEY,
      retry: { maxAttempts: 1 },
    })
    engine = await createPaymentEngine({
      dataDir: tempDataDir('linked-'),
      clock,
      directory: createStaticDirectory([{ merchantId: 'demo', client }]),
      budget: { perWindow: 50 },
    })
    const start = { merchantId: 'demo', terminalSerial: '0821032398', amountMinor: '700' }
    const sale = await engine.waitForFinal((await engine.start({ ...start, operation: 'sale' })).id)
    expect(sale.state).toBe('approved')

    simulator.faults = { drop202: 1 }
    const started = await engine.start({
      ...start,
      operation: 'saleReversal',
      originalTransactionId: sale.result!.transactionId!,
    })
    simulator.faults = {}
    expect(started.state).toBe('unknown')
    const reversal = await engine.waitForFinal(started.id)
    expect(reversal.state).toBe('approved')
    expect(reversal.result?.type).toBe('VOID_SALE')
    expect(finished.filter((f) => f.transactionID === reversal.result?.transactionId)).toHaveLength(
      1,
    )
    expect(finished).toHaveLength(2)

    // A reversal that never reached Handpoint is proven not processed after the 90 s rule. (Of
    // another sale: the money rules refuse a second reversal of the one reversed above.)
    const other = await engine.waitForFinal(
      (await engine.start({ ...start, operation: 'sale' })).id,
    )
    simulator.faults = { serverErrorRate: 1 }
    const lost = await engine.start({
      ...start,
      operation: 'saleReversal',
      originalTransactionId: other.result!.transactionId!,
    })
    simulator.faults = {}
    expect(lost.state).toBe('unknown')
    expect(await engine.waitForFinal(lost.id)).toMatchObject({
      state: 'failed',
      lastError: { code: 'linked_not_processed' },
    })
    expect(finished).toHaveLength(3)
  }, 30_000)
})
