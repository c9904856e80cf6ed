import type { OperationKind, PaymentRecord } from '@shared/contract'

/** What the checkout form must ask for, per operation (docs/handpoint-api.md §6). */
export interface OperationNeeds {
  amount: 'required' | 'none'
  original: 'required' | 'optional' | 'none'
  receipt: boolean
  tips: boolean
}

const NEEDS: Record<OperationKind, OperationNeeds> = {
  sale: { amount: 'required', original: 'none', receipt: false, tips: true },
  saleAndTokenizeCard: { amount: 'required', original: 'none', receipt: false, tips: true },
  refund: { amount: 'required', original: 'optional', receipt: false, tips: false },
  saleReversal: { amount: 'required', original: 'required', receipt: false, tips: false },
  refundReversal: { amount: 'required', original: 'required', receipt: false, tips: false },
  tokenizeCard: { amount: 'none', original: 'none', receipt: false, tips: false },
  printReceipt: { amount: 'none', original: 'none', receipt: true, tips: false },
  cardPan: { amount: 'none', original: 'none', receipt: false, tips: false },
  pingDevice: { amount: 'none', original: 'none', receipt: false, tips: false },
  moToSale: { amount: 'required', original: 'none', receipt: false, tips: false },
  moToRefund: { amount: 'required', original: 'optional', receipt: false, tips: false },
  moToReversal: { amount: 'required', original: 'required', receipt: false, tips: false },
  moToPreAuthorization: { amount: 'required', original: 'none', receipt: false, tips: false },
  preAuthorization: { amount: 'required', original: 'none', receipt: false, tips: true },
  preAuthorizationIncrease: {
    amount: 'required',
    original: 'required',
    receipt: false,
    tips: false,
  },
  preAuthorizationCapture: {
    amount: 'required',
    original: 'required',
    receipt: false,
    tips: false,
  },
  preAuthorizationReversal: { amount: 'none', original: 'required', receipt: false, tips: false },
}

export const needsOf = (op: OperationKind): OperationNeeds => NEEDS[op]

/** The operations a cashier can pick, in the order of the chooser (sale first: the default). */
export const CHOOSER_OPERATIONS: readonly OperationKind[] = [
  'sale',
  'refund',
  'saleReversal',
  'preAuthorization',
  'preAuthorizationIncrease',
  'preAuthorizationCapture',
  'preAuthorizationReversal',
  'moToSale',
  'moToRefund',
  'tokenizeCard',
  'printReceipt',
]

/** Operations that take money from the card (a refund or reversal gives it back). */
const CHARGES: ReadonlySet<OperationKind> = new Set([
  'sale',
  'saleAndTokenizeCard',
  'moToSale',
  'preAuthorization',
  'moToPreAuthorization',
  'preAuthorizationIncrease',
  'preAuthorizationCapture',
])
export const isCharge = (op: OperationKind): boolean => CHARGES.has(op)

/** Follow-ups a cashier may start from an original that went through (reprint lives in the receipts panel). */
export type FollowUp = 'refund' | 'reverse' | 'capture' | 'increase' | 'release'

export interface FollowUpPlan {
  kind: FollowUp
  operation: OperationKind
  /** 'bounded' asks for an amount up to what is left; 'full' sends the original amount. */
  amount: 'bounded' | 'full' | 'free' | 'none'
}

const SUCCESS: ReadonlySet<string> = new Set(['approved', 'partial'])

/** Which follow-ups make sense for this record; empty when it did not go through. */
export function followUpsFor(record: PaymentRecord): FollowUpPlan[] {
  const plans: FollowUpPlan[] = []
  const done = SUCCESS.has(record.state) && !!record.result?.transactionId
  if (done) {
    switch (record.operation) {
      case 'sale':
      case 'saleAndTokenizeCard':
        plans.push({ kind: 'refund', operation: 'refund', amount: 'bounded' })
        plans.push({ kind: 'reverse', operation: 'saleReversal', amount: 'full' })
        break
      case 'moToSale':
        plans.push({ kind: 'refund', operation: 'moToRefund', amount: 'bounded' })
        plans.push({ kind: 'reverse', operation: 'moToReversal', amount: 'full' })
        break
      case 'refund':
      case 'moToRefund':
        plans.push({ kind: 'reverse', operation: 'refundReversal', amount: 'full' })
        break
      case 'preAuthorization':
      case 'moToPreAuthorization':
        plans.push({ kind: 'capture', operation: 'preAuthorizationCapture', amount: 'bounded' })
        plans.push({ kind: 'increase', operation: 'preAuthorizationIncrease', amount: 'free' })
        plans.push({ kind: 'release', operation: 'preAuthorizationReversal', amount: 'none' })
        break
    }
  }
  return plans
}

/** Last four digits of a masked card number ("************1456" -> "1456"). */
export function lastFour(masked: string | undefined): string | undefined {
  const digits = masked?.replace(/\D/g, '') ?? ''
  return digits.length >= 4 ? digits.slice(-4) : undefined
}
