import { afterEach, describe, expect, it } from 'vitest'
import type { HandpointError } from '../../../src/main/handpoint'
import {
  CLOSE_2_30,
  CLOSE_NEWER,
  DETAIL,
  GATEWAY_400,
  MISSING_BATCH_NUMBER,
  STATUS_ALL_REVERSED,
  SUMMARY,
} from './fixtures-edge'
import { API_KEY, clientFor, rejection, startStub, type Stub, type StubReply } from './stub-server'

/** The day-close calls against the documentation's example answers. */

const TERMINAL = { serialNumber: '1850025030', terminalType: 'PAXA920PRO' }
const REF = '2bfde1fc-23b1-4c67-93d9-1d4a557f4d4f'

let stub: Stub | undefined
afterEach(async () => {
  await stub?.close()
  stub = undefined
})

async function serve(...replies: StubReply[]) {
  stub = await startStub((_req, index) => replies[Math.min(index, replies.length - 1)]!)
  return stub
}
const bodyOf = (s: Stub, index = 0) => JSON.parse(s.requests[index]!.body) as unknown

describe('closeBatch', () => {
  it('sends deviceType and serialNumber (and batchNumber when known) and reads the 2.30 example', async () => {
    const s = await serve({ status: 200, body: CLOSE_2_30 })
    const closed = await clientFor(s).closeBatch({ ...TERMINAL, batchNumber: '1' })
    expect(s.requests[0]).toMatchObject({ method: 'POST', url: '/batch/close' })
    expect(s.requests[0]!.headers['apikeycloud']).toBe(API_KEY)
    expect(bodyOf(s)).toEqual({
      deviceType: 'PAXA920PRO',
      serialNumber: '1850025030',
      batchNumber: '1',
    })
    expect(closed).toEqual({
      batchNumber: '1',
      closeBatchGuid: '14431ad0-d0b6-11f0-9f3b-2f1c5c3e6a11',
      closedAt: { raw: '20251204064010281', local: '2025-12-04T06:40:10.281' },
      customerReference: {},
      issuerResponseCode: '00',
      issuerResponseText: 'ACCEPTED',
      customFields: [],
    })
  })

  it('reads customFields.entry as a single object and leaves batchNumber out when unknown', async () => {
    const s = await serve({ status: 200, body: CLOSE_NEWER })
    const closed = await clientFor(s).closeBatch({ serialNumber: '0000000001', terminalType: 'VT' })
    expect(bodyOf(s)).toEqual({ deviceType: 'VT', serialNumber: '0000000001' })
    expect(closed.customFields).toEqual([
      { key: 'issuerBatchCloseLocalTimestamp', value: '2026-05-07T10:02:12' },
    ])
    expect(closed.issuerCloseLocalTime).toBe('2026-05-07T10:02:12')
    expect(closed.batchStatus).toBe('CLOSED')
  })

  it('turns the 422 "Missing batchNumber" example into batch-number-required', async () => {
    const s = await serve({ status: 422, body: MISSING_BATCH_NUMBER })
    const error = await rejection<HandpointError>(clientFor(s).closeBatch(TERMINAL))
    expect(error).toMatchObject({
      kind: 'batch-number-required',
      httpStatus: 422,
      ambiguous: false,
    })
    expect(error.fieldErrors).toEqual([
      { path: '/batchNumber', message: "must have required property 'batchNumber'" },
    ])
    expect(error.message).toMatch(/batch number/)
  })

  it('keeps the gateway code of a 400 and is not ambiguous', async () => {
    const s = await serve({ status: 400, body: GATEWAY_400 })
    const error = await rejection<HandpointError>(clientFor(s).closeBatch(TERMINAL))
    expect(error).toMatchObject({ kind: 'bad-request', gatewayCode: '3153', ambiguous: false })
    expect(error.message).toContain('Unable to find message to reverse')
  })

  it('calls a 5xx, a reset or an unreadable 200 an unknown outcome and never closes twice', async () => {
    for (const reply of [
      { status: 503, body: { error: { statusCode: 503, name: 'ServiceUnavailableError' } } },
      'reset' as const,
      { status: 200, body: 'closed!' },
      { status: 200, body: { closeBatchGuid: 'x' } },
    ]) {
      const s = await serve(reply)
      const error = await rejection<HandpointError>(clientFor(s).closeBatch(TERMINAL))
      expect({ reply, ambiguous: error.ambiguous }).toEqual({ reply, ambiguous: true })
      expect(s.requests).toHaveLength(1)
      await s.close()
    }
  })

  it('keeps a closedAt that is not a real instant out of the answer', async () => {
    const s = await serve({ status: 200, body: { ...CLOSE_2_30, closedAt: '20251399064010281' } })
    const closed = await clientFor(s).closeBatch(TERMINAL)
    expect(closed.closedAt).toBeUndefined()
    expect(closed.batchNumber).toBe('1')
  })
})

describe('getBatchSummary', () => {
  const query = { ...TERMINAL, batchNumber: '1', currency: 'EUR' }

  it("converts the major-unit netAmount by the currency's exponent and reads the counts", async () => {
    const s = await serve({ status: 200, body: SUMMARY })
    const summary = await clientFor(s).getBatchSummary(query)
    expect(s.requests[0]!.url).toBe('/batch/summary')
    expect(bodyOf(s)).toEqual({
      deviceType: 'PAXA920PRO',
      serialNumber: '1850025030',
      batchNumber: '1',
    })
    expect(summary).toMatchObject({
      batchNumber: '1',
      batchStatus: 'CLOSED',
      currency: 'EUR',
      netAmountMinor: 24500,
      transactionCount: 158,
      salesCount: 155,
      refundsCount: 3,
      issuerCloseLocalTime: '2025-12-05T11:00:00',
    })
    expect(summary.customFields).toHaveLength(3)
  })

  it('uses the exponent of JPY and BHD, allows a negative net and refuses excess decimals', async () => {
    const s = await serve(
      { status: 200, body: SUMMARY },
      { status: 200, body: SUMMARY },
      { status: 200, body: { ...SUMMARY, netAmount: '-12.5' } },
      { status: 200, body: { ...SUMMARY, netAmount: '245.50' } },
    )
    const client = clientFor(s)
    expect((await client.getBatchSummary({ ...query, currency: 'JPY' })).netAmountMinor).toBe(245)
    expect((await client.getBatchSummary({ ...query, currency: 'BHD' })).netAmountMinor).toBe(
      245000,
    )
    expect((await client.getBatchSummary(query)).netAmountMinor).toBe(-1250)
    const error = await rejection<HandpointError>(
      client.getBatchSummary({ ...query, currency: 'JPY' }),
    )
    expect(error).toMatchObject({ kind: 'malformed-response', ambiguous: false })
  })

  it('is a read: retried after a 503 and never ambiguous', async () => {
    const s = await serve({ status: 503, body: {} }, { status: 200, body: SUMMARY })
    await expect(clientFor(s).getBatchSummary(query)).resolves.toMatchObject({
      netAmountMinor: 24500,
    })
    expect(s.requests).toHaveLength(2)
    const down = await serve({ status: 503, body: {} })
    const error = await rejection<HandpointError>(clientFor(down).getBatchSummary(query))
    expect(error).toMatchObject({ kind: 'server', ambiguous: false })
  })
})

describe('getBatchDetail', () => {
  const query = { ...TERMINAL, batchNumber: '1', currency: 'EUR' }

  it('reads every line with rrn, type and minor-unit amount (a line may have no rrn)', async () => {
    const s = await serve({ status: 200, body: DETAIL })
    const detail = await clientFor(s).getBatchDetail({ ...query, rrn: 'RRN08236' })
    expect(bodyOf(s)).toEqual({
      deviceType: 'PAXA920PRO',
      serialNumber: '1850025030',
      batchNumber: '1',
      rrn: 'RRN08236',
    })
    expect(detail.closedAt?.local).toBe('2026-02-13T13:51:14.884')
    expect(detail.lines.map((l) => [l.transactionType, l.rrn, l.amountMinor])).toEqual([
      ['SALE', undefined, 10000],
      ['SALE', 'RRN08236', 5000],
      ['REFUND', 'RRN08237', 2500],
    ])
    expect(detail.lines[0]!.batchDetailElementGuid).toBe('7d1c0a10-08f0-11f1-b3c2-55a1f7d2c001')
  })

  it('keeps unknown line fields, reads a missing list as empty and refuses a line without amount', async () => {
    const extra = { ...DETAIL, details: [{ ...DETAIL.details[1], cardScheme: 'VISA', tip: 0 }] }
    const s = await serve(
      { status: 200, body: extra },
      { status: 200, body: { ...DETAIL, details: undefined } },
      { status: 200, body: { ...DETAIL, details: [{ transactionType: 'SALE' }] } },
    )
    const client = clientFor(s)
    expect((await client.getBatchDetail(query)).lines[0]!.extra).toEqual({
      cardScheme: 'VISA',
      tip: 0,
    })
    expect((await client.getBatchDetail(query)).lines).toEqual([])
    const error = await rejection<HandpointError>(client.getBatchDetail(query))
    expect(error.kind).toBe('malformed-response')
    expect(error.message).toMatch(/line 1/)
  })
})

describe('inputs are checked before any request', () => {
  it('refuses bad batch inputs with invalid-input and sends nothing', async () => {
    const s = await serve({ status: 200, body: SUMMARY })
    const client = clientFor(s)
    const bad: [string, () => Promise<unknown>][] = [
      [
        'currency',
        () => client.getBatchSummary({ ...TERMINAL, batchNumber: '1', currency: 'XXX' }),
      ],
      ['batchNumber', () => client.getBatchSummary({ ...TERMINAL, currency: 'EUR' } as never)],
      ['batchNumber', () => client.closeBatch({ ...TERMINAL, batchNumber: '1 OR 1' })],
      ['serialNumber', () => client.closeBatch({ ...TERMINAL, serialNumber: 'a\nb' })],
      ['input', () => client.closeBatch({ ...TERMINAL, deviceType: 'VT' } as never)],
      [
        'rrn',
        () => client.getBatchDetail({ ...TERMINAL, batchNumber: '1', currency: 'EUR', rrn: '' }),
      ],
      ['reference', () => client.getStatusAll('')],
    ]
    for (const [field, call] of bad) {
      const error = await rejection<HandpointError>(call())
      expect({ field, kind: error.kind }).toEqual({ field, kind: 'invalid-input' })
      expect(error.fieldErrors?.[0]?.path).toBe(field)
    }
    expect(s.requests).toHaveLength(0)
  })
})

describe('getStatusAll', () => {
  it('reads the chain, oldest first, with rrn, batch number and pre-auth amounts typed', async () => {
    const s = await serve({ status: 200, body: STATUS_ALL_REVERSED })
    const chain = await clientFor(s).getStatusAll(REF)
    expect(s.requests[0]).toMatchObject({
      method: 'GET',
      url: `/status-host/transactions/${REF}/status/all`,
    })
    expect(chain.map((e) => [e.type, e.finStatus, e.rrn, e.batchNumber])).toEqual([
      ['SALE', 'CANCELLED', '0000415558180', ''],
      ['VOID_SALE', 'AUTHORISED', '41555', '7'],
    ])
    expect(chain[0]).toMatchObject({ capturedAmount: 0, cardSchemeName: 'VISA' })
    expect(chain[0]).not.toHaveProperty('holdAmount')
    expect(chain[0]).not.toHaveProperty('increaseAmount')
  })

  it('converts decimal pre-auth amounts by the currency and reads 404 as an empty chain', async () => {
    const s = await serve(
      { status: 200, body: [{ finStatus: 'AUTHORISED', currency: 'EUR', holdAmount: '120.00' }] },
      { status: 404, body: { error: { statusCode: 404, name: 'NotFoundError' } } },
    )
    const client = clientFor(s)
    expect((await client.getStatusAll(REF))[0]!.holdAmount).toBe(12000)
    await expect(client.getStatusAll(REF)).resolves.toEqual([])
  })
})
