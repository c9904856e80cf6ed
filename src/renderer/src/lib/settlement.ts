import type { PaymentRecord, PaymentState } from '@shared/contract'
import { OPERATIONS } from '@shared/operations'

/**
 * What became of a payment that went through, from the follow-ups that name it: refunded in
 * part or in full, reversed, captured or released, and what is left to refund or capture.
 *
 * Main is the authority on money rules; this is the screen's mirror of them, kept in this one
 * place so the history can switch to main's own "what is left" answer when it offers one.
 */
export type SettledAs = 'refunded' | 'partlyRefunded' | 'reversed' | 'captured' | 'released'

export interface Settlement {
  /** Absent while nothing followed: the payment's own state says it all. */
  as?: SettledAs
  /** Minor units still open to a refund (sales) or a capture (pre-authorisations). */
  leftMinor: string
}

const WENT_THROUGH: readonly PaymentState[] = ['approved', 'partial']
const wentThrough = (r: PaymentRecord): boolean => WENT_THROUGH.includes(r.state)
const amountOf = (r: PaymentRecord): bigint =>
  BigInt(r.result?.totalAmountMinor ?? r.amountMinor ?? '0')
const txOf = (r: PaymentRecord): string | undefined => r.result?.transactionId

/**
 * `journal` holds the merchant's payments (any order, any extra ones); only those that went
 * through and name `original` count, and a refund that was itself reversed does not.
 */
export function settlementOf(
  original: PaymentRecord,
  journal: readonly PaymentRecord[],
): Settlement | undefined {
  const tx = txOf(original)
  const direction = OPERATIONS[original.operation].money
  if (!tx || !wentThrough(original) || (direction !== 'in' && direction !== 'hold'))
    return undefined
  const reversed = new Set(
    journal
      .filter((r) => r.operation === 'refundReversal' && wentThrough(r) && r.originalTransactionId)
      .map((r) => r.originalTransactionId),
  )
  const followUps = journal.filter(
    (r) =>
      r.originalTransactionId === tx &&
      r.id !== original.id &&
      wentThrough(r) &&
      !(txOf(r) && reversed.has(txOf(r))),
  )
  const done = (kind: PaymentRecord['operation'][]): boolean =>
    followUps.some((r) => kind.includes(r.operation))
  const sum = (kind: PaymentRecord['operation'][]): bigint =>
    followUps.filter((r) => kind.includes(r.operation)).reduce((a, r) => a + amountOf(r), 0n)
  const left = (used: bigint, total: bigint): string =>
    (total > used ? total - used : 0n).toString()

  if (direction === 'hold') {
    if (done(['preAuthorizationReversal'])) return { as: 'released', leftMinor: '0' }
    if (done(['preAuthorizationCapture'])) return { as: 'captured', leftMinor: '0' }
    return { leftMinor: left(0n, amountOf(original) + sum(['preAuthorizationIncrease'])) }
  }
  if (done(['saleReversal', 'moToReversal'])) return { as: 'reversed', leftMinor: '0' }
  const total = amountOf(original)
  const refunded = sum(['refund', 'moToRefund'])
  if (refunded === 0n) return { leftMinor: total.toString() }
  return { as: refunded >= total ? 'refunded' : 'partlyRefunded', leftMinor: left(refunded, total) }
}
