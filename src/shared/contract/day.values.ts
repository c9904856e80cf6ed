/**
 * The day close's shapes, shared by main (src/main/day builds them), the renderer (the Day tab
 * shows them), the CLI and the till link. Plain types, no zod: `@shared/contract/day.values`.
 * The report's totals (`MoneyLine`, `TerminalTotals`, `BrandTotals`, `DayReport`) are in
 * `day.contract.ts`, derived from the one schema the till link documents; the renderer takes
 * their types from `@shared/contract`. Every amount is an integer number of minor units.
 */
import type { OperationKind, PaymentState } from './payments.values'

export type EntryMethod = 'chip' | 'contactless' | 'swipe' | 'keyed' | 'moto' | 'unknown'

interface ExceptionBase {
  paymentId: string
  terminal: string
  operation: OperationKind
  currency: string
  amount: number
  at: number
}

export type DayException =
  | (ExceptionBase & { kind: 'outcome_unknown'; state: PaymentState })
  | (ExceptionBase & { kind: 'open_preauth'; ageMinutes: number })
  | (ExceptionBase & { kind: 'receipt_missing' })

export type JournalKind = 'sale' | 'refund' | 'capture' | 'reversal'

/** A line where the journal and the batch disagree. */
export type Difference =
  | { kind: 'in_batch_not_here'; type: string; amount: number; rrn?: string }
  | {
      kind: 'here_not_in_batch'
      paymentId: string
      type: JournalKind
      amount: number
      rrn?: string
      /** What Handpoint's status chain says about it now (CANCELLED: reversed elsewhere). */
      handpointStatus?: string
    }
  | {
      kind: 'amount_differs'
      paymentId: string
      type: JournalKind
      rrn?: string
      journalAmount: number
      batchAmount: number
      handpointStatus?: string
    }
  | { kind: 'summary_differs'; field: 'transaction_count' | 'net'; journal: number; batch: number }

export type UnconfirmedReason =
  'batch_not_supported' | 'handpoint_unreachable' | 'no_batch_number' | 'batch_number_required'

export const VERDICTS = ['confirmed', 'do_not_agree', 'unconfirmed'] as const
export type VerdictKind = (typeof VERDICTS)[number]

export type TerminalVerdict =
  | { terminal: string; verdict: 'confirmed'; batchNumber: string }
  | { terminal: string; verdict: 'do_not_agree'; batchNumber: string; differences: Difference[] }
  | { terminal: string; verdict: 'unconfirmed'; reason: UnconfirmedReason; batchNumber?: string }

export interface BatchCloseAnswer {
  batchNumber: string
  closeBatchGuid: string
  /** As sent: yyyyMMddHHmmssSSS, zone unstated. */
  closedAt?: string
  batchStatus?: string
  issuerResponseCode?: string
  issuerResponseText?: string
  /** The issuer's local close time (customFields issuerBatchCloseLocalTimestamp) when given. */
  issuerLocalTime?: string
}

export interface BatchSummary {
  batchNumber: string
  batchStatus?: string
  transactionCount?: number
  netMinor?: number
  salesCount?: number
  refundsCount?: number
  issuerResponseText?: string
}

/**
 * One batch close as the journal keeps it: written as `requested` before the request is sent,
 * then advanced to what is known. `unknown` is a close whose answer was lost (5xx, dropped
 * connection, timeout): it is resolved with the batch summary, never by closing again.
 */
export type BatchCloseState = 'requested' | 'closed' | 'unknown' | 'failed'

export interface BatchCloseRecord {
  id: string
  merchantId: string
  terminal: string
  /** The terminal's type as Handpoint names it; "VT" for the MOTO virtual terminal. */
  terminalType: string
  /** The business day the close was made on. */
  businessDate: string
  requestedAt: number
  /** The batch number sent with the request, when one was known. */
  requestedBatchNumber?: string
  state: BatchCloseState
  answeredAt?: number
  answer?: BatchCloseAnswer
  /** Fetched right after the close (or to resolve an unknown one). */
  summary?: BatchSummary
  /** Number of lines in the batch detail fetched right after the close. */
  detailLines?: number
  /** Why it failed or is unknown: a message code with its parameters. */
  error?: { code: string; params?: Record<string, string | number> }
}
