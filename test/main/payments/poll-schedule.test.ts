import { afterEach, describe, expect, it } from 'vitest'
import type { HandpointClient, PollOutcome } from '../../../src/main/handpoint/types'
import { createPaymentEngine, type PaymentEngine } from '../../../src/main/payments/engine'
import { createStaticDirectory } from '../../../src/main/payments/static-directory'
import { ManualClock, tempDataDir } from './support'

/**
 * The adaptive poll schedule: as often as the key's budget allows, shared fairly between the
 * operations polling on that key, slower once an operation runs long. The budget here has the
 * documented slot (2 per 1.1 s = one request per 550 ms) but a huge window, so it never has to
 * hold a request back: what is measured is the schedule the engine chooses by itself.
 */

const SERIALS = ['T1', 'T2', 'T3', 'T4']

/** Terminals that never finish; every poll is recorded with the engine-clock time it left. */
class SlowTerminals implements HandpointClient {
  polls = new Map<string, number[]>()
  private posted = 0
  constructor(private readonly clock: ManualClock) {}
  async listDevices() {
    return []
  }
  async startTransaction() {
    this.posted += 1
    return { transactionResultId: `R${this.posted}`, statusMessage: 'Operation Accepted' }
  }
  async getTransactionResult(id: string): Promise<PollOutcome> {
    this.polls.set(id, [...(this.polls.get(id) ?? []), this.clock.now()])
    return { kind: 'in-progress' }
  }
  async getStatusByReference() {
    return { finStatus: 'UNDEFINED' }
  }
  async getStatusChain() {
    return []
  }
  async adjustTip() {}
  gaps(id: string, from = 0): number[] {
    const at = (this.polls.get(id) ?? []).filter((t) => t >= from)
    return at.slice(1).map((t, i) => t - at[i]!)
  }
}

let engine: PaymentEngine | undefined
afterEach(async () => {
  await engine?.dispose()
  engine = undefined
})

async function setup() {
  const clock = new ManualClock()
  const client = new SlowTerminals(clock)
  engine = await createPaymentEngine({
    dataDir: tempDataDir('poll-'),
    clock,
    random: () => 0.5,
    directory: createStaticDirectory([
      {
        merchantId: 'm1',
        client,
        devices: SERIALS.map((serialNumber) => ({ serialNumber, terminalType: 'PAXA920' })),
      },
    ]),
    budget: { perWindow: 1_000, windowMs: 550_000, now: () => clock.now() },
    statusFallbackAfterMs: 10 * 60_000,
  })
  const start = (terminalSerial: string) =>
    engine!.start({ merchantId: 'm1', terminalSerial, operation: 'sale', amountMinor: '100' })
  return { clock, client, start }
}

describe('adaptive poll schedule', () => {
  it('polls a lone operation about every 550 ms, and every 2 s once it has run a minute', async () => {
    const { clock, client, start } = await setup()
    await start('T1')
    await clock.advance(5_000)
    const early = client.gaps('R1')
    expect(early.length).toBeGreaterThanOrEqual(7)
    for (const gap of early) expect(gap).toBeGreaterThanOrEqual(500)
    for (const gap of early) expect(gap).toBeLessThanOrEqual(600)
    await clock.advance(70_000)
    const late = client.gaps('R1', clock.now() - 9_000)
    expect(late.length).toBeGreaterThanOrEqual(3)
    for (const gap of late) expect(gap).toBeGreaterThanOrEqual(2_000)
  })

  it('shares the key fairly: four operations each poll about every 2.2 s, never overlapping', async () => {
    const { clock, client, start } = await setup()
    for (const serial of SERIALS) await start(serial)
    await clock.advance(12_000)
    for (const id of ['R1', 'R2', 'R3', 'R4']) {
      const gaps = client.gaps(id, clock.now() - 9_000)
      expect(gaps.length).toBeGreaterThanOrEqual(3)
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(2_000)
      for (const gap of gaps) expect(gap).toBeLessThanOrEqual(2_500)
    }
  })
})
