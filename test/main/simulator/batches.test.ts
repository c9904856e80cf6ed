import { describe, expect, it } from 'vitest'
import type { SimulatorOptions } from '../../../src/main/simulator/index'
import { call, DEMO_API_KEY, MERCHANTS, NORMAL, OTHER, run, sale, sim, uuid4 } from './helpers'

/** The acquirer's side of closing the day: batches, RRNs, and what a close ends. */

const VT = { serial_number: '0000000001', terminal_type: 'VT' }
const WITH_VT: SimulatorOptions['merchants'] = [
  { ...MERCHANTS![0]!, virtualTerminal: { serialNumber: VT.serial_number } },
  MERCHANTS![1]!,
]

const batch = (s: { apiBaseUrl: string }, action: string, body: unknown, key?: string) =>
  call(`${s.apiBaseUrl}/batch/${action}`, { body, key })
const normal = { deviceType: NORMAL.terminal_type, serialNumber: NORMAL.serial_number }

describe('an open batch per terminal', () => {
  it('books approved sales and refunds with their RRN and reports the batch number on results', async () => {
    const s = await sim()
    const paid = (await run(s, sale({ amount: '1250' }))).json
    const declined = (await run(s, sale({ amount: '3784' }))).json
    const refunded = (await run(s, { ...sale({ amount: '300' }), operation: 'refund' })).json
    expect(paid).toMatchObject({ batchNumber: '1', rrn: expect.stringMatching(/^\d{13}$/) })
    expect(declined).toMatchObject({ finStatus: 'DECLINED', rrn: '' })
    expect(refunded.rrn).toMatch(/^\d{13}$/)

    const detail = await batch(s, 'detail', { ...normal, batchNumber: '1' })
    expect(detail.status).toBe(200)
    expect(detail.json).toMatchObject({ batchNumber: '1', batchStatus: 'OPEN', httpStatus: '200' })
    expect(detail.json.closedAt).toBeUndefined()
    expect(
      detail.json.details.map((d: Record<string, string>) => [
        d.transactionType,
        d.retrievalReferenceNumber,
        d.amount,
      ]),
    ).toEqual([
      ['SALE', paid.rrn, '12.50'],
      ['REFUND', refunded.rrn, '3.00'],
    ])
    const only = await batch(s, 'detail', { ...normal, batchNumber: '1', rrn: refunded.rrn })
    expect(only.json.details).toHaveLength(1)

    const summary = await batch(s, 'summary', { ...normal, batchNumber: '1' })
    expect(summary.json).toMatchObject({
      batchNumber: '1',
      batchStatus: 'OPEN',
      netAmount: '9.50',
      transactionCount: '2',
      customFields: {
        entry: [
          { key: 'salesCount', value: '1' },
          { key: 'refundsCount', value: '1' },
        ],
      },
    })
  })

  it('closes the open batch (answer as documented), opens the next and keeps the closed one readable', async () => {
    let clock = Date.UTC(2026, 4, 7, 10, 2, 12, 345)
    const s = await sim({ now: () => clock })
    await run(s, sale({ amount: '2000' }))
    const closed = await batch(s, 'close', { ...normal, customerReference: 'eod-1' })
    expect(closed.status).toBe(200)
    expect(closed.json).toEqual({
      batchNumber: '1',
      batchStatus: 'CLOSED',
      closeBatchGuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      closedAt: '20260507100212345',
      customFields: {
        entry: { key: 'issuerBatchCloseLocalTimestamp', value: '2026-05-07T10:02:12' },
      },
      customerReference: 'eod-1',
      httpStatus: '200',
      issuerResponseCode: '00',
      issuerResponseText: 'ACCEPTED',
    })
    clock += 60_000
    expect((await run(s, sale({ amount: '500' }))).json.batchNumber).toBe('2')
    const summary = await batch(s, 'summary', { ...normal, batchNumber: '1' })
    expect(summary.json).toMatchObject({ batchStatus: 'CLOSED', netAmount: '20.00' })
    expect(summary.json.customFields.entry).toContainEqual({
      key: 'issuerBatchCloseLocalTimestamp',
      value: '2026-05-07T10:02:12',
    })
    expect((await batch(s, 'detail', { ...normal, batchNumber: '1' })).json).toMatchObject({
      batchStatus: 'CLOSED',
      closedAt: '20260507100212345',
    })
    // An explicit batch number must name the open batch.
    const again = await batch(s, 'close', { ...normal, batchNumber: '1' })
    expect([again.status, again.json.error.message]).toEqual([400, 'Batch is not open [1]'])
    expect((await batch(s, 'close', { ...normal, batchNumber: '2' })).json.batchNumber).toBe('2')
  })

  it('a reversal before the close takes the sale out of the batch; a capture is booked, its reversal unbooks it', async () => {
    const s = await sim()
    const paid = (await run(s, sale({ amount: '700' }))).json
    await run(s, {
      ...sale({ amount: '700' }),
      operation: 'saleReversal',
      originalTransactionId: paid.transactionID,
    })
    const hold = (await run(s, { ...sale({ amount: '5000' }), operation: 'preAuthorization' })).json
    const capture = (
      await run(s, {
        ...sale({ amount: '4000' }),
        operation: 'preAuthorizationCapture',
        originalTransactionId: hold.transactionID,
      })
    ).json
    const types = async () =>
      (await batch(s, 'detail', { ...normal, batchNumber: '1' })).json.details.map(
        (d: Record<string, string>) => [d.transactionType, d.amount],
      )
    expect(await types()).toEqual([['PRE_AUTHORIZATION_CAPTURE', '40.00']])
    expect(capture.finStatus).toBe('CAPTURED')
    await run(s, {
      ...NORMAL,
      operation: 'preAuthorizationReversal',
      originalTransactionId: hold.transactionID,
    })
    expect(await types()).toEqual([])
  })
})

describe('after the close', () => {
  it('refuses tip adjustments, turns a sale reversal into a refund and declines other reversals', async () => {
    const s = await sim()
    const reference = uuid4()
    const paid = (await run(s, sale({ amount: '1000', transactionReference: reference }))).json
    const refund = (await run(s, { ...sale({ amount: '200' }), operation: 'refund' })).json
    await batch(s, 'close', normal)

    const tip = await call(`${s.apiBaseUrl}/transactions/${paid.transactionID}/tip-adjustment`, {
      body: { amount: '1.00' },
    })
    expect([tip.status, tip.json.error.message]).toEqual([
      400,
      `Tip adjustment rejected: transaction [${paid.transactionID}] has already been batched out`,
    ])

    const voided = (
      await run(s, {
        ...sale({ amount: '1000' }),
        operation: 'saleReversal',
        originalTransactionId: paid.transactionID,
      })
    ).json
    expect(voided).toMatchObject({ finStatus: 'AUTHORISED', type: 'REFUND', batchNumber: '2' })
    const open = await batch(s, 'detail', { ...normal, batchNumber: '2' })
    expect(open.json.details).toEqual([
      expect.objectContaining({ transactionType: 'REFUND', amount: '10.00' }),
    ])
    const chain = await call(`${s.statusBaseUrl}/transactions/${reference}/status/all`)
    expect(chain.json.map((e: Record<string, string>) => [e.type, e.finStatus])).toEqual([
      ['SALE', 'REFUNDED'],
      ['REFUND', 'AUTHORISED'],
    ])

    const unrefund = (
      await run(s, {
        ...sale({ amount: '200' }),
        operation: 'refundReversal',
        originalTransactionId: refund.transactionID,
      })
    ).json
    expect(unrefund).toMatchObject({
      finStatus: 'DECLINED',
      statusMessage: 'Original transaction already batched out',
    })
  })
})

describe('the virtual terminal for MOTO', () => {
  it('is listed, takes the MOTO operations of the merchant in its own batch and nothing else', async () => {
    const s = await sim({ merchants: WITH_VT })
    const devices = (await call(`${s.apiBaseUrl}/devices`)).json
    expect(devices).toContainEqual({
      merchant_id_alpha: 'DemoCafe',
      serial_number: VT.serial_number,
      ssk: expect.any(String),
      terminal_type: 'VT',
    })
    const keyed = (await run(s, { ...sale({ amount: '900' }), operation: 'moToSale' })).json
    expect(keyed).toMatchObject({ type: 'MOTO_SALE', batchNumber: '1' })
    const onVt = (await run(s, { ...sale({ amount: '100' }), ...VT, operation: 'moToRefund' })).json
    expect(onVt.type).toBe('MOTO_REFUND')
    const vt = { deviceType: 'VT', serialNumber: VT.serial_number }
    const detail = await batch(s, 'detail', { ...vt, batchNumber: '1' })
    expect(detail.json.details.map((d: Record<string, string>) => d.transactionType)).toEqual([
      'MOTO_SALE',
      'MOTO_REFUND',
    ])
    expect((await batch(s, 'detail', { ...normal, batchNumber: '1' })).json.details).toEqual([])
    expect((await batch(s, 'close', vt)).json.batchNumber).toBe('1')
    const refused = await call(`${s.apiBaseUrl}/transactions`, { body: sale({ ...VT }) })
    expect([refused.status, refused.json.error.message]).toEqual([
      400,
      'Operation sale is not available on a virtual terminal',
    ])
  })
})

describe('what the batch endpoints refuse', () => {
  it('422 for a body of the wrong shape, 1004 for another merchant, 400 for an unknown batch', async () => {
    const s = await sim()
    const missing = await batch(s, 'summary', normal)
    expect([missing.status, missing.json.error.details]).toEqual([
      422,
      [
        {
          path: '',
          code: 'required',
          message: "must have required property 'batchNumber'",
          info: { missingProperty: 'batchNumber' },
        },
      ],
    ])
    expect((await batch(s, 'close', { serialNumber: NORMAL.serial_number })).status).toBe(422)
    const other = await batch(s, 'close', {
      deviceType: OTHER.terminal_type,
      serialNumber: OTHER.serial_number,
    })
    expect(other.json.error.message.error).toBe(1004)
    const unknown = await batch(s, 'detail', { ...normal, batchNumber: '9' })
    expect(unknown.json).toEqual({
      error: {
        statusCode: 400,
        name: 'BadRequestError',
        message: 'Batch not found [9]',
        code: '3301',
        details: {
          errorCode: '3301',
          errorGuid: expect.any(String),
          description: 'Batch not found [9]',
          httpStatus: '400',
        },
      },
    })
    expect((await batch(s, 'close', normal, 'NOT-A-KEY')).status).toBe(403)
  })

  it('follows the acquirer: a batch number may be required, or batches not supported at all', async () => {
    const s = await sim()
    s.setBatchSupport('DemoCafe', 'batch-number-required')
    const needs = await batch(s, 'close', normal)
    expect([needs.status, needs.json.error.details[0].info]).toEqual([
      422,
      { missingProperty: 'batchNumber' },
    ])
    expect((await batch(s, 'close', { ...normal, batchNumber: '1' })).status).toBe(200)
    s.setBatchSupport('DemoCafe', 'unsupported')
    for (const action of ['close', 'summary', 'detail']) {
      const reply = await batch(s, action, { ...normal, batchNumber: '2' })
      expect([reply.status, reply.json.error.code]).toEqual([400, '3300'])
    }
    expect(() => s.setBatchSupport('Nobody', 'supported')).toThrow(/No simulated merchant/)
  })
})

describe('test controls and faults', () => {
  it('holds a payment taken on the terminal itself and drops a line from the batch', async () => {
    const s = await sim()
    const paid = (await run(s, sale({ amount: '1500' }))).json
    const standalone = s.takeStandalonePayment(NORMAL.serial_number, {
      amountMinor: 820,
      currency: 'EUR',
    })
    expect(standalone).toMatchObject({ batchNumber: '1', rrn: expect.stringMatching(/^\d{13}$/) })
    expect(s.dropFromBatch(NORMAL.serial_number, { rrn: paid.rrn })).toBe(true)
    expect(s.dropFromBatch(NORMAL.serial_number, { rrn: paid.rrn })).toBe(false)
    const detail = await batch(s, 'detail', { ...normal, batchNumber: '1' })
    expect(detail.json.details).toEqual([
      expect.objectContaining({ retrievalReferenceNumber: standalone.rrn, amount: '8.20' }),
    ])
    expect(s.terminalState(NORMAL.serial_number).openBatch.lines[0]).toMatchObject({
      origin: 'STANDALONE',
      amountMinor: 820,
    })
    expect(() =>
      s.takeStandalonePayment(NORMAL.serial_number, { amountMinor: 1, currency: 'XXX' }),
    ).toThrow(/currency/)
  })

  it('closes the batch even when the answer is lost or a 500 comes back', async () => {
    const s = await sim()
    await run(s, sale())
    s.faults = { dropBatchCloseAnswer: 1 }
    await expect(batch(s, 'close', normal)).rejects.toThrow()
    s.faults = { batchCloseErrorAfterClosing: 1 }
    expect((await batch(s, 'close', normal)).status).toBe(500)
    s.faults = {}
    const state = s.terminalState(NORMAL.serial_number)
    expect(state.closedBatches.map((b) => [b.number, b.lines.length])).toEqual([
      [1, 1],
      [2, 0],
    ])
    expect(state.openBatch.number).toBe(3)
    expect((await batch(s, 'summary', { ...normal, batchNumber: '1' })).json.batchStatus).toBe(
      'CLOSED',
    )
    expect(DEMO_API_KEY).toBeTruthy()
  })
})
