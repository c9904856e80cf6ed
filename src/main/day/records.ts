import type { EntryMethod } from '@shared/contract/day.values'
import type { OperationKind, PaymentState } from '@shared/contract/payments.values'

/**
 * What the day report needs to know about one operation, as the payment store keeps it.
 * Amounts are safe integers of minor units; a float never holds money here.
 */
export interface DayPayment {
  id: string
  terminalSerial: string
  /** Handpoint's device type ("VT" for the MOTO virtual terminal). */
  terminalType?: string
  operation: OperationKind
  state: PaymentState
  /** ISO 4217; from the result when it has one, else from the request. */
  currency?: string
  /** What was asked for. */
  amountMinor?: number
  /** What the result says moved, tip included; undefined when no result told us. */
  totalMinor?: number
  tipMinor?: number
  createdAt: number
  /** Handpoint's transaction id (what linked operations name as their original). */
  transactionId?: string
  originalTransactionId?: string
  transactionReference: string
  /** Retrieval reference number: how a batch line is matched to the journal. */
  rrn?: string
  batchNumber?: string
  cardSchemeName?: string
  cardEntryType?: string
  /** True when an approved payment has no stored receipt (the receipts store says so). */
  receiptMissing?: boolean
}

/** What an approved operation did with money, seen from the merchant's account. */
export type MovementKind = 'sale' | 'refund' | 'capture' | 'reversal' | 'hold' | 'none'

const SALES = new Set<OperationKind>(['sale', 'saleAndTokenizeCard', 'moToSale'])
const REFUNDS = new Set<OperationKind>(['refund', 'moToRefund'])
const HOLDS = new Set<OperationKind>([
  'preAuthorization',
  'moToPreAuthorization',
  'preAuthorizationIncrease',
])
const REVERSALS = new Set<OperationKind>([
  'saleReversal',
  'refundReversal',
  'moToReversal',
  'preAuthorizationReversal',
])
const PRE_AUTHS = new Set<OperationKind>(['preAuthorization', 'moToPreAuthorization'])
const PENDING = new Set<PaymentState>([
  'created',
  'sent',
  'accepted',
  'in-progress',
  'unknown',
  'resolving',
])

export function movementOf(operation: OperationKind): MovementKind {
  if (SALES.has(operation)) return 'sale'
  if (REFUNDS.has(operation)) return 'refund'
  if (operation === 'preAuthorizationCapture') return 'capture'
  if (REVERSALS.has(operation)) return 'reversal'
  if (HOLDS.has(operation)) return 'hold'
  return 'none'
}

/** Operations that could move or hold money (the ones a decline means something for). */
export function isFinancial(operation: OperationKind): boolean {
  return movementOf(operation) !== 'none'
}

export function isPreAuthorization(operation: OperationKind): boolean {
  return PRE_AUTHS.has(operation)
}

export function isApproved(state: PaymentState): boolean {
  return state === 'approved' || state === 'partial'
}

/** Not final yet: the money may or may not have moved. */
export function isPending(state: PaymentState): boolean {
  return PENDING.has(state)
}

/** The amount an approved operation moved: the result's total, else what was asked. */
export function movedAmount(p: DayPayment): number {
  return p.totalMinor ?? p.amountMinor ?? 0
}

/**
 * The signed effect of an approved reversal on the merchant's money: minus for a reversed sale
 * or capture, plus for a reversed refund, nothing for a released pre-authorisation. `original`
 * is the reversed operation when the journal knows it.
 */
export function reversalSign(reversal: DayPayment, original: DayPayment | undefined): -1 | 0 | 1 {
  const target = original ? movementOf(original.operation) : undefined
  switch (reversal.operation) {
    case 'refundReversal':
      return 1
    case 'preAuthorizationReversal':
      return target === 'capture' ? -1 : 0
    default:
      // saleReversal and moToReversal reverse a sale unless the journal says it was a refund.
      if (target === 'refund') return 1
      if (target === 'hold') return 0
      return -1
  }
}

/** Adds minor units, refusing to lose precision (a sum past 2^53 would be silently wrong). */
export function addMinor(a: number, b: number): number {
  const sum = a + b
  if (!Number.isSafeInteger(sum)) throw new RangeError('Amount total exceeds the safe range')
  return sum
}

const BRAND_ALIASES: Record<string, string> = {
  MC: 'MASTERCARD',
  'MASTER CARD': 'MASTERCARD',
  'MASTERCARD DEBIT': 'MASTERCARD',
  AMERICANEXPRESS: 'AMEX',
  'AMERICAN EXPRESS': 'AMEX',
  'VISA DEBIT': 'VISA',
  'VISA ELECTRON': 'VISA',
  'V PAY': 'VPAY',
  'DINERS CLUB': 'DINERS',
}

/** One spelling per card brand ("Visa", "VISA " and "visa" are the same brand). */
export function normaliseBrand(name: string | undefined): string {
  const upper = (name ?? '').trim().replace(/\s+/g, ' ').toUpperCase()
  if (upper === '') return 'UNKNOWN'
  return BRAND_ALIASES[upper] ?? upper
}

/** How the card was read, from the result's `cardEntryType` (and MOTO from the operation). */
export function entryMethodOf(p: Pick<DayPayment, 'operation' | 'cardEntryType'>): EntryMethod {
  if (MOTO.has(p.operation)) return 'moto'
  const raw = p.cardEntryType ?? ''
  let entry = ENTRY_CACHE.get(raw)
  if (entry === undefined) {
    entry = entryOfText(raw.toUpperCase())
    ENTRY_CACHE.set(raw, entry)
  }
  return entry
}

const MOTO = new Set<OperationKind>([
  'moToSale',
  'moToRefund',
  'moToReversal',
  'moToPreAuthorization',
])
/** Entry texts seen so far; terminals use a handful, so this stays tiny. */
const ENTRY_CACHE = new Map<string, EntryMethod>()

function entryOfText(entry: string): EntryMethod {
  if (entry === 'ICC' || entry === 'CHIP') return 'chip'
  if (/CONTACTLESS|CNTCLSS|CTLS|NFC|PROXIMITY/.test(entry)) return 'contactless'
  if (entry === 'MSR' || entry === 'SWIPE' || entry === 'MAGSTRIPE') return 'swipe'
  if (entry === 'CNP') return 'moto'
  if (entry === 'MANUAL' || entry === 'KEYED') return 'keyed'
  return 'unknown'
}
