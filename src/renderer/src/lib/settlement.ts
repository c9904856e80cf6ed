import type { FollowUpAnswer, PaymentRecord, PaymentSettlement, SettledAs } from '@shared/contract'
import { followUpsFor, type FollowUpPlan } from './operations'

/**
 * What became of a payment and what may follow it, as main's money rules answer it
 * (`getSettlements`): refunded in part or in full, reversed, captured or released, what is left
 * to refund or capture, and which follow-ups main would accept now. Main decides; the screen
 * shows its answer and offers only what it would accept.
 */
export type { SettledAs }
export type Settlement = PaymentSettlement

/** A follow-up main would accept now, with the most (or exactly what) it may send. */
export interface AllowedPlan extends FollowUpPlan {
  /** Refunds and captures: at most this (minor units). */
  maxMinor?: string
  /** Reversals: exactly this, the whole payment (minor units). */
  fixedMinor?: string
}

/**
 * The follow-ups of `record` main would accept now, in the catalogue's order. Without main's
 * answer (not read yet, or it could not be read) nothing is offered: never more than main allows.
 */
export function allowedPlans(
  record: PaymentRecord,
  settlement: Settlement | undefined,
): AllowedPlan[] {
  if (!settlement) return []
  return followUpsFor(record).flatMap((plan) => {
    const answer = settlement.followUps.find((f) => f.operation === plan.operation)
    if (!answer?.allowed) return []
    const allowed: AllowedPlan = { ...plan }
    if (answer.maxMinor !== undefined) allowed.maxMinor = answer.maxMinor
    if (answer.fixedMinor !== undefined) allowed.fixedMinor = answer.fixedMinor
    return [allowed]
  })
}

/** The follow-ups main refuses now, with why (shown so a cashier knows what to do instead). */
export function refusedFollowUps(settlement: Settlement | undefined): FollowUpAnswer[] {
  return settlement?.followUps.filter((f) => !f.allowed && f.reason) ?? []
}
