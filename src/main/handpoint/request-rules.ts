import { OPERATIONS, type Need } from '@shared/operations'
import type { OperationKind } from '@shared/contract/payments.values'
import type { OperationType } from './types'

/**
 * Which fields each `operation` takes on the wire. What an operation needs (amount, original,
 * receipt, tips) comes from the shared operation catalogue; this file adds only what the wire
 * alone knows: its two operations the app never starts as payments (`update`,
 * `stopCurrentTransaction`), the optional extras, and where `duplicate_check` applies. `amount`
 * covers amount+currency, which always travel together. Extras not listed for an operation are
 * refused rather than silently dropped, so a caller's mistake shows up before the terminal is
 * involved.
 */
export type Extra = 'tipConfiguration' | 'bypassOptions' | 'merchantAuth' | 'moneyRemittanceOptions'

export interface OperationRule {
  amount: Need
  originalTransactionId: Need
  receipt?: 'required'
  extras: readonly Extra[]
  /** `duplicate_check` applies (2.10): on other operations the flag is left off the wire. */
  duplicateCheck: boolean
  /** preAuthorizationIncrease: a negative amount is a decrease. */
  negativeAmount?: true
}

/** Wire-only facts per operation: extras besides tips, and `duplicate_check`. */
const WIRE: Record<OperationKind, { extras: readonly Extra[]; duplicateCheck: boolean }> = {
  sale: {
    extras: ['bypassOptions', 'merchantAuth', 'moneyRemittanceOptions'],
    duplicateCheck: true,
  },
  saleAndTokenizeCard: {
    extras: ['bypassOptions', 'merchantAuth', 'moneyRemittanceOptions'],
    duplicateCheck: true,
  },
  refund: {
    extras: ['bypassOptions', 'merchantAuth', 'moneyRemittanceOptions'],
    duplicateCheck: true,
  },
  saleReversal: { extras: ['moneyRemittanceOptions'], duplicateCheck: true },
  refundReversal: { extras: ['moneyRemittanceOptions'], duplicateCheck: true },
  tokenizeCard: { extras: [], duplicateCheck: false },
  printReceipt: { extras: [], duplicateCheck: false },
  cardPan: { extras: [], duplicateCheck: false },
  pingDevice: { extras: [], duplicateCheck: false },
  moToSale: { extras: ['moneyRemittanceOptions'], duplicateCheck: true },
  moToRefund: { extras: ['moneyRemittanceOptions'], duplicateCheck: true },
  moToReversal: { extras: ['moneyRemittanceOptions'], duplicateCheck: true },
  preAuthorization: { extras: [], duplicateCheck: false },
  moToPreAuthorization: { extras: [], duplicateCheck: false },
  preAuthorizationIncrease: { extras: [], duplicateCheck: false },
  preAuthorizationCapture: { extras: [], duplicateCheck: false },
  preAuthorizationReversal: { extras: [], duplicateCheck: false },
}

const WIRE_ONLY: Record<Exclude<OperationType, OperationKind>, OperationRule> = {
  update: { amount: 'none', originalTransactionId: 'none', extras: [], duplicateCheck: false },
  stopCurrentTransaction: {
    amount: 'none',
    originalTransactionId: 'none',
    extras: [],
    duplicateCheck: false,
  },
}

function ruleOf(kind: OperationKind): OperationRule {
  const spec = OPERATIONS[kind]
  const wire = WIRE[kind]
  return {
    amount: spec.amount,
    originalTransactionId: spec.original,
    ...(spec.receipt === 'required' ? { receipt: 'required' as const } : {}),
    extras: spec.tips ? ['tipConfiguration', ...wire.extras] : wire.extras,
    duplicateCheck: wire.duplicateCheck,
    ...(spec.signedAmount ? { negativeAmount: true as const } : {}),
  }
}

export const OPERATION_RULES: Record<OperationType, OperationRule> = {
  ...(Object.fromEntries(
    Object.keys(WIRE).map((kind) => [kind, ruleOf(kind as OperationKind)]),
  ) as Record<OperationKind, OperationRule>),
  ...WIRE_ONLY,
}
