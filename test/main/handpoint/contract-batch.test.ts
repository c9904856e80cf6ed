import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { HandpointError } from '../../../src/main/handpoint'
import { DEMO_API_KEY, T, eur, useContractSimulator } from './contract-sim'
import { rejection } from './stub-server'

/** The client's day-close calls against the simulator's batches: the two sides must agree. */

const BHD = { serialNumber: '4444444444', terminalType: 'PAXA920' }
const VT = { serialNumber: '0000000001', terminalType: 'VT' }
const NUMBER_KEY = 'CONTRACT-BATCH-NUMBER-ACQUIRER'
const NUMBER_T = { serialNumber: '5555555555', terminalType: 'PAXA920' }
const NONE_KEY = 'CONTRACT-NO-BATCH-ACQUIRER'
const NONE_T = { serialNumber: '6666666666', terminalType: 'PAXA920' }

const ctx = useContractSimulator([
  {
    apiKey: DEMO_API_KEY,
    merchantIdAlpha: 'DemoCafe',
    terminals: [T.normal, T.faults, BHD],
    virtualTerminal: { serialNumber: VT.serialNumber },
  },
  { apiKey: 'CONTRACT-OTHER-MERCHANT', merchantIdAlpha: 'OtherShop', terminals: [T.other] },
  {
    apiKey: NUMBER_KEY,
    merchantIdAlpha: 'NumberShop',
    terminals: [NUMBER_T],
    batches: 'batch-number-required',
  },
  { apiKey: NONE_KEY, merchantIdAlpha: 'NoBatchShop', terminals: [NONE_T], batches: 'unsupported' },
])
const fail = (promise: Promise<unknown>) => rejection<HandpointError>(promise)

describe('a day on one terminal: book, close, summary, detail', () => {
  it('agrees on RRNs, types and minor-unit amounts before and after the close', async () => {
    const paid = await ctx.run({ operation: 'sale', ...T.normal, ...eur('1250') })
    const refunded = await ctx.run({ operation: 'refund', ...T.normal, ...eur('300') })
    const declined = await ctx.run({ operation: 'sale', ...T.normal, ...eur('3784') })
    expect([paid.batchNumber, declined.finStatus]).toEqual(['1', 'DECLINED'])

    const query = { ...T.normal, batchNumber: '1', currency: 'EUR' }
    expect(await ctx.client.getBatchSummary(query)).toMatchObject({
      batchStatus: 'OPEN',
      netAmountMinor: 950,
      transactionCount: 2,
      salesCount: 1,
      refundsCount: 1,
    })
    const closed = await ctx.client.closeBatch({ ...T.normal, customerReference: 'day-1' })
    expect(closed).toMatchObject({
      batchNumber: '1',
      batchStatus: 'CLOSED',
      closeBatchGuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      closedAt: { raw: expect.stringMatching(/^\d{17}$/), local: expect.any(String) },
      issuerCloseLocalTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      issuerResponseCode: '00',
      customerReference: 'day-1',
    })
    expect(closed.closedAt!.local.slice(0, 19)).toBe(closed.issuerCloseLocalTime)

    const detail = await ctx.client.getBatchDetail(query)
    expect(detail.batchStatus).toBe('CLOSED')
    expect(detail.closedAt).toEqual(closed.closedAt)
    expect(detail.lines.map((l) => [l.transactionType, l.rrn, l.amountMinor])).toEqual([
      ['SALE', paid.rrn, 1250],
      ['REFUND', refunded.rrn, 300],
    ])
    const one = await ctx.client.getBatchDetail({ ...query, rrn: refunded.rrn! })
    expect(one.lines.map((l) => l.rrn)).toEqual([refunded.rrn])
    expect((await ctx.client.getBatchSummary(query)).batchStatus).toBe('CLOSED')
    const next = await ctx.run({ operation: 'sale', ...T.normal, ...eur('100') })
    expect(next.batchNumber).toBe('2')
  })

  it("converts by the currency's exponent end to end (BHD has three decimals)", async () => {
    const paid = await ctx.run({ operation: 'sale', ...BHD, amountMinor: '12345', currency: 'BHD' })
    const query = { ...BHD, batchNumber: '1', currency: 'BHD' }
    expect((await ctx.client.getBatchDetail(query)).lines).toEqual([
      expect.objectContaining({ rrn: paid.rrn, amountMinor: 12345 }),
    ])
    expect((await ctx.client.getBatchSummary(query)).netAmountMinor).toBe(12345)
  })
})

describe('status/all and what a close ends', () => {
  it('reads the chain; after the close a tip is refused and a reversal becomes a refund', async () => {
    const reference = randomUUID()
    const sale = await ctx.run({
      operation: 'sale',
      ...T.faults,
      ...eur('2000'),
      transactionReference: reference,
    })
    await expect(ctx.client.getStatusAll(randomUUID())).resolves.toEqual([])
    await ctx.client.closeBatch(T.faults)
    const tip = await fail(ctx.client.adjustTip(sale.transactionID!, '1.00'))
    expect(tip.kind).toBe('bad-request')
    expect(tip.message).toContain('already been batched out')
    const reversal = await ctx.run({
      operation: 'saleReversal',
      ...T.faults,
      ...eur('2000'),
      originalTransactionId: sale.transactionID!,
    })
    expect(reversal).toMatchObject({ finStatus: 'AUTHORISED', type: 'REFUND' })
    const chain = await ctx.client.getStatusAll(reference)
    expect(chain.map((e) => [e.type, e.finStatus, e.rrn, e.batchNumber])).toEqual([
      ['SALE', 'REFUNDED', sale.rrn, '1'],
      ['REFUND', 'AUTHORISED', reversal.rrn, '2'],
    ])
  })
})

describe('the virtual terminal, and what the journal does not know', () => {
  it('books MOTO on the VT; a standalone payment shows up, a dropped one does not', async () => {
    const keyed = await ctx.run({ operation: 'moToSale', ...T.normal, ...eur('900') })
    const vtQuery = { ...VT, batchNumber: '1', currency: 'EUR' }
    expect((await ctx.client.getBatchDetail(vtQuery)).lines).toEqual([
      expect.objectContaining({ transactionType: 'MOTO_SALE', rrn: keyed.rrn, amountMinor: 900 }),
    ])
    expect((await ctx.client.closeBatch(VT)).batchNumber).toBe('1')

    const paid = await ctx.run({ operation: 'sale', ...BHD, amountMinor: '5000', currency: 'BHD' })
    const alone = ctx.sim.takeStandalonePayment(BHD.serialNumber, {
      amountMinor: 700,
      currency: 'BHD',
    })
    ctx.sim.dropFromBatch(BHD.serialNumber, { transactionID: paid.transactionID! })
    const detail = await ctx.client.getBatchDetail({ ...BHD, batchNumber: '1', currency: 'BHD' })
    const rrns = detail.lines.map((l) => l.rrn)
    expect(rrns).toContain(alone.rrn)
    expect(rrns).not.toContain(paid.rrn)
  })
})

describe('error answers', () => {
  it('batch-number-required, unsupported acquirer, unknown batch, foreign terminal, bad key', async () => {
    const numbered = ctx.clientWith(NUMBER_KEY)
    expect((await fail(numbered.closeBatch(NUMBER_T))).kind).toBe('batch-number-required')
    await expect(numbered.closeBatch({ ...NUMBER_T, batchNumber: '1' })).resolves.toMatchObject({
      batchNumber: '1',
    })
    const none = ctx.clientWith(NONE_KEY)
    for (const call of [
      () => none.closeBatch(NONE_T),
      () => none.getBatchSummary({ ...NONE_T, batchNumber: '1', currency: 'EUR' }),
      () => none.getBatchDetail({ ...NONE_T, batchNumber: '1', currency: 'EUR' }),
    ]) {
      expect(await fail(call())).toMatchObject({
        kind: 'bad-request',
        gatewayCode: '3300',
        ambiguous: false,
      })
    }
    const unknown = await fail(
      ctx.client.getBatchSummary({ ...T.normal, batchNumber: '99', currency: 'EUR' }),
    )
    expect(unknown).toMatchObject({ kind: 'bad-request', gatewayCode: '3301' })
    expect(await fail(ctx.client.closeBatch(T.other))).toMatchObject({
      kind: 'terminal-not-assigned',
      terminalCode: 1004,
    })
    expect((await fail(ctx.clientWith('NOT-A-KEY').closeBatch(T.normal))).kind).toBe('forbidden')
  })

  it('a close whose answer is lost or is a 500 is ambiguous; the summary shows it closed', async () => {
    const paid = await ctx.run({ operation: 'sale', ...T.faults, ...eur('300') })
    const open = ctx.sim.terminalState(T.faults.serialNumber).openBatch.number
    ctx.sim.faults = { dropBatchCloseAnswer: 1 }
    const lost = await fail(ctx.client.closeBatch(T.faults))
    ctx.sim.faults = { batchCloseErrorAfterClosing: 1 }
    const failed = await fail(ctx.client.closeBatch(T.faults))
    ctx.sim.faults = {}
    expect([lost.kind, lost.ambiguous, failed.kind, failed.ambiguous]).toEqual([
      'network',
      true,
      'server',
      true,
    ])
    const query = { ...T.faults, batchNumber: String(open), currency: 'EUR' }
    expect((await ctx.client.getBatchSummary(query)).batchStatus).toBe('CLOSED')
    expect((await ctx.client.getBatchDetail(query)).lines.map((l) => l.rrn)).toContain(paid.rrn)
  })
})
