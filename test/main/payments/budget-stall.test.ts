import { afterEach, describe, expect, it } from 'vitest'
import type { PaymentRecord } from '@shared/contract'
import { createHandpointClient } from '../../../src/main/handpoint'
import { createPaymentEngine, type PaymentEngine } from '../../../src/main/payments/engine'
import type { MerchantDirectory } from '../../../src/main/payments/ports'
import { createStaticDirectory } from '../../../src/main/payments/static-directory'
import { startSimulator, type Simulator } from '../../../src/main/simulator'
import { scaledClock, tempDataDir } from './support'

/**
 * The per-key budget holds by construction, as Handpoint measures it (arrivals in any sliding
 * second), even when the event loop stalls between deciding to send and the request leaving:
 * one key, four busy terminals, the documented 2 requests/s, and stalls of a few hundred ms at
 * seeded random points (status events and directory look-ups busy-wait on the loop).
 */

const KEY = 'STALL-KEY-0000-NOT-A-SECRET'
const SERIALS = ['300000001', '300000002', '300000003', '300000004']
const SALES_PER_TERMINAL = 2
const TIME_SCALE = 10

const running: { engine?: PaymentEngine; simulator?: Simulator } = {}
afterEach(async () => {
  await running.engine?.dispose()
  await running.simulator?.close()
})

function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Blocks the event loop (nothing else in this process runs meanwhile, the simulator neither). */
function busyWait(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // spin
  }
}

describe('per-key budget under event-loop stalls', () => {
  it('never lets more than 2 requests reach the simulator in any sliding second, and gets no 429', async () => {
    const clock = scaledClock(TIME_SCALE)
    const simulator = await startSimulator({
      merchants: [
        {
          apiKey: KEY,
          merchantIdAlpha: 'StallShop',
          terminals: SERIALS.map((serialNumber) => ({ serialNumber })),
        },
      ],
      timeScale: TIME_SCALE,
      rateLimitPerSecond: 2,
      seed: 5,
      now: clock.now,
    })
    running.simulator = simulator
    const random = seeded(42)
    let stalls = 0
    const maybeStall = (): void => {
      if (random() < 0.35) {
        stalls += 1
        busyWait(150 + random() * 250)
      }
    }
    const inner = createStaticDirectory([
      {
        merchantId: 'm1',
        client: createHandpointClient({
          apiBaseUrl: simulator.apiBaseUrl,
          statusBaseUrl: simulator.statusBaseUrl,
          apiKey: KEY,
          retry: { maxAttempts: 1 },
        }),
        devices: SERIALS.map((serialNumber) => ({ serialNumber, terminalType: 'PAXA920PRO' })),
      },
    ])
    const directory: MerchantDirectory = {
      clientFor: async (id) => (maybeStall(), inner.clientFor(id)),
      terminalOf: async (id, serial) => (maybeStall(), inner.terminalOf(id, serial)),
      defaultCurrency: async (id) => inner.defaultCurrency(id),
    }
    const engine = await createPaymentEngine({
      dataDir: tempDataDir('stall-'),
      clock,
      random: seeded(7),
      directory,
      emit: () => maybeStall(),
    })
    running.engine = engine

    const records: PaymentRecord[] = []
    await Promise.all(
      SERIALS.map(async (terminalSerial) => {
        for (let i = 0; i < SALES_PER_TERMINAL; i += 1) {
          const started = await engine.start({
            merchantId: 'm1',
            terminalSerial,
            operation: 'sale',
            amountMinor: '1234',
            currency: 'EUR',
          })
          records.push(await engine.waitForFinal(started.id))
        }
      }),
    )

    const stats = simulator.stats()
    expect(stalls).toBeGreaterThan(5)
    expect(records.map((r) => r.state)).toEqual(
      Array.from({ length: SERIALS.length * SALES_PER_TERMINAL }, () => 'approved'),
    )
    expect(stats.maxRequestsInAnySecondByKey[KEY]).toBeLessThanOrEqual(2)
    expect(stats.rateLimited).toBe(0)
  }, 90_000)
})
