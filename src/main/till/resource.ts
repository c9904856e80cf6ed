import type { PaymentState } from '@shared/contract/payments.contract'
import { describe } from '@shared/messages'
import { fromMinorUnits, isSupportedCurrency } from '@shared/money'
import { snakeCase } from './engine-errors'
import { tillOperationName } from './operations'
import type { TillPaymentRecord } from './ports'

/** The payment as a till sees it (the API's payment resource). */
export interface PaymentResource {
  id: string
  idempotencyKey: string | null
  tillReference: string | null
  operation: string
  terminal: string
  amount: number | null
  currency: string | null
  state: TillState
  final: boolean
  approvedAmount: number | null
  transactionId: string | null
  transactionReference: string
  card: { brand: string | null; last4: string | null; entry: CardEntry | null } | null
  authCode: string | null
  reason: { code: string; message: string } | null
  originalPaymentId: string | null
  createdAt: string
  updatedAt: string
}

export const TILL_STATES = [
  'in_progress',
  'approved',
  'partially_approved',
  'declined',
  'cancelled',
  'failed',
  'outcome_unknown',
] as const
export type TillState = (typeof TILL_STATES)[number]

export const CARD_ENTRIES = ['chip', 'contactless', 'swipe', 'manual'] as const
export type CardEntry = (typeof CARD_ENTRIES)[number]

/** `outcome_unknown` is never final: the companion keeps resolving it by itself. */
const STATE: Record<PaymentState, TillState> = {
  created: 'in_progress',
  sent: 'in_progress',
  accepted: 'in_progress',
  'in-progress': 'in_progress',
  unknown: 'outcome_unknown',
  resolving: 'outcome_unknown',
  approved: 'approved',
  partial: 'partially_approved',
  declined: 'declined',
  cancelled: 'cancelled',
  failed: 'failed',
  processed: 'approved',
}

const FINAL: ReadonlySet<TillState> = new Set([
  'approved',
  'partially_approved',
  'declined',
  'cancelled',
  'failed',
])

export const tillStateOf = (state: PaymentState): TillState => STATE[state] ?? 'outcome_unknown'
export const isFinalTillState = (state: TillState): boolean => FINAL.has(state)

const ENTRY: Record<string, CardEntry> = {
  ICC: 'chip',
  CONTACTLESS_ICC: 'contactless',
  CONTACTLESS: 'contactless',
  MSR: 'swipe',
  MAG_STRIPE: 'swipe',
  CNP: 'manual',
}

const int = (minor: string | undefined): number | null =>
  minor !== undefined && /^\d+$/.test(minor) ? Number(minor) : null

/**
 * Maps an engine record to the resource. `viewerTillId` hides the idempotency key of payments
 * another till (or the cashier) started: keys are the starting till's own business.
 */
export function toResource(
  record: TillPaymentRecord,
  options: { viewerTillId?: string; originalPaymentId?: string } = {},
): PaymentResource {
  const state = tillStateOf(record.state)
  const result = record.result
  const final = isFinalTillState(state)
  const amount = int(record.amountMinor)
  const approvedAmount = !final
    ? null
    : state === 'approved' || state === 'partially_approved'
      ? (int(result?.totalAmountMinor) ?? amount)
      : 0
  const digits = result?.maskedCardNumber?.replace(/\D/g, '') ?? ''
  const card =
    result && (result.cardSchemeName || digits.length >= 4)
      ? {
          brand: result.cardSchemeName || null,
          last4: digits.length >= 4 ? digits.slice(-4) : null,
          entry: ENTRY[result.cardEntryType ?? ''] ?? null,
        }
      : null
  const origin = record.origin
  const ownKey =
    origin?.kind === 'till' && 'tillId' in origin && origin.tillId === options.viewerTillId
  return {
    id: record.id,
    idempotencyKey: ownKey ? (record.idempotencyKey ?? null) : null,
    tillReference: record.tillReference ?? null,
    operation: tillOperationName(record.operation),
    terminal: record.terminalSerial,
    amount,
    currency: record.currency ?? result?.currency ?? null,
    state,
    final,
    approvedAmount,
    transactionId: result?.transactionId ?? null,
    transactionReference: record.transactionReference,
    card,
    authCode: result?.authorisationCode || null,
    reason: reasonOf(record, state),
    originalPaymentId: record.originalPaymentId ?? options.originalPaymentId ?? null,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
  }
}

function reasonOf(record: TillPaymentRecord, state: TillState): PaymentResource['reason'] {
  const result = record.result
  const lastError = record.lastError as
    { code: string; message?: string; params?: Record<string, string | number> } | undefined
  switch (state) {
    case 'declined': {
      const issuer = result?.issuerResponseCode ? ` (issuer code ${result.issuerResponseCode})` : ''
      return { code: 'declined', message: describe('till_reason_declined', { issuer }) }
    }
    case 'cancelled':
      return { code: 'cancelled', message: describe('till_reason_cancelled') }
    case 'failed': {
      const why =
        lastError?.message ??
        (lastError ? describe(lastError.code, lastError.params) : undefined) ??
        result?.errorMessage ??
        result?.statusMessage ??
        'no reason was given.'
      const code = lastError ? snakeCase(lastError.code) : 'failed'
      return { code, message: describe('till_reason_failed', { why }) }
    }
    case 'outcome_unknown':
      return { code: 'outcome_unknown', message: describe('till_reason_outcome_unknown') }
    case 'partially_approved': {
      const currency = record.currency ?? result?.currency ?? ''
      const due =
        result?.dueAmountMinor && isSupportedCurrency(currency)
          ? `${currency} ${fromMinorUnits(result.dueAmountMinor, currency)}`
          : 'the rest'
      return {
        code: 'partially_approved',
        message: describe('till_reason_partially_approved', { due }),
      }
    }
    default:
      return null
  }
}
