import type { OperationKind, PaymentRecord } from '@shared/contract'
import {
  CHECKOUT_CHOICES,
  OPERATIONS,
  followUpsOf,
  type FollowUpKind,
  type FollowUpRule,
  type Need,
} from '@shared/operations'

/** What the checkout form must ask for, per operation: read from the shared catalogue. */
export interface OperationNeeds {
  amount: Need
  original: Need
  receipt: boolean
  tips: boolean
}

export function needsOf(op: OperationKind): OperationNeeds {
  const spec = OPERATIONS[op]
  return {
    amount: spec.amount,
    original: spec.original,
    receipt: spec.receipt === 'required',
    tips: spec.tips,
  }
}

/** The operations a cashier can pick, in the order of the chooser (sale first: the default). */
export const CHOOSER_OPERATIONS: readonly OperationKind[] = CHECKOUT_CHOICES

/** Follow-ups a cashier may start from an original that went through (reprint lives in the receipts panel). */
export type FollowUp = FollowUpKind

export interface FollowUpPlan {
  kind: FollowUp
  operation: OperationKind
  /** 'bounded' asks for an amount up to what is left; 'full' sends the original amount. */
  amount: FollowUpRule['amount']
}

/** Which follow-ups the catalogue allows for this record; empty when it has no transaction id. */
export function followUpsFor(record: PaymentRecord): FollowUpPlan[] {
  if (!record.result?.transactionId) return []
  return followUpsOf(record.operation, record.state).map((spec) => ({
    kind: spec.followUp!.kind,
    operation: spec.kind,
    amount: spec.followUp!.amount,
  }))
}

/** Last four digits of a masked card number ("************1456" -> "1456"). */
export function lastFour(masked: string | undefined): string | undefined {
  const digits = masked?.replace(/\D/g, '') ?? ''
  return digits.length >= 4 ? digits.slice(-4) : undefined
}
