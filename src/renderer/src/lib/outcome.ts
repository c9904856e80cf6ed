import type { OperationKind, PaymentRecord } from '@shared/contract'

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
