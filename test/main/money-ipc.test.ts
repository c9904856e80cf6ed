import { describe, expect, it } from 'vitest'
import { FINAL_STATES, type PaymentRecord, type Result } from '@shared/contract'
import { buildRoutes } from '../../src/main/ipc/dispatcher'
import { tempServices } from '../support/temp-services'

/**
 * The money rules over IPC, as the window reaches them: the probe's refunds and reversal through
 * `payments:start`, what History reads from `money:get-settlements`, and the manager PIN set and
 * asked for over the same channels (never returned, a malformed one refused by the contract).
 */

const ctx = { senderId: 'window' }

async function window() {
  const services = await tempServices()
  const routes = new Map(buildRoutes(services.handlers).map((r) => [r.channel, r.call]))
  const call = async <T>(channel: string, payload?: unknown): Promise<Result<T>> =>
    (await routes.get(channel)!(payload, ctx)) as Result<T>
  const final = async (id: string): Promise<PaymentRecord> => {
    for (let i = 0; i < 300; i++) {
      const got = await call<PaymentRecord>('payments:get', { id })
      if (got.ok && FINAL_STATES.includes(got.data.state)) return got.data
      await new Promise((ok) => setTimeout(ok, 100))
    }
    throw new Error('not final within 30 s')
  }
  return { call, final }
}

const demo = { merchantId: 'demo', terminalSerial: '0821032398', currency: 'EUR' }

describe('money rules over IPC', () => {
  it('refuses a 500.00 refund and a 900.00 reversal of a 1.00 sale, and History reads what is left', async () => {
    const { call, final } = await window()
    const started = await call<PaymentRecord>('payments:start', {
      ...demo,
      operation: 'sale',
      amountMinor: '100',
    })
    if (!started.ok) throw new Error(started.error.message)
    const sale = await final(started.data.id)
    const tx = sale.result!.transactionId!
    const refund = await call('payments:start', {
      ...demo,
      operation: 'refund',
      amountMinor: '50000',
      originalTransactionId: tx,
    })
    expect(refund).toMatchObject({
      ok: false,
      error: {
        code: 'amount_exceeds_remaining',
        params: { remaining: '1.00', currency: 'EUR' },
        message: 'Only 1.00 EUR is left of the original payment. Enter at most that amount.',
      },
    })
    const reversal = await call('payments:start', {
      ...demo,
      operation: 'saleReversal',
      amountMinor: '90000',
      originalTransactionId: tx,
    })
    expect(reversal).toMatchObject({ ok: false, error: { code: 'amount_exceeds_remaining' } })
    const answer = await call('money:get-settlements', { ids: [sale.id] })
    expect(answer).toMatchObject({
      ok: true,
      data: [{ paymentId: sale.id, leftMinor: '100', currency: 'EUR' }],
    })
  }, 40_000)

  it('sets the manager PIN without ever returning it, and refuses a malformed one', async () => {
    const { call } = await window()
    const set = await call('money:set-manager-pin', { newPin: '4826' })
    expect(set).toEqual({ ok: true, data: { set: true, attemptsLeft: 3 } })
    expect(JSON.stringify(set)).not.toContain('4826')
    expect(await call('money:set-manager-pin', { newPin: '12' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    })
    expect(
      await call('payments:start', {
        ...demo,
        operation: 'refund',
        amountMinor: '100',
        managerPin: 'abcd',
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_request' } })
    // Above the ceiling the window is asked for the PIN.
    await call('merchants:update', { id: 'demo', patch: { limits: { refundCeilingMinor: '500' } } })
    expect(
      await call('payments:start', { ...demo, operation: 'refund', amountMinor: '900' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'manager_approval_required', params: { ceiling: '5.00', currency: 'EUR' } },
    })
  }, 40_000)
})
