import { afterEach, describe, expect, it } from 'vitest'
import type { PaymentRecord, StartPaymentRequest } from '@shared/contract/payments.contract'
import { AppError } from '@shared/contract/result'
import { createHandpointClient } from '../../../src/main/handpoint'
import { createPaymentEngine, type PaymentEngine } from '../../../src/main/payments/engine'
import { ManagerPin } from '../../../src/main/payments/money/manager-pin'
import { createStaticDirectory } from '../../../src/main/payments/static-directory'
import { DEMO_API_KEY, startSimulator, type Simulator } from '../../../src/main/simulator'
import { scaledClock, tempDataDir } from './support'

/**
 * The money rules in the engine, where every front passes: `start` (the window over IPC and the
 * CLI) and `startOnce` (the till link). Against the simulator, which approves whatever it is
 * sent, as the probe found: the refusals here are the engine's own.
 */

let simulator: Simulator | undefined
let engine: PaymentEngine | undefined
afterEach(async () => {
  await engine?.dispose()
  await simulator?.close()
  engine = undefined
})

const T1 = '0821032398'
const T2 = '1547854757'

async function open(options: { ceilingMinor?: string; pin?: ManagerPin } = {}) {
  const clock = scaledClock(20)
  simulator = await startSimulator({ timeScale: 20, now: clock.now, rateLimitPerSecond: 0 })
  const client = createHandpointClient({
    apiBaseUrl: simulator.apiBaseUrl,
    statusBaseUrl: simulator.statusBaseUrl,
    apiKey: DEMO_API_KEY,
    retry: { maxAttempts: 1 },
  })
  const dataDir = tempDataDir('money-')
  const pin = options.pin ?? new ManagerPin({ dataDir, now: clock.now })
  engine = await createPaymentEngine({
    dataDir,
    clock,
    directory: createStaticDirectory([{ merchantId: 'demo', client }]),
    budget: { perWindow: 50 },
    approval: {
      ceilingOf: async () =>
        options.ceilingMinor ? { minor: options.ceilingMinor, currency: 'EUR' } : undefined,
      checkPin: (p) => pin.check(p),
    },
  })
  return { engine, pin, dataDir }
}

const base = { merchantId: 'demo', terminalSerial: T1, currency: 'EUR' }

async function done(
  e: PaymentEngine,
  request: Partial<StartPaymentRequest>,
): Promise<PaymentRecord> {
  const started = await e.start({ ...base, ...request } as StartPaymentRequest)
  return e.waitForFinal(started.id)
}

async function refusal(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  const { code, params } = (err as AppError).toJSON()
  return params ? { code, params } : { code }
}

describe('follow-ups are judged in the engine, for every front', () => {
  it('refuses a reversal of a refunded sale: 9.00 sale, 9.00 refund, then Reverse', async () => {
    const { engine: e } = await open()
    const sale = await done(e, { operation: 'sale', amountMinor: '900' })
    const tx = sale.result!.transactionId!
    expect(
      await done(e, { operation: 'refund', amountMinor: '900', originalTransactionId: tx }),
    ).toMatchObject({ state: 'approved' })
    const reverse = {
      ...base,
      operation: 'saleReversal' as const,
      amountMinor: '900',
      originalTransactionId: tx,
    }
    expect(await refusal(e.start(reverse))).toEqual({ code: 'reversal_after_refund' })
    // The till link's idempotent start goes the same way, and leaves no key behind.
    const once = { scope: 'till:t1', key: 'k-1', fingerprint: 'f' }
    expect(await refusal(e.startOnce(reverse, once))).toEqual({ code: 'reversal_after_refund' })
    expect(e.findByIdempotencyKey('till:t1', 'k-1')).toBeUndefined()
    // Nothing went to the terminal.
    expect(e.list({ merchantId: 'demo', limit: 10 }).map((r) => r.operation)).toEqual([
      'refund',
      'sale',
    ])
  }, 30_000)

  it('refuses a 500.00 refund and a 900.00 reversal of a 1.00 sale, saying what is left', async () => {
    const { engine: e } = await open()
    const sale = await done(e, { operation: 'sale', amountMinor: '100' })
    const tx = sale.result!.transactionId!
    expect(
      await refusal(
        e.start({ ...base, operation: 'refund', amountMinor: '50000', originalTransactionId: tx }),
      ),
    ).toEqual({ code: 'amount_exceeds_remaining', params: { remaining: '1.00', currency: 'EUR' } })
    expect(
      await refusal(
        e.start({
          ...base,
          operation: 'saleReversal',
          amountMinor: '90000',
          originalTransactionId: tx,
        }),
      ),
    ).toEqual({ code: 'amount_exceeds_remaining', params: { remaining: '1.00', currency: 'EUR' } })
    const [answer] = await e.settlements([sale.id])
    expect(answer).toMatchObject({ paymentId: sale.id, leftMinor: '100', currency: 'EUR' })
  }, 30_000)

  it('counts a refund under way: two at once on two terminals cannot both pass', async () => {
    const { engine: e } = await open()
    const sale = await done(e, { operation: 'sale', amountMinor: '1000' })
    const tx = sale.result!.transactionId!
    const refund = (terminalSerial: string) =>
      e.start({
        ...base,
        terminalSerial,
        operation: 'refund',
        amountMinor: '600',
        originalTransactionId: tx,
      })
    const outcomes = await Promise.allSettled([refund(T1), refund(T2)])
    const passed = outcomes.filter((o) => o.status === 'fulfilled')
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as AppError] : []))
    expect(passed).toHaveLength(1)
    expect(refused.map((r) => r.toJSON().params)).toEqual([{ remaining: '4.00', currency: 'EUR' }])
    const first = (passed[0] as PromiseFulfilledResult<PaymentRecord>).value
    // While it runs, what is left already counts it; once approved, the sale is partly refunded.
    await e.waitForFinal(first.id)
    const [answer] = await e.settlements([sale.id])
    expect(answer).toMatchObject({ as: 'partlyRefunded', leftMinor: '400', pendingMinor: '0' })
    expect(answer!.followUps.find((f) => f.operation === 'saleReversal')).toMatchObject({
      allowed: false,
      reason: { code: 'reversal_after_refund' },
    })
    expect(answer!.followUps.find((f) => f.operation === 'refund')).toEqual({
      operation: 'refund',
      allowed: true,
      maxMinor: '400',
    })
  }, 30_000)

  it('refuses a reversal once a day close of its terminal went through after it', async () => {
    const { engine: e } = await open()
    const sale = await done(e, { operation: 'sale', amountMinor: '700' })
    const tx = sale.result!.transactionId!
    const close = e.store.insertBatchClose({
      merchantId: 'demo',
      terminalSerial: T1,
      requestedAt: sale.finalAt! + 1000,
    })
    const reverse = {
      ...base,
      operation: 'saleReversal' as const,
      amountMinor: '700',
      originalTransactionId: tx,
    }
    expect(await refusal(e.start(reverse))).toEqual({ code: 'reversal_batch_close_unknown' })
    e.store.updateBatchClose(close.id, { state: 'closed', answeredAt: sale.finalAt! + 2000 })
    expect(await refusal(e.start(reverse))).toEqual({ code: 'reversal_after_batch_close' })
    // Another terminal's close, or a failed one, settles nothing of it; a refund still works.
    expect(
      await done(e, { operation: 'refund', amountMinor: '700', originalTransactionId: tx }),
    ).toMatchObject({ state: 'approved' })
  }, 30_000)

  it('asks for the manager above the ceiling, and lets the PIN through', async () => {
    const dataDir = tempDataDir('money-pin-')
    const pin = new ManagerPin({ dataDir, now: Date.now })
    await pin.set('2468')
    const { engine: e } = await open({ ceilingMinor: '500', pin })
    const sale = await done(e, { operation: 'sale', amountMinor: '900' })
    const refund = {
      ...base,
      operation: 'refund' as const,
      amountMinor: '900',
      originalTransactionId: sale.result!.transactionId!,
    }
    expect(await refusal(e.start(refund))).toEqual({
      code: 'manager_approval_required',
      params: { ceiling: '5.00', currency: 'EUR' },
    })
    expect(await refusal(e.start({ ...refund, managerPin: '1357' }))).toEqual({
      code: 'manager_pin_wrong',
      params: { attemptsLeft: 2 },
    })
    const approved = await e.waitForFinal((await e.start({ ...refund, managerPin: '2468' })).id)
    expect(approved.state).toBe('approved')
    expect(JSON.stringify(e.store.history(approved.id))).not.toContain('2468')
    // A refund under the ceiling needs nobody.
    const small = await done(e, { operation: 'sale', amountMinor: '300' })
    await done(e, {
      operation: 'refund',
      amountMinor: '300',
      originalTransactionId: small.result!.transactionId!,
    })
  }, 30_000)
})
