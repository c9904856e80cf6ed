import { afterEach, describe, expect, it } from 'vitest'
import { dayReportJson } from '../../../src/main/day/report-json'
import { dayWorld, TERMINAL, VT, type DayWorld } from './sim-world'

/**
 * The day close against the simulator: the real engine takes the payments, the real client
 * reads and closes batches, the simulator plays Handpoint and the acquirer.
 */
let world: DayWorld | undefined
afterEach(async () => {
  await world?.close()
  world = undefined
})

async function aDay(w: DayWorld) {
  const first = await w.take('sale', '1250')
  const second = await w.take('sale', '4000')
  const refund = await w.take('refund', '500', { original: first })
  const declined = await w.take('sale', '3784')
  const reversal = await w.take('saleReversal', '4000', { original: second })
  expect([first, second, refund, reversal].map((p) => p.state)).toEqual([
    'approved',
    'approved',
    'approved',
    'approved',
  ])
  expect(declined.state).toBe('declined')
  return { first, second, refund, declined, reversal }
}

describe('day close against the simulator', () => {
  it('confirms the totals of a day of sales, a refund, a reversal and a decline', async () => {
    const w = (world = await dayWorld())
    await aDay(w)
    const view = await w.day.reconcile('m1', w.day.today())
    expect(view.verdicts).toEqual([{ terminal: TERMINAL, verdict: 'confirmed', batchNumber: '1' }])
    const json = dayReportJson(view.report, view.verdicts)
    expect(json.terminals).toEqual([
      {
        terminal: TERMINAL,
        currency: 'EUR',
        sales: { count: 2, amount: 5250 },
        refunds: { count: 1, amount: 500 },
        reversals: { count: 1, amount: 4000 },
        captures: { count: 0, amount: 0 },
        tips: { count: 0, amount: 0 },
        net: 750,
        declined: 1,
        failed: 0,
        cancelled: 0,
        verdict: 'confirmed',
      },
    ])
  })

  it('does not agree when the batch holds a payment taken on the terminal alone', async () => {
    const w = (world = await dayWorld())
    await aDay(w)
    const alone = w.simulator.takeStandalonePayment(TERMINAL, { amountMinor: 820, currency: 'EUR' })
    const view = await w.day.reconcile('m1', w.day.today())
    expect(view.verdicts[0]).toMatchObject({
      verdict: 'do_not_agree',
      differences: [{ kind: 'in_batch_not_here', amount: 820, rrn: alone.rrn }],
    })
  })

  it('does not agree when a payment of the journal is missing from the batch', async () => {
    const w = (world = await dayWorld())
    const { first } = await aDay(w)
    expect(w.simulator.dropFromBatch(TERMINAL, { rrn: first.result!.rrn! })).toBe(true)
    const view = await w.day.reconcile('m1', w.day.today())
    expect(view.verdicts[0]).toMatchObject({
      verdict: 'do_not_agree',
      differences: [{ kind: 'here_not_in_batch', paymentId: first.id, amount: 1250 }],
    })
  })

  it('is unconfirmed when the acquirer has no batches', async () => {
    const w = (world = await dayWorld())
    await aDay(w)
    w.simulator.setBatchSupport('DayShop', 'unsupported')
    const view = await w.day.reconcile('m1', w.day.today())
    expect(view.verdicts).toEqual([
      {
        terminal: TERMINAL,
        verdict: 'unconfirmed',
        reason: 'batch_not_supported',
        batchNumber: '1',
      },
    ])
  })

  it('closes a batch, keeps the answer with summary and detail; after it, a sale is refunded, not reversed', async () => {
    const w = (world = await dayWorld())
    await aDay(w)
    // A sale of the batch that nothing else touched (a part-refunded one cannot be reversed).
    const third = await w.take('sale', '700')
    const close = await w.day.closeBatch('m1', TERMINAL)
    expect(close).toMatchObject({
      state: 'closed',
      requestedBatchNumber: '1',
      answer: { batchNumber: '1', batchStatus: 'CLOSED' },
      summary: { batchNumber: '1', batchStatus: 'CLOSED', transactionCount: 3, netMinor: 1450 },
      detailLines: 3,
    })
    expect(close.answer?.closeBatchGuid).not.toBe('')
    expect(close.answer?.closedAt).toMatch(/^\d{17}$/)
    // The money rules read the store's batch closes: the batch of `third` is settled now.
    await expect(w.take('saleReversal', '700', { original: third })).rejects.toMatchObject({
      code: 'reversal_after_batch_close',
    })
    const refund = await w.take('refund', '700', { original: third })
    expect(refund.state).toBe('approved')
    expect(refund.result?.batchNumber).toBe('2')
    const view = await w.day.reconcile('m1', w.day.today())
    expect(view.verdicts).toEqual([
      { terminal: TERMINAL, verdict: 'confirmed', batchNumber: '1, 2' },
    ])
    expect(w.simulator.terminalState(TERMINAL).closedBatches.map((b) => b.number)).toEqual([1])
  })

  it('settles a close whose answer was lost with the summary, never closing twice', async () => {
    const w = (world = await dayWorld())
    await aDay(w)
    w.simulator.faults = { dropBatchCloseAnswer: 1 }
    const lost = await w.day.closeBatch('m1', TERMINAL)
    w.simulator.faults = {}
    expect(lost).toMatchObject({
      state: 'closed',
      answer: { batchNumber: '1' },
      summary: { batchStatus: 'CLOSED' },
    })
    expect(lost.error).toBeUndefined()
    // The 500-after-closing variant, on the next batch.
    await w.take('sale', '999')
    w.simulator.faults = { batchCloseErrorAfterClosing: 1 }
    const second = await w.day.closeBatch('m1', TERMINAL)
    w.simulator.faults = {}
    expect(second).toMatchObject({ state: 'closed', answer: { batchNumber: '2' } })
    const state = w.simulator.terminalState(TERMINAL)
    expect(state.closedBatches.map((b) => b.number)).toEqual([1, 2])
    expect(state.openBatch.number).toBe(3)
  })

  it('closes the MOTO virtual terminal on its own', async () => {
    const w = (world = await dayWorld())
    const moto = await w.take('moToSale', '2500', { terminal: VT })
    expect(moto.state).toBe('approved')
    const close = await w.day.closeBatch('m1', VT)
    expect(close).toMatchObject({
      state: 'closed',
      terminalType: 'VT',
      summary: { netMinor: 2500 },
    })
    const view = await w.day.view('m1')
    expect(view.terminals.find((t) => t.serial === VT)).toMatchObject({ virtual: true })
  })
})
