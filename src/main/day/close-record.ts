import type { BatchCloseAnswer, BatchSummary } from './batch'

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
