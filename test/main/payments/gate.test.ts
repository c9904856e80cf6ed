import { afterEach, describe, expect, it } from 'vitest'
import type { HandpointClient } from '../../../src/main/handpoint/types'
import { createPaymentEngine, type PaymentEngine } from '../../../src/main/payments/engine'
import { createStaticDirectory } from '../../../src/main/payments/static-directory'
import { tempDataDir } from './support'

let engine: PaymentEngine | undefined
afterEach(async () => {
  await engine?.dispose()
  engine = undefined
})

describe("the engine's request budget for other callers", () => {
  it("holds a day-close request back until the merchant key's window has room", async () => {
    engine = await createPaymentEngine({
      dataDir: tempDataDir(),
      directory: createStaticDirectory([
        { merchantId: 'm1', client: {} as HandpointClient, devices: [] },
      ]),
      budget: { perWindow: 1, windowMs: 150 },
    })
    const gate = engine.gateFor('m1', 'day-close')
    const started: number[] = []
    const request = async (): Promise<number> => {
      started.push(performance.now())
      return started.length
    }
    expect(await Promise.all([gate(request), gate(request)])).toEqual([1, 2])
    // The second went out only after the first was answered plus the window.
    expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(140)
  })
})
