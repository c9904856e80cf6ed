import { afterEach, expect, it, describe } from 'vitest'
import { HandpointError, type TransactionInput } from '../../../src/main/handpoint'
import { clientFor, rejection, startStub, type Stub } from './stub-server'

const REF = '2bfde1fc-23b1-4c67-93d9-1d4a557f4d4f'
const GUID = '01236fc0-8192-11eb-9aca-ad4b0e95f241'
const terminal = { serialNumber: '0821032398', terminalType: 'PAXA920' }

let stub: Stub | undefined
afterEach(async () => {
  await stub?.close()
  stub = undefined
})

async function accepting() {
  stub = await startStub(() => ({
    status: 202,
    body: { transactionResultId: '0821032398-1628774190395', statusMessage: 'Operation Accepted' },
  }))
  return { stub, client: clientFor(stub) }
}

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
