import { AppError } from '@shared/contract/result'
import type {
  OperationKind,
  PaymentRecord,
  StartPaymentRequest,
} from '@shared/contract/payments.contract'
import { MoneyError, isSupportedCurrency, toMinorUnits } from '@shared/money'
import type { HandpointErrorKind, TransactionInput } from '../handpoint/types'

/** Operations that move money and therefore need an amount and a currency (docs/handpoint-api.md §6). */
const NEEDS_AMOUNT: ReadonlySet<OperationKind> = new Set<OperationKind>([
  'sale',
  'refund',
  'refundReversal',
  'saleReversal',
  'saleAndTokenizeCard',
  'moToSale',
  'moToRefund',
  'moToPreAuthorization',
  'preAuthorization',
  'preAuthorizationIncrease',
  'preAuthorizationCapture',
])

const NEEDS_ORIGINAL: ReadonlySet<OperationKind> = new Set<OperationKind>([
  'refundReversal',
  'saleReversal',
  'moToReversal',
  'preAuthorizationIncrease',
  'preAuthorizationCapture',
  'preAuthorizationReversal',
])

/** Linked operations are chained under the original's reference and must not send their own. */
export const isLinked = (operation: OperationKind, originalTransactionId?: string): boolean =>
  NEEDS_ORIGINAL.has(operation) || originalTransactionId !== undefined

export interface PreparedAmount {
  amountMinor?: string
  currency?: string
}

/** Checks amount, currency and original id; throws AppError in plain words. */
export function prepareAmount(
  request: StartPaymentRequest,
  defaultCurrency: string,
): PreparedAmount {
  if (NEEDS_ORIGINAL.has(request.operation) && !request.originalTransactionId) {
    throw new AppError(
      'missing-original',
      'This operation needs the transaction id of the original payment. Pick it from the history and try again.',
    )
  }
  if (request.operation === 'printReceipt' && !request.receipt) {
    throw new AppError('missing-receipt', 'There is no receipt to print. Choose a receipt first.')
  }
  if (!NEEDS_AMOUNT.has(request.operation)) return {}
  const currency = request.currency ?? defaultCurrency
  if (!isSupportedCurrency(currency)) {
    throw new AppError(
      'invalid-currency',
      `${currency} is not a currency Handpoint accepts. Choose another currency, for example EUR.`,
    )
  }
  if (!request.amount) {
    throw new AppError('invalid-amount', 'Enter an amount, for example 12.34.')
  }
  try {
    return { amountMinor: toMinorUnits(request.amount, currency), currency }
  } catch (err) {
    if (err instanceof MoneyError) throw new AppError('invalid-amount', err.message)
    throw err
  }
}

/** The request the client sends; the duplicate check on the terminal always stays on. */
export function buildTransactionInput(
  record: PaymentRecord,
  extras: { referenceSent: boolean; receipt?: string; tipPercentages?: number[] },
  callback?: { url: string; token: string },
): TransactionInput {
  const input: TransactionInput = {
    operation: record.operation,
    serialNumber: record.terminalSerial,
    terminalType: record.terminalType,
    duplicateCheck: true,
  }
  if (record.amountMinor) input.amountMinor = record.amountMinor
  if (record.currency) input.currency = record.currency
  if (record.originalTransactionId) input.originalTransactionId = record.originalTransactionId
  if (extras.referenceSent) input.transactionReference = record.transactionReference
  if (record.customerReference) input.customerReference = record.customerReference
  if (extras.receipt) input.receipt = extras.receipt
  if (extras.tipPercentages?.length) {
    input.tipConfiguration = { tipPercentages: extras.tipPercentages }
  }
  if (callback) input.callback = callback
  return input
}

/** What the engine needs from the client's HandpointError (duck-typed on purpose). */
export interface HandpointFailure {
  kind: HandpointErrorKind
  ambiguous: boolean
  retryAfterMs?: number
  message: string
}

export function asHandpointFailure(err: unknown): HandpointFailure | undefined {
  if (typeof err !== 'object' || err === null) return undefined
  const e = err as Partial<HandpointFailure>
  if (typeof e.kind !== 'string') return undefined
  return {
    kind: e.kind,
    ambiguous: e.ambiguous === true,
    retryAfterMs: typeof e.retryAfterMs === 'number' ? e.retryAfterMs : undefined,
    message: typeof e.message === 'string' ? e.message : String(e.kind),
  }
}

/** A sentence for a POST that Handpoint refused outright (so nothing was charged). */
export function refusalMessage(failure: HandpointFailure, serial: string): string {
  switch (failure.kind) {
    case 'terminal-busy':
      return `Terminal ${serial} is busy with another operation. Nothing was charged; wait until it is free and try again.`
    case 'terminal-offline':
      return `Terminal ${serial} is not responding. Nothing was charged; check that it is on, online and showing the Payments app, then try again.`
    case 'terminal-not-assigned':
      return `Terminal ${serial} does not belong to this merchant's API key. Nothing was charged; refresh the terminal list.`
    case 'forbidden':
    case 'unauthorized':
      return "Handpoint refused this merchant's API key. Nothing was charged; check the key in the merchant settings."
    case 'rate-limited':
      return 'Handpoint asked the app to slow down. Nothing was charged; try again in a few seconds.'
    default:
      return `Handpoint refused the request (${failure.message}). Nothing was charged; check the details and try again.`
  }
}
