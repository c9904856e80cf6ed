import type { OperationKind, PaymentRecord, PaymentState } from '@shared/contract'
import { lastFour } from './operations'

/** Which screen a record belongs on. */
export type OutcomeKind =
  'running' | 'approved' | 'partial' | 'declined' | 'cancelled' | 'failed' | 'unknown' | 'processed'

export function outcomeOf(record: PaymentRecord): OutcomeKind {
  const s = record.state
  if (s === 'resolving' || s === 'unknown') return 'unknown'
  if (s === 'created' || s === 'sent' || s === 'accepted' || s === 'in-progress') return 'running'
  return s
}

/**
 * i18n key of the decline reason for an issuer response code (ISO 8583 field 39), so the cashier
 * reads "Not authorised by the card issuer" rather than "05". Unknown codes fall back to the
 * gateway's own words.
 */
const ISSUER_CODES: Record<string, string> = {
  '01': 'referToIssuer',
  '02': 'referToIssuer',
  '04': 'pickUpCard',
  '05': 'doNotHonour',
  '07': 'pickUpCard',
  '12': 'invalidTransaction',
  '13': 'invalidAmount',
  '14': 'invalidCard',
  '41': 'lostCard',
  '43': 'stolenCard',
  '51': 'insufficientFunds',
  '54': 'expiredCard',
  '55': 'wrongPin',
  '57': 'notPermitted',
  '61': 'overLimit',
  '65': 'overLimit',
  '75': 'pinTriesExceeded',
  '91': 'issuerUnavailable',
}

export function declineReasonKey(code: string | undefined): string | undefined {
  if (!code) return undefined
  return ISSUER_CODES[code.padStart(2, '0')]
}

/** i18n key of the "approved" sentence: a refund is not "paid", a pre-authorisation is "held". */
export function approvedKey(operation: OperationKind): string {
  switch (operation) {
    case 'refund':
    case 'moToRefund':
      return 'outcome.approvedRefund'
    case 'saleReversal':
    case 'refundReversal':
    case 'moToReversal':
      return 'outcome.approvedReversal'
    case 'preAuthorization':
    case 'moToPreAuthorization':
    case 'preAuthorizationIncrease':
      return 'outcome.approvedHold'
    case 'preAuthorizationCapture':
      return 'outcome.approvedCapture'
    case 'preAuthorizationReversal':
      return 'outcome.approvedRelease'
    default:
      return 'outcome.approvedBody'
  }
}

/** States in which the issuer decided on the card: the card was read. */
const DECIDED_ON_CARD: readonly PaymentState[] = ['approved', 'partial', 'declined']

/**
 * The card as the screen shows it (scheme and last four), only when a card was read: a result
 * may carry card fields although the payment was cancelled or failed before any card was
 * presented. The entry type says how a card was read ("UNDEFINED": none was); without one, only
 * an issuer's decision proves that there was a card.
 */
export function cardOf(record: PaymentRecord): { scheme: string; last4: string } | undefined {
  const result = record.result
  const last4 = lastFour(result?.maskedCardNumber)
  if (!result || !last4) return undefined
  const entry = result.cardEntryType?.trim().toUpperCase()
  const read = entry ? entry !== 'UNDEFINED' : DECIDED_ON_CARD.includes(record.state)
  return read ? { scheme: result.cardSchemeName ?? '', last4 } : undefined
}

/** What a payment took in minor units: the result's total, else the amount asked for. */
export const paidMinorOf = (record: PaymentRecord): string | undefined =>
  record.result?.totalAmountMinor ?? record.amountMinor

/**
 * The amount a list shows: what was taken for a payment that went through, what was asked for
 * otherwise (a declined sale took nothing, but the cashier looks for the amount it was for).
 */
export function shownAmountMinor(record: PaymentRecord): string | undefined {
  const total = record.result?.totalAmountMinor
  return DECIDED_ON_CARD.slice(0, 2).includes(record.state)
    ? (total ?? record.amountMinor)
    : (record.amountMinor ?? total)
}
