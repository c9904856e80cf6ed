import type { TransactionResult } from './types'

/**
 * Closing the day at the edge: the batch endpoints (REST 2.25+, beta, not every acquirer) and
 * the status chain by reference. Amounts in answers are major-unit decimal strings on the wire;
 * here they are integer minor units of the currency the caller names (the answers carry none).
 */

/** A terminal as the batch and device endpoints address it. `terminalType` "VT" is the
 * merchant's virtual terminal for MOTO; on the wire it travels as `deviceType`. */
export interface TerminalRef {
  serialNumber: string
  terminalType: string
}

export interface CloseBatchInput extends TerminalRef {
  /** Send it when known. Without it Handpoint closes the open batch, except for acquirers that
   * insist on it: then the call fails with kind `batch-number-required`. */
  batchNumber?: string
  /** Echoed in the answer. */
  customerReference?: string
}

export interface BatchQuery extends TerminalRef {
  batchNumber: string
  /** The batch's currency; the answer's decimal amounts are converted with its exponent. */
  currency: string
  customerReference?: string
}

export interface BatchDetailQuery extends BatchQuery {
  /** Only the line with this retrieval reference number. */
  rrn?: string
}

/** One acquirer-specific metric. The wire sends one `{key,value}` object or a list of them. */
export interface BatchCustomField {
  key: string
  value: string
}

/**
 * `closedAt` as Handpoint sends it (`yyyyMMddHHmmssSSS`) and the same instant written as ISO
 * 8601 without a zone, because Handpoint does not say which zone it is in.
 */
export interface HandpointTimestamp {
  raw: string
  local: string
}

interface BatchAnswer {
  batchNumber: string
  /** "CLOSED", "OPEN" ... as sent. */
  batchStatus?: string
  /** "00" when the issuer accepted. */
  issuerResponseCode?: string
  issuerResponseText?: string
  /** Both wire shapes of `customFields.entry`, as one list in the order sent. */
  customFields: BatchCustomField[]
  /** `issuerBatchCloseLocalTimestamp` from the custom fields: the issuer's local time, as sent. */
  issuerCloseLocalTime?: string
  customerReference?: string | Record<string, string>
}

/** The answer to POST /batch/close. Keep it: it is the evidence that the batch was closed. */
export interface BatchClose extends BatchAnswer {
  closeBatchGuid?: string
  closedAt?: HandpointTimestamp
}

export interface BatchSummary extends BatchAnswer {
  batchSummaryGuid?: string
  currency: string
  /** Net of the batch in minor units (negative when refunds outweigh sales). */
  netAmountMinor: number
  transactionCount?: number
  /** From the custom fields, when the acquirer sends them. */
  salesCount?: number
  refundsCount?: number
}

/** One line of a batch. No GUID, brand, currency or tip: match by rrn + amount + type. */
export interface BatchDetailLine {
  /** "SALE", "REFUND" ... as sent. */
  transactionType: string
  /** `retrievalReferenceNumber`, the result's `rrn`; some lines have none. */
  rrn?: string
  amountMinor: number
  batchDetailElementGuid?: string
  /** The line's other scalar fields, as sent. */
  extra: Record<string, string | number | boolean>
}

export interface BatchDetail extends BatchAnswer {
  batchDetailGuid?: string
  closedAt?: HandpointTimestamp
  currency: string
  lines: BatchDetailLine[]
}

/** One element of `GET /transactions/{reference}/status/all` (the gateway's view). */
export interface StatusChainEntry extends TransactionResult {
  /** Pre-authorisation amounts (2.28+), minor units; decimal strings are converted. */
  holdAmount?: number
  increaseAmount?: number
  capturedAmount?: number
}

export interface BatchApi {
  /** POST /batch/close. Changes state: a timeout, reset or 5xx is `ambiguous` (check with the
   * summary, never close blindly again). */
  closeBatch(input: CloseBatchInput): Promise<BatchClose>
  /** POST /batch/summary (a read; retried like a GET). */
  getBatchSummary(query: BatchQuery): Promise<BatchSummary>
  /** POST /batch/detail (a read; retried like a GET). */
  getBatchDetail(query: BatchDetailQuery): Promise<BatchDetail>
  /** GET {status host}/transactions/{ref}/status/all: the chain, oldest first, the first
   * element in its current state. `[]` when the gateway knows nothing under the reference. */
  getStatusAll(reference: string): Promise<StatusChainEntry[]>
}
