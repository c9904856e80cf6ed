import type { FollowUpAnswer } from '@shared/contract/money.contract'
import type { OperationKind, PaymentRecord } from '@shared/contract/payments.contract'
import { msg, type Message } from '@shared/messages'
import { fromMinorUnits, isSupportedCurrency } from '@shared/money'
import { followUpsOf, OPERATIONS } from '@shared/operations'
import { totalOf, wentThrough, type Settlement } from './settlement'

/**
 * The money rules for a follow-up of an earlier payment: whether main accepts it now, and the
 * most it may ask for. One function judges both what the engine refuses and what History
 * offers, so the screen can never offer what main would refuse. See docs/payment-safety.md,
 * "Money rules".
 */

/** A follow-up as the rules see it: the operation and, when it has one, its amount. */
export interface FollowUpAsk {
  operation: OperationKind
  /** Minor units (signed for a pre-authorisation decrease); absent = none or not known yet. */
  amountMinor?: string
  currency?: string
}

/** A decimal in the payment's currency for a message ("12.50"); minor units when unknown. */
export function decimalOf(minor: bigint, currency: string | undefined): string {
  return currency && isSupportedCurrency(currency)
    ? fromMinorUnits(minor, currency)
    : minor.toString()
}

function exceeds(left: bigint, currency: string | undefined): Message {
  if (left === 0n) return msg('nothing_left')
  return msg('amount_exceeds_remaining', {
    remaining: decimalOf(left, currency),
    currency: currency ?? '',
  })
}

/**
 * Why main refuses `ask` on `original` now, or undefined when it is allowed. Without an amount,
 * only what does not depend on the amount is judged (History asks before one is typed).
 */
export function refusalOf(
  original: PaymentRecord,
  settlement: Settlement,
  ask: FollowUpAsk,
): Message | undefined {
  const rule = OPERATIONS[ask.operation].followUp
  if (!rule?.originals.includes(original.operation)) return msg('original_wrong_kind')
  if (!wentThrough(original.state)) return msg('original_not_found')
  const currency = settlement.currency
  if (ask.currency !== undefined && currency !== undefined && ask.currency !== currency) {
    return msg('original_other_currency', { currency })
  }
  const amount = ask.amountMinor === undefined ? undefined : BigInt(ask.amountMinor)
  switch (rule.kind) {
    case 'refund':
      if (settlement.reversed === 'approved') return msg('already_reversed')
      if (settlement.reversed === 'pending') return msg('linked_operation_pending')
      if (amount !== undefined && amount > settlement.left)
        return exceeds(settlement.left, currency)
      if (amount === undefined && settlement.left === 0n) return exceeds(0n, currency)
      return undefined
    case 'reverse':
      return reversalRefusal(original, settlement, amount)
    case 'capture':
    case 'increase':
    case 'release':
      return preAuthorizationRefusal(settlement, rule.kind, amount)
  }
}

/**
 * A reversal undoes the whole original, so it is refused once anything else touched it: a
 * refund (even one reversed later), another reversal, anything still under way, or a day close
 * that settled it (then only a refund can give money back).
 */
function reversalRefusal(
  original: PaymentRecord,
  settlement: Settlement,
  amount: bigint | undefined,
): Message | undefined {
  const currency = settlement.currency
  if (settlement.reversed === 'approved') return msg('already_reversed')
  if (settlement.refundedOnce) return msg('reversal_after_refund')
  if (settlement.busy) return msg('linked_operation_pending')
  if (settlement.batch === 'closed') return msg('reversal_after_batch_close')
  if (settlement.batch === 'unknown') return msg('reversal_batch_close_unknown')
  if (amount === undefined) return undefined
  const total = settlement.total
  if (amount > total) return exceeds(total, currency)
  // The acquirer reverses the whole payment whatever amount is sent: a smaller one would tell
  // the cashier something that is not so. The amount asked for the original counts as whole too.
  const asked = original.amountMinor === undefined ? total : BigInt(original.amountMinor)
  if (amount !== total && amount !== asked) {
    return msg('reversal_must_be_full', {
      amount: decimalOf(total, currency),
      currency: currency ?? '',
    })
  }
  return undefined
}

function preAuthorizationRefusal(
  settlement: Settlement,
  kind: 'capture' | 'increase' | 'release',
  amount: bigint | undefined,
): Message | undefined {
  if (settlement.captured === 'approved') return msg('already_captured')
  if (settlement.reversed === 'approved') return msg('already_released')
  if (settlement.captured || settlement.reversed) return msg('linked_operation_pending')
  if (kind === 'release') return settlement.busy ? msg('linked_operation_pending') : undefined
  const left = settlement.left
  if (kind === 'capture' && amount !== undefined && amount > left) {
    return exceeds(left, settlement.currency)
  }
  if (kind === 'increase' && amount !== undefined && amount < 0n && -amount > left) {
    return exceeds(left, settlement.currency)
  }
  return undefined
}

/** Every follow-up the catalogue offers for `original`, each judged as main would judge it. */
export function followUpAnswers(original: PaymentRecord, settlement: Settlement): FollowUpAnswer[] {
  return followUpsOf(original.operation, original.state).map((spec) => {
    const reason = refusalOf(original, settlement, { operation: spec.kind })
    const answer: FollowUpAnswer = { operation: spec.kind, allowed: !reason }
    if (reason) answer.reason = reason
    const amount = spec.followUp?.amount
    if (!reason && amount === 'bounded') answer.maxMinor = settlement.left.toString()
    if (!reason && amount === 'full') answer.fixedMinor = totalOf(original).toString()
    return answer
  })
}
