import type { SettledAs } from '@shared/contract/money.contract'
import type { OperationKind, PaymentRecord, PaymentState } from '@shared/contract/payments.contract'
import { OPERATIONS } from '@shared/operations'
import { isFinal } from '../states'

/**
 * What became of one original payment, from the operations linked to it: how much of a sale is
 * left to refund, of a pre-authorisation to capture, and whether it was reversed, captured or
 * released. Pure: the facts come from the payment store (./facts.ts); the rules that refuse a
 * follow-up are in ./rules.ts. See docs/payment-safety.md, "Money rules".
 */

/** A linked operation as the money rules count it. */
export interface LinkedFact {
  id: string
  operation: OperationKind
  state: PaymentState
  /** What was asked for (minor units; signed for a pre-authorisation decrease). */
  amountMinor?: string
  /** What Handpoint reported as moved (the result's total). */
  approvedAmountMinor?: string
  /** For a refund: whether a refund reversal of it went through or is under way. */
  reversed?: 'approved' | 'pending'
}

/** A day close of the original's merchant and terminal, as the batch rule needs it. */
export interface CloseFact {
  state: 'requested' | 'closed' | 'failed' | 'unknown'
  requestedAt: number
  answeredAt?: number
}

export interface OriginalFacts {
  original: PaymentRecord
  linked: readonly LinkedFact[]
  /** Day closes of the original's merchant and terminal (any; the rule picks the ones after it). */
  closes: readonly CloseFact[]
}

/** Which family an original belongs to, for what can follow it. */
export type OriginalKind = 'sale' | 'refund' | 'preAuthorization' | 'other'

export interface Settlement {
  kind: OriginalKind
  as?: SettledAs
  currency?: string
  /** The original's own amount: what was charged, refunded or first held. */
  total: bigint
  /** The most a refund (sales) or a capture (pre-authorisations) may still ask for. */
  left: bigint
  /** Linked operations under way (not final), in minor units, already counted in `left`. */
  pending: bigint
  /** A reversal (or a pre-authorisation's release) went through or is under way. */
  reversed?: 'approved' | 'pending'
  captured?: 'approved' | 'pending'
  /** Any refund of it went through (even one reversed later). */
  refundedOnce: boolean
  /** Some linked operation is not final yet (unknown outcomes included). */
  busy: boolean
  /** Whether a day close may have settled it (see `batchOf`). */
  batch?: 'closed' | 'unknown'
}

const WENT_THROUGH: readonly PaymentState[] = ['approved', 'partial']
const REFUNDS: readonly OperationKind[] = ['refund', 'moToRefund']
const REVERSALS: readonly OperationKind[] = ['saleReversal', 'moToReversal', 'refundReversal']

export const wentThrough = (state: PaymentState): boolean => WENT_THROUGH.includes(state)

/** What the original moved: the result's total (tips, partial approvals), else what was asked. */
export const totalOf = (record: PaymentRecord): bigint =>
  BigInt(record.result?.totalAmountMinor ?? record.amountMinor ?? '0')

export function kindOf(operation: OperationKind): OriginalKind {
  const followers = Object.values(OPERATIONS).filter((spec) =>
    spec.followUp?.originals.includes(operation),
  )
  if (followers.some((s) => s.kind === 'preAuthorizationCapture')) return 'preAuthorization'
  if (followers.some((s) => s.kind === 'refundReversal')) return 'refund'
  if (followers.some((s) => s.followUp?.kind === 'refund')) return 'sale'
  return 'other'
}

/** Whether it went through, is still under way (unknown outcomes too), or counts for nothing. */
function standing(fact: LinkedFact): 'approved' | 'pending' | undefined {
  if (wentThrough(fact.state)) return 'approved'
  return isFinal(fact.state) ? undefined : 'pending'
}

/**
 * The amount a linked operation moves. Went through: what Handpoint reported, else what was
 * asked. Under way: what was asked. A reversal without an amount moves the whole original.
 */
function amountOf(fact: LinkedFact, original: bigint): bigint {
  // A change of a hold is the signed delta asked for: what Handpoint's total means for it
  // (the change or the new hold) is not documented, and a decrease must stay negative.
  const change = fact.operation === 'preAuthorizationIncrease'
  const approved = wentThrough(fact.state) && !change ? fact.approvedAmountMinor : undefined
  const text = approved ?? fact.amountMinor
  return text === undefined ? original : BigInt(text)
}

/** The strongest standing among facts: any that went through wins over any under way. */
function strongest(facts: readonly LinkedFact[]): 'approved' | 'pending' | undefined {
  const all = facts.map(standing)
  return all.includes('approved') ? 'approved' : all.includes('pending') ? 'pending' : undefined
}

const sum = (values: readonly bigint[]): bigint => values.reduce((a, b) => a + b, 0n)
const atLeastZero = (value: bigint): bigint => (value > 0n ? value : 0n)

/**
 * Whether a day close may have settled the original. A close of the same merchant and terminal
 * counts when its answer came at or after the moment the payment was sent (`createdAt`; a close
 * still without an answer counts from when it was requested): Handpoint then closed the batch
 * after the terminal had the payment. Counting from the send rather than from when this checkout
 * learnt the outcome keeps a payment whose result arrived late (after a lost connection) inside
 * the batch closed in between. `closed` when Handpoint confirmed such a close; `unknown` when
 * one was requested and its outcome is not known; failed closes settle nothing.
 */
export function batchOf(
  original: PaymentRecord,
  closes: readonly CloseFact[],
): 'closed' | 'unknown' | undefined {
  const after = closes.filter(
    (c) => c.state !== 'failed' && (c.answeredAt ?? c.requestedAt) >= original.createdAt,
  )
  if (after.some((c) => c.state === 'closed')) return 'closed'
  return after.length > 0 ? 'unknown' : undefined
}

/** What became of `facts.original` and what is left of it. */
export function settle(facts: OriginalFacts): Settlement {
  const { original, linked } = facts
  const kind = kindOf(original.operation)
  const total = totalOf(original)
  const of = (kinds: readonly OperationKind[]) => linked.filter((f) => kinds.includes(f.operation))
  const under = (list: readonly LinkedFact[]) =>
    sum(list.filter((f) => standing(f) === 'pending').map((f) => amountOf(f, total)))
  const base: Settlement = {
    kind,
    total,
    left: 0n,
    pending: 0n,
    refundedOnce: false,
    busy: linked.some((f) => standing(f) === 'pending'),
  }
  if (original.currency) base.currency = original.currency
  // Nothing is left of a payment that did not go through (declined, failed, still open).
  if (!wentThrough(original.state)) return base
  const batch = batchOf(original, facts.closes)
  if (batch) base.batch = batch

  if (kind === 'preAuthorization') {
    const captured = strongest(of(['preAuthorizationCapture']))
    const released = strongest(of(['preAuthorizationReversal']))
    const changes = of(['preAuthorizationIncrease'])
    const held =
      total + sum(changes.filter((f) => wentThrough(f.state)).map((f) => amountOf(f, 0n)))
    // An increase under way adds nothing yet; a decrease under way already holds less.
    const decreasing = sum(
      changes
        .filter((f) => standing(f) === 'pending')
        .map((f) => amountOf(f, 0n))
        .filter((a) => a < 0n),
    )
    const settlement: Settlement = {
      ...base,
      total: held,
      left: captured || released ? 0n : atLeastZero(held + decreasing),
      pending: under(of(['preAuthorizationCapture'])) - decreasing,
    }
    if (captured) settlement.captured = captured
    if (released) settlement.reversed = released
    if (captured === 'approved') settlement.as = 'captured'
    else if (released === 'approved') settlement.as = 'released'
    return settlement
  }

  const reversals = of(REVERSALS)
  const reversed = strongest(reversals)
  const settlement: Settlement = { ...base, pending: under(reversals) }
  if (reversed) settlement.reversed = reversed
  if (kind === 'refund') {
    settlement.left = reversed ? 0n : total
    if (reversed === 'approved') settlement.as = 'reversed'
    return settlement
  }
  if (kind !== 'sale') return settlement
  const refunds = of(REFUNDS)
  const counted = refunds.filter((f) => wentThrough(f.state) && f.reversed !== 'approved')
  const refunded = sum(counted.map((f) => amountOf(f, total)))
  const refunding = under(refunds)
  settlement.pending += refunding
  settlement.refundedOnce = refunds.some((f) => wentThrough(f.state))
  settlement.left = reversed ? 0n : atLeastZero(total - refunded - refunding)
  if (reversed === 'approved') settlement.as = 'reversed'
  else if (refunded > 0n) settlement.as = refunded >= total ? 'refunded' : 'partlyRefunded'
  return settlement
}
