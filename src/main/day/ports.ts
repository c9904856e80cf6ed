import type { BatchCloseRecord } from './close-record'
import type { BatchCloseAnswer, BatchDetail, BatchSummary } from './batch'
import type { DayPayment } from './records'

/**
 * The narrow ports the day close works through, so it runs in plain Node: the journal (the
 * payment store), Handpoint's batch and status endpoints, the day settings and a clock.
 * Adapters: store-journal.ts (payment store), handpoint-gateway.ts (the client); tests use
 * in-memory ones and the simulator.
 */

export interface DayJournal {
  /** Operations of a merchant created in [from, to), oldest first; one terminal when given. */
  paymentsBetween(query: {
    merchantId: string
    from: number
    to: number
    terminalSerial?: string
  }): DayPayment[]
  /**
   * Operations outside `payments` that they link to or that link to them: the originals of
   * reversals and captures, and later follow-ups (capture, reversal, increase) of originals.
   */
  linkedTo(merchantId: string, payments: readonly DayPayment[]): DayPayment[]
  /** Batch closes of a merchant, newest first; one terminal and a time range when given. */
  batchCloses(query: {
    merchantId: string
    terminalSerial?: string
    from?: number
    to?: number
  }): BatchCloseRecord[]
  /** Saves a close before its request is sent (state `requested`); returns it with its id. */
  insertBatchClose(record: Omit<BatchCloseRecord, 'id'>): BatchCloseRecord
  /** Records what is known now about a close. */
  updateBatchClose(id: string, patch: Partial<Omit<BatchCloseRecord, 'id'>>): BatchCloseRecord
}

/** What the status chain (`/transactions/{ref}/status/all`) says about one element. */
export interface StatusFacts {
  type?: string
  finStatus: string
  transactionId?: string
  originalTransactionId?: string
  totalMinor?: number
  tipMinor?: number
  currency?: string
  rrn?: string
  batchNumber?: string
}

export interface TerminalRef {
  serial: string
  /** Handpoint's device type; "VT" for the MOTO virtual terminal. */
  type: string
}

/** Handpoint's batch endpoints and status chain for one merchant's key. */
export interface BatchGateway {
  closeBatch(input: { terminal: TerminalRef; batchNumber?: string }): Promise<BatchCloseAnswer>
  batchSummary(input: {
    terminal: TerminalRef
    batchNumber: string
    currency: string
  }): Promise<BatchSummary>
  batchDetail(input: {
    terminal: TerminalRef
    batchNumber: string
    currency: string
  }): Promise<BatchDetail>
  /** The original first (in its current state), then its linked operations. */
  statusChain(reference: string): Promise<StatusFacts[]>
}

/**
 * How a gateway call failed, as the day close needs to know it:
 * - `unsupported`: the acquirer has no batches (or Handpoint refuses batch calls for the key);
 * - `batch_number_required`: 422, the close needs the batch number;
 * - `refused`: any other clear refusal (nothing happened);
 * - `unreachable`: a read could not be made (network, timeout, 5xx, rate limit);
 * - `ambiguous`: a close may have reached Handpoint but its answer was lost (5xx, dropped
 *   connection, timeout): find out with the summary, never close again blindly.
 */
export type BatchFailureKind =
  'unsupported' | 'batch_number_required' | 'refused' | 'unreachable' | 'ambiguous'

export class BatchGatewayError extends Error {
  constructor(
    readonly kind: BatchFailureKind,
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message)
    this.name = 'BatchGatewayError'
  }
}

/** The day close's settings (a merchant may require a daily batch close). */
export interface DaySettings {
  /** Hour (0-23, local time) at which a business day starts. */
  cutoffHour(): number
  /** True for merchants set to "close daily" (their acquirer needs a batch close every day). */
  closesDaily(merchantId: string): boolean
}

/** Resolves operations whose outcome is not final by asking Handpoint, never by sending again. */
export type ResolvePending = (paymentId: string) => Promise<void>
