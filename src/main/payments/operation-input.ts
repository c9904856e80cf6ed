import { AppError } from '@shared/contract/result'
import type { PaymentRecord, StartPaymentRequest } from '@shared/contract/payments.contract'
import { causeOf, msg, type Message } from '@shared/messages'
import { isSupportedCurrency } from '@shared/money'
import { OPERATIONS } from '@shared/operations'
import type { HandpointErrorKind, TransactionInput } from '../handpoint/types'

export { isLinked } from '@shared/operations'

export interface PreparedAmount {
  amountMinor?: string
  currency?: string
}

/**
 * Checks the request against the operation catalogue: an amount, an original, a receipt and
 * tips where the operation takes them, and none where it takes none (refused, never silently
 * dropped). The amount is already in minor units and range-checked by the contract; the
 * currency defaults to the merchant's. Throws AppError with a code.
 */
export function prepareAmount(
  request: StartPaymentRequest,
  defaultCurrency: string,
): PreparedAmount {
  const spec = OPERATIONS[request.operation]
  if (spec.original === 'required' && !request.originalTransactionId) {
    throw new AppError(msg('original_required'))
  }
  if (spec.original === 'none' && request.originalTransactionId !== undefined) {
    throw new AppError(msg('original_not_taken'))
  }
  if (spec.receipt === 'required' && !request.receipt) {
    throw new AppError(msg('receipt_required'))
  }
  if (spec.receipt === 'none' && request.receipt !== undefined) {
    throw new AppError(msg('receipt_not_taken'))
  }
  if (!spec.tips && request.tipPercentages?.length) throw new AppError(msg('tips_not_taken'))
  if (spec.amount === 'none') {
    if (request.amountMinor !== undefined) throw new AppError(msg('amount_not_taken'))
    return {}
  }
  if (request.amountMinor === undefined) {
    if (spec.amount === 'required') throw new AppError(msg('amount_required'))
    return {}
  }
  const currency = request.currency ?? defaultCurrency
  if (!isSupportedCurrency(currency)) {
    throw new AppError(msg('currency_not_accepted', { currency: currency.slice(0, 8) }))
  }
  return { amountMinor: request.amountMinor, currency }
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

/** The cause of any failure, as a message parameter. */
export function causeOfError(err: unknown): string {
  return causeOf(asHandpointFailure(err)?.kind)
}

/** What to tell the cashier about a POST that Handpoint refused outright (nothing was charged). */
export function refusal(failure: HandpointFailure, serial: string): Message {
  switch (failure.kind) {
    case 'terminal-busy':
      return msg('terminal_busy', { serial })
    case 'terminal-offline':
      return msg('terminal_not_listening', { serial })
    case 'terminal-not-assigned':
      return msg('terminal_not_assigned', { serial })
    case 'forbidden':
    case 'unauthorized':
      return msg('api_key_refused')
    case 'rate-limited':
      return msg('rate_limited')
    default:
      return msg('request_refused', { cause: causeOf(failure.kind) })
  }
}
