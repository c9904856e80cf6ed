import { afterEach, describe, expect, it } from 'vitest'
import { HandpointError, OPERATION_TYPES, type TransactionInput } from '../../../src/main/handpoint'
import { API_KEY, clientFor, rejection, startStub, type Stub } from './stub-server'

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

describe('startTransaction refuses bad input before any request', () => {
  const sale = { operation: 'sale', ...terminal, amountMinor: '1000', currency: 'EUR' } as const
  const refusals: [string, TransactionInput, string][] = [
    ['missing amount', { operation: 'sale', ...terminal }, 'amountMinor'],
    ['amount with decimals', { ...sale, amountMinor: '10.00' }, 'amountMinor'],
    ['amount as number', { ...sale, amountMinor: 1000 as unknown as string }, 'amountMinor'],
    ['zero amount', { ...sale, amountMinor: '0' }, 'amountMinor'],
    ['amount at the limit', { ...sale, amountMinor: '999999999999' }, 'amountMinor'],
    ['13 digits', { ...sale, amountMinor: '1000000000000' }, 'amountMinor'],
    ['negative sale', { ...sale, amountMinor: '-5' }, 'amountMinor'],
    ['unknown currency', { ...sale, currency: 'EURO' }, 'currency'],
    ['lower-case currency', { ...sale, currency: 'eur' }, 'currency'],
    ['amount without currency', { operation: 'sale', ...terminal, amountMinor: '5' }, 'currency'],
    [
      'reversal without original',
      { operation: 'saleReversal', ...terminal, amountMinor: '5', currency: 'EUR' },
      'originalTransactionId',
    ],
    [
      'capture without original',
      { operation: 'preAuthorizationCapture', ...terminal, amountMinor: '5', currency: 'EUR' },
      'originalTransactionId',
    ],
    [
      'preauth reversal without original',
      { operation: 'preAuthorizationReversal', ...terminal },
      'originalTransactionId',
    ],
    [
      'moto reversal without original',
      { operation: 'moToReversal', ...terminal },
      'originalTransactionId',
    ],
    ['original on a sale', { ...sale, originalTransactionId: GUID }, 'originalTransactionId'],
    [
      'reference on a linked refund',
      {
        operation: 'refund',
        ...terminal,
        amountMinor: '5',
        currency: 'EUR',
        originalTransactionId: GUID,
        transactionReference: REF,
      },
      'transactionReference',
    ],
    ['printReceipt without receipt', { operation: 'printReceipt', ...terminal }, 'receipt'],
    ['receipt on a sale', { ...sale, receipt: '<html/>' }, 'receipt'],
    [
      'amount on cardPan',
      { operation: 'cardPan', ...terminal, amountMinor: '5', currency: 'EUR' },
      'amountMinor',
    ],
    [
      'callback without token',
      { ...sale, callback: { url: 'https://x.example', token: '' } },
      'callback.token',
    ],
    [
      'callback with a non-http url',
      { ...sale, callback: { url: 'ftp://x.example', token: 't' } },
      'callback.url',
    ],
    ['reference not UUID v4 (v1)', { ...sale, transactionReference: GUID }, 'transactionReference'],
    ['reference not a UUID', { ...sale, transactionReference: 'abc' }, 'transactionReference'],
    ['empty serial', { ...sale, serialNumber: '' }, 'serialNumber'],
    ['unknown operation', { ...sale, operation: 'tipAdjustment' as 'sale' }, 'operation'],
    ['unknown field', { ...sale, amount: '1000' } as TransactionInput, 'input'],
    [
      'tips on a refund',
      {
        operation: 'refund',
        ...terminal,
        amountMinor: '5',
        currency: 'EUR',
        tipConfiguration: { tipPercentages: [10] },
      },
      'tipConfiguration',
    ],
    [
      'empty tip list',
      { ...sale, tipConfiguration: { tipPercentages: [] } },
      'tipConfiguration.tipPercentages',
    ],
    [
      'metadata with spaces',
      { ...sale, metadata: { metadata1: 'two words' } },
      'metadata.metadata1',
    ],
    [
      'metadata over 250',
      { ...sale, metadata: { metadata2: 'a'.repeat(251) } },
      'metadata.metadata2',
    ],
    [
      'customer reference over 25',
      { ...sale, customerReference: 'x'.repeat(26) },
      'customerReference',
    ],
    [
      'remittance name with digits',
      { ...sale, moneyRemittanceOptions: { fullName: 'R2D2', countryCode: 'USA' } },
      'moneyRemittanceOptions.fullName',
    ],
    [
      'remittance alpha-2 country',
      { ...sale, moneyRemittanceOptions: { fullName: 'Jo', countryCode: 'US' } },
      'moneyRemittanceOptions.countryCode',
    ],
    [
      'two credentials without acquirer',
      { ...sale, merchantAuth: [{ mid: '1' }, { mid: '2' }] },
      'merchantAuth',
    ],
  ]

  it.each(refusals)('%s', async (_name, input, path) => {
    const { stub, client } = await accepting()
    const error = await rejection<HandpointError>(client.startTransaction(input))
    expect(error).toBeInstanceOf(HandpointError)
    expect(error.kind).toBe('invalid-input')
    expect(error.ambiguous).toBe(false)
    expect(error.fieldErrors?.map((f) => f.path)).toContain(path)
    expect(error.message).toMatch(
      /^The \S+ request was not sent: .+\. Correct it, then try again\.$/,
    )
    expect(stub.requests).toHaveLength(0)
  })

  it('accepts an upper-case UUID v4 and the amount just under the limit', async () => {
    const { client } = await accepting()
    await expect(
      client.startTransaction({
        ...sale,
        amountMinor: '999999999998',
        transactionReference: REF.toUpperCase(),
      }),
    ).resolves.toBeDefined()
  })
})
