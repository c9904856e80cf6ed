import type { OperationKind } from '@shared/contract/payments.contract'

/**
 * Operation names in the till link's words (snake_case) and the engine's. Tills start the six
 * of `TILL_START_OPERATIONS`; refunds and reversals of a payment have routes of their own; the
 * rest can still appear in lists (the cashier started them on the same terminal).
 */
export const TILL_START_OPERATIONS = [
  'sale',
  'refund',
  'moto_sale',
  'moto_refund',
  'pre_authorization',
  'tokenize',
] as const
export type TillStartOperation = (typeof TILL_START_OPERATIONS)[number]

const TO_ENGINE: Record<TillStartOperation, OperationKind> = {
  sale: 'sale',
  refund: 'refund',
  moto_sale: 'moToSale',
  moto_refund: 'moToRefund',
  pre_authorization: 'preAuthorization',
  tokenize: 'tokenizeCard',
}

const FROM_ENGINE: Record<OperationKind, string> = {
  sale: 'sale',
  refund: 'refund',
  refundReversal: 'refund_reversal',
  saleReversal: 'sale_reversal',
  saleAndTokenizeCard: 'sale_and_tokenize',
  tokenizeCard: 'tokenize',
  printReceipt: 'print_receipt',
  cardPan: 'card_pan',
  pingDevice: 'ping_device',
  moToSale: 'moto_sale',
  moToRefund: 'moto_refund',
  moToReversal: 'moto_reversal',
  moToPreAuthorization: 'moto_pre_authorization',
  preAuthorization: 'pre_authorization',
  preAuthorizationIncrease: 'pre_authorization_increase',
  preAuthorizationCapture: 'pre_authorization_capture',
  preAuthorizationReversal: 'pre_authorization_reversal',
}

/** Every operation name a payment resource may carry. */
export const TILL_OPERATION_NAMES = [...new Set(Object.values(FROM_ENGINE))]

export const toEngineOperation = (op: TillStartOperation): OperationKind => TO_ENGINE[op]
export const tillOperationName = (op: OperationKind): string => FROM_ENGINE[op] ?? op

/** Operations that take no amount. */
export const AMOUNTLESS: ReadonlySet<TillStartOperation> = new Set(['tokenize'])

/** The linked refund of an original operation, or undefined when it has none. */
export function refundOf(original: OperationKind): OperationKind | undefined {
  if (original === 'sale' || original === 'saleAndTokenizeCard') return 'refund'
  if (original === 'moToSale') return 'moToRefund'
  return undefined
}

/** The reversal of an original operation, or undefined when it cannot be reversed. */
export function reversalOf(original: OperationKind): OperationKind | undefined {
  switch (original) {
    case 'sale':
    case 'saleAndTokenizeCard':
      return 'saleReversal'
    case 'refund':
      return 'refundReversal'
    case 'moToSale':
    case 'moToRefund':
      return 'moToReversal'
    case 'preAuthorization':
    case 'moToPreAuthorization':
      return 'preAuthorizationReversal'
    default:
      return undefined
  }
}
