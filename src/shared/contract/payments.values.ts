/**
 * Runtime values of the payments contract, kept free of zod so the renderer can import them
 * without pulling the schemas (and zod) into its bundle: `@shared/contract/payments.values`.
 */

export const OPERATION_KINDS = [
  'sale',
  'refund',
  'refundReversal',
  'saleReversal',
  'saleAndTokenizeCard',
  'tokenizeCard',
  'printReceipt',
  'cardPan',
  'pingDevice',
  'moToSale',
  'moToRefund',
  'moToReversal',
  'moToPreAuthorization',
  'preAuthorization',
  'preAuthorizationIncrease',
  'preAuthorizationCapture',
  'preAuthorizationReversal',
] as const
export type OperationKind = (typeof OPERATION_KINDS)[number]

/** Lifecycle of one operation; see src/main/payments/states.ts for the transitions. */
export type PaymentState =
  // Only in journals of older versions, which saved an operation before sending it; new
  // operations are saved as `sent`, and a `created` one found after a restart ends `failed`.
  | 'created'
  | 'sent' // POST under way
  | 'accepted' // 202 received
  | 'in-progress' // terminal working (polls answer 204)
  | 'unknown' // ambiguous failure: we do not know whether money moved
  | 'resolving' // asking the API about an unknown outcome
  | 'approved'
  | 'partial'
  | 'declined'
  | 'cancelled'
  | 'failed'
  | 'processed' // non-financial success (printReceipt, tokenizeCard, ...)

export const FINAL_STATES: readonly PaymentState[] = [
  'approved',
  'partial',
  'declined',
  'cancelled',
  'failed',
  'processed',
]

/** What the terminal is doing while an operation runs; each is a message code (shared/messages). */
export const PAYMENT_PHASES = [
  'phase_saving',
  'phase_sending',
  'phase_waiting_for_card',
  'phase_terminal_working',
  'phase_outcome_unknown',
  'phase_asking_handpoint',
] as const
export type PaymentPhase = (typeof PAYMENT_PHASES)[number]
