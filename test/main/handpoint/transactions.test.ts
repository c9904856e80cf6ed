import { afterEach, describe, expect, it } from 'vitest'
import { OPERATION_TYPES, type TransactionInput } from '../../../src/main/handpoint'
import { API_KEY, clientFor, startStub, type Stub } from './stub-server'

const REF = '2bfde1fc-23b1-4c67-93d9-1d4a557f4d4f'
const GUID = '01236fc0-8192-11eb-9aca-ad4b0e95f241'
const ACCEPTED = {
  transactionResultId: '0821032398-1628774190395',
  statusMessage: 'Operation Accepted',
  transactionReference: '00000000-0000-0000-0000-000000000000',
}
const terminal = { serialNumber: '0821032398', terminalType: 'PAXA920' }

let stub: Stub | undefined
afterEach(async () => {
  await stub?.close()
  stub = undefined
})

async function accepting(body: unknown = ACCEPTED, status = 202) {
  stub = await startStub(() => ({ status, body: body as object }))
  return { stub, client: clientFor(stub) }
}

/** One valid input per operation, with the body the reference says goes on the wire (§4.1, §6). */
const CASES: [TransactionInput, Record<string, unknown>][] = [
  [
    {
      operation: 'sale',
      ...terminal,
      amountMinor: '1000',
      currency: 'EUR',
      transactionReference: REF,
      customerReference: 'op15248',
      duplicateCheck: false,
      tipConfiguration: { tipPercentages: [5, 10, 15], headerName: 'Tip', baseAmount: '1000' },
      bypassOptions: { pinBypass: false, signatureBypass: true },
      merchantAuth: [{ mid: '12345678', tid: '50025030', mcc: '5812' }],
      metadata: { metadata1: 'till-3', metadata5: 'a:b/c?d=e' },
      moneyRemittanceOptions: { fullName: 'Jane Doe', countryCode: 'USA' },
    },
    {
      operation: 'sale',
      serial_number: '0821032398',
      terminal_type: 'PAXA920',
      amount: '1000',
      currency: 'EUR',
      transactionReference: REF,
      customerReference: 'op15248',
      duplicate_check: false,
      tipConfiguration: { tipPercentages: [5, 10, 15], headerName: 'Tip', baseAmount: '1000' },
      bypassOptions: { pinBypass: false, signatureBypass: true },
      merchantAuth: [{ mid: '12345678', tid: '50025030', mcc: '5812' }],
      metadata: { metadata1: 'till-3', metadata5: 'a:b/c?d=e' },
      moneyRemittanceOptions: { fullName: 'Jane Doe', countryCode: 'USA' },
    },
  ],
  [
    { operation: 'saleAndTokenizeCard', ...terminal, amountMinor: '500', currency: 'GBP' },
    { amount: '500', currency: 'GBP' },
  ],
  [
    {
      operation: 'refund',
      ...terminal,
      amountMinor: '250',
      currency: 'EUR',
      transactionReference: REF,
    },
    { amount: '250', currency: 'EUR', transactionReference: REF },
  ],
  [
    {
      operation: 'refund',
      ...terminal,
      amountMinor: '250',
      currency: 'EUR',
      originalTransactionId: GUID,
    },
    { amount: '250', currency: 'EUR', originalTransactionId: GUID },
  ],
  [
    {
      operation: 'saleReversal',
      ...terminal,
      amountMinor: '1000',
      currency: 'EUR',
      originalTransactionId: GUID,
      duplicateCheck: true,
    },
    { amount: '1000', currency: 'EUR', originalTransactionId: GUID, duplicate_check: true },
  ],
  [
    {
      operation: 'refundReversal',
      ...terminal,
      amountMinor: '250',
      currency: 'EUR',
      originalTransactionId: GUID,
    },
    { amount: '250', originalTransactionId: GUID },
  ],
  [{ operation: 'tokenizeCard', ...terminal }, {}],
  [
    { operation: 'printReceipt', ...terminal, receipt: '<html><body>Thanks</body></html>' },
    { receipt: '<html><body>Thanks</body></html>' },
  ],
  [{ operation: 'update', ...terminal }, {}],
  [{ operation: 'cardPan', ...terminal }, {}],
  [{ operation: 'pingDevice', ...terminal }, {}],
  [{ operation: 'stopCurrentTransaction', ...terminal }, {}],
  [
    {
      operation: 'moToSale',
      ...terminal,
      amountMinor: '4200',
      currency: 'USD',
      transactionReference: REF,
    },
    { amount: '4200', currency: 'USD', transactionReference: REF },
  ],
  [
    {
      operation: 'moToRefund',
      ...terminal,
      amountMinor: '4200',
      currency: 'USD',
      originalTransactionId: GUID,
    },
    { amount: '4200', originalTransactionId: GUID },
  ],
  [
    { operation: 'moToReversal', ...terminal, originalTransactionId: GUID },
    { originalTransactionId: GUID },
  ],
  [
    { operation: 'moToPreAuthorization', ...terminal, amountMinor: '10000', currency: 'USD' },
    { amount: '10000', currency: 'USD' },
  ],
  [
    {
      operation: 'preAuthorization',
      ...terminal,
      amountMinor: '10000',
      currency: 'USD',
      tipConfiguration: { tipPercentages: [10] },
    },
    { amount: '10000', tipConfiguration: { tipPercentages: [10] } },
  ],
  [
    {
      operation: 'preAuthorizationIncrease',
      ...terminal,
      amountMinor: '-2500',
      currency: 'USD',
      originalTransactionId: GUID,
    },
    { amount: '-2500', originalTransactionId: GUID },
  ],
  [
    {
      operation: 'preAuthorizationCapture',
      ...terminal,
      amountMinor: '12000',
      currency: 'USD',
      originalTransactionId: GUID,
    },
    { amount: '12000', originalTransactionId: GUID },
  ],
  [
    { operation: 'preAuthorizationReversal', ...terminal, originalTransactionId: GUID },
    { originalTransactionId: GUID },
  ],
]

describe('startTransaction wire format', () => {
  it('covers all 19 operations', () => {
    expect(new Set(CASES.map(([input]) => input.operation))).toEqual(new Set(OPERATION_TYPES))
  })

  it.each(CASES)('sends $operation exactly as the reference spells it', async (input, expected) => {
    const { stub, client } = await accepting()
    await expect(client.startTransaction(input)).resolves.toEqual(ACCEPTED)
    expect(stub.requests).toHaveLength(1)
    const [request] = stub.requests
    expect(request!.method).toBe('POST')
    expect(request!.url).toBe('/transactions')
    const body = JSON.parse(request!.body) as Record<string, unknown>
    expect(body).toMatchObject({
      operation: input.operation,
      serial_number: '0821032398',
      terminal_type: 'PAXA920',
      ...expected,
    })
    // No camelCase leftovers of our own input type ever reach the wire.
    for (const key of [
      'serialNumber',
      'terminalType',
      'amountMinor',
      'duplicateCheck',
      'callback',
    ]) {
      expect(body).not.toHaveProperty(key)
    }
    if (!('duplicate_check' in expected)) expect(body).not.toHaveProperty('duplicate_check')
  })

  it('sends the key as ApiKeyCloud with a JSON content type', async () => {
    const { stub, client } = await accepting()
    await client.startTransaction({ operation: 'pingDevice', ...terminal })
    const raw = stub.requests[0]!.rawHeaders
    expect(raw[raw.indexOf('ApiKeyCloud') + 1]).toBe(API_KEY)
    expect(stub.requests[0]!.headers['content-type']).toMatch(/^application\/json/)
    expect(stub.requests[0]!.headers.authorization).toBeUndefined()
  })

  it('maps a callback to callbackUrl + token and accepts a 202 without transactionResultId', async () => {
    const callbackMode = { statusMessage: 'Operation Accepted', transactionReference: REF }
    const { stub, client } = await accepting(callbackMode)
    const accepted = await client.startTransaction({
      operation: 'sale',
      ...terminal,
      amountMinor: '1000',
      currency: 'EUR',
      transactionReference: REF,
      callback: { url: 'https://pos.example.com/handpoint', token: 'secret-token' },
    })
    expect(accepted).toEqual(callbackMode)
    expect(JSON.parse(stub.requests[0]!.body)).toMatchObject({
      callbackUrl: 'https://pos.example.com/handpoint',
      token: 'secret-token',
    })
  })

  it('accepts the pre-2.14 202 body and the bare Android example', async () => {
    const { client } = await accepting({
      transactionResultId: 'x-1',
      statusMessage: 'Operation Accepted',
    })
    await expect(
      client.startTransaction({ operation: 'pingDevice', ...terminal }),
    ).resolves.toEqual({
      transactionResultId: 'x-1',
      statusMessage: 'Operation Accepted',
    })
    await stub!.close()
    const bare = await accepting({ statusMessage: 'Operation Accepted' })
    await expect(
      bare.client.startTransaction({
        operation: 'pingDevice',
        ...terminal,
        callback: { url: 'https://pos.example.com/cb', token: 't' },
      }),
    ).resolves.toEqual({ statusMessage: 'Operation Accepted' })
  })

  it('leaves duplicate_check off operations it does not apply to', async () => {
    const { stub, client } = await accepting()
    await client.startTransaction({
      operation: 'preAuthorization',
      ...terminal,
      amountMinor: '1',
      currency: 'USD',
      duplicateCheck: true,
    })
    expect(JSON.parse(stub.requests[0]!.body)).not.toHaveProperty('duplicate_check')
  })
})
