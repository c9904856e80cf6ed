import type { OperationType } from './types'

/**
 * Which fields each `operation` takes (docs/handpoint-api.md §4.1 and §6). `amount` covers amount+currency,
 * which always travel together. Optional extras not listed for an operation are refused rather
 * than silently dropped, so a caller's mistake shows up before the terminal is involved.
 */
export type Extra = 'tipConfiguration' | 'bypassOptions' | 'merchantAuth' | 'moneyRemittanceOptions'
type Need = 'required' | 'optional' | 'none'

export interface OperationRule {
  amount: Need
  originalTransactionId: Need
  receipt?: 'required'
  extras: readonly Extra[]
  /** `duplicate_check` applies (2.10): on other operations the flag is left off the wire. */
  duplicateCheck: boolean
  /** preAuthorizationIncrease: a negative amount is a decrease (§6). */
  negativeAmount?: true
}

const SALE_EXTRAS: readonly Extra[] = [
  'tipConfiguration',
  'bypassOptions',
  'merchantAuth',
  'moneyRemittanceOptions',
]

export const OPERATION_RULES: Record<OperationType, OperationRule> = {
  sale: {
    amount: 'required',
    originalTransactionId: 'none',
    extras: SALE_EXTRAS,
    duplicateCheck: true,
  },
  saleAndTokenizeCard: {
    amount: 'required',
    originalTransactionId: 'none',
    extras: SALE_EXTRAS,
    duplicateCheck: true,
  },
  // Without originalTransactionId a refund is standalone (unlinked); with it, linked.
  refund: {
    amount: 'required',
    originalTransactionId: 'optional',
    extras: ['bypassOptions', 'merchantAuth', 'moneyRemittanceOptions'],
    duplicateCheck: true,
  },
  saleReversal: {
    amount: 'required',
    originalTransactionId: 'required',
    extras: ['moneyRemittanceOptions'],
    duplicateCheck: true,
  },
  refundReversal: {
    amount: 'required',
    originalTransactionId: 'required',
    extras: ['moneyRemittanceOptions'],
    duplicateCheck: true,
  },
  tokenizeCard: {
    amount: 'optional',
    originalTransactionId: 'none',
    extras: [],
    duplicateCheck: false,
  },
  printReceipt: {
    amount: 'none',
    originalTransactionId: 'none',
    receipt: 'required',
    extras: [],
    duplicateCheck: false,
  },
  update: { amount: 'none', originalTransactionId: 'none', extras: [], duplicateCheck: false },
  cardPan: { amount: 'none', originalTransactionId: 'none', extras: [], duplicateCheck: false },
  pingDevice: { amount: 'none', originalTransactionId: 'none', extras: [], duplicateCheck: false },
  stopCurrentTransaction: {
    amount: 'none',
    originalTransactionId: 'none',
    extras: [],
    duplicateCheck: false,
  },
  moToSale: {
    amount: 'required',
    originalTransactionId: 'none',
    extras: ['moneyRemittanceOptions'],
    duplicateCheck: true,
  },
  moToRefund: {
    amount: 'required',
    originalTransactionId: 'optional',
    extras: ['moneyRemittanceOptions'],
    duplicateCheck: true,
  },
  // Tier A does not say whether a MOTO reversal needs an amount; Postman has no sample.
  moToReversal: {
    amount: 'optional',
    originalTransactionId: 'required',
    extras: ['moneyRemittanceOptions'],
    duplicateCheck: true,
  },
  preAuthorization: {
    amount: 'required',
    originalTransactionId: 'none',
    extras: ['tipConfiguration'],
    duplicateCheck: false,
  },
  moToPreAuthorization: {
    amount: 'required',
    originalTransactionId: 'none',
    extras: [],
    duplicateCheck: false,
  },
  preAuthorizationIncrease: {
    amount: 'required',
    originalTransactionId: 'required',
    extras: [],
    duplicateCheck: false,
    negativeAmount: true,
  },
  preAuthorizationCapture: {
    amount: 'required',
    originalTransactionId: 'required',
    extras: [],
    duplicateCheck: false,
  },
  // Releases the whole hold; Postman sends no amount.
  preAuthorizationReversal: {
    amount: 'optional',
    originalTransactionId: 'required',
    extras: [],
    duplicateCheck: false,
  },
}
