import { formatMajor } from './currencies'

/**
 * A terminal's batches as the acquirer keeps them: one open batch taking every approved money
 * movement (with its RRN), closed batches kept for summary and detail. Amounts are integer
 * minor units here and major-unit decimal strings on the wire, as Handpoint sends them.
 */

export interface BatchEntry {
  transactionID: string
  /** SALE, REFUND, MOTO_SALE, MOTO_REFUND, PRE_AUTHORIZATION_CAPTURE: the result's `type`. */
  transactionType: string
  rrn?: string
  amountMinor: number
  currency: string
  batchDetailElementGuid: string
  /** CLOUD, or STANDALONE for a payment taken on the terminal itself. */
  origin: 'CLOUD' | 'STANDALONE'
}

export interface ClosedInfo {
  closeBatchGuid: string
  closedAt: number
  summaryGuid: string
  detailGuid: string
}

export interface Batch {
  number: number
  entries: BatchEntry[]
  closed?: ClosedInfo
}

export class BatchBook {
  open: Batch = { number: 1, entries: [] }
  readonly closed: Batch[] = []

  find(number: number): Batch | undefined {
    return this.open.number === number ? this.open : this.closed.find((b) => b.number === number)
  }

  locate(transactionID: string): { batch: Batch; entry: BatchEntry } | undefined {
    for (const batch of [this.open, ...this.closed]) {
      const entry = batch.entries.find((e) => e.transactionID === transactionID)
      if (entry) return { batch, entry }
    }
    return undefined
  }

  /** Closes the open batch and opens the next number. */
  close(info: ClosedInfo): Batch {
    const batch = this.open
    batch.closed = info
    this.closed.push(batch)
    this.open = { number: batch.number + 1, entries: [] }
    return batch
  }

  /** Removes an entry from the open batch (reversal before close, or a test's drop). */
  remove(entry: BatchEntry): boolean {
    const index = this.open.entries.indexOf(entry)
    if (index < 0) return false
    this.open.entries.splice(index, 1)
    return true
  }
}

const NEGATIVE = new Set(['REFUND', 'MOTO_REFUND'])

/** yyyyMMddHHmmssSSS in UTC (Handpoint does not say which zone `closedAt` is in). */
export const compactTimestamp = (ms: number): string =>
  new Date(ms).toISOString().replace(/\D/g, '').slice(0, 17)
/** The issuer's "local" close time: this simulated issuer lives in UTC. */
const issuerLocal = (ms: number): string => new Date(ms).toISOString().slice(0, 19)

/**
 * One currency per batch: the currency of its first entry (EUR when empty). Entries in other
 * currencies still count in `transactionCount` but not in the net.
 */
function currencyOf(batch: Batch): string {
  return batch.entries[0]?.currency ?? 'EUR'
}

function status(batch: Batch): string {
  return batch.closed ? 'CLOSED' : 'OPEN'
}

/** The 200 of POST /batch/close: `customFields.entry` is one object here. */
export function closeAnswer(batch: Batch, customerReference: unknown): Record<string, unknown> {
  const closed = batch.closed!
  return {
    batchNumber: String(batch.number),
    batchStatus: 'CLOSED',
    closeBatchGuid: closed.closeBatchGuid,
    closedAt: compactTimestamp(closed.closedAt),
    customFields: {
      entry: { key: 'issuerBatchCloseLocalTimestamp', value: issuerLocal(closed.closedAt) },
    },
    customerReference: customerReference ?? {},
    httpStatus: '200',
    issuerResponseCode: '00',
    issuerResponseText: 'ACCEPTED',
  }
}

/** The 200 of POST /batch/summary: `customFields.entry` is a list here. */
export function summaryAnswer(
  batch: Batch,
  customerReference: unknown,
  guid: string,
): Record<string, unknown> {
  const currency = currencyOf(batch)
  let net = 0
  for (const entry of batch.entries) {
    if (entry.currency !== currency) continue
    net += NEGATIVE.has(entry.transactionType) ? -entry.amountMinor : entry.amountMinor
  }
  const refunds = batch.entries.filter((e) => NEGATIVE.has(e.transactionType)).length
  const entry = [
    { key: 'salesCount', value: String(batch.entries.length - refunds) },
    { key: 'refundsCount', value: String(refunds) },
    ...(batch.closed
      ? [{ key: 'issuerBatchCloseLocalTimestamp', value: issuerLocal(batch.closed.closedAt) }]
      : []),
  ]
  return {
    batchNumber: String(batch.number),
    batchStatus: status(batch),
    batchSummaryGuid: batch.closed?.summaryGuid ?? guid,
    customFields: { entry },
    ...(customerReference !== undefined ? { customerReference } : {}),
    httpStatus: '200',
    issuerResponseCode: '00',
    issuerResponseText: 'DATA RETRIEVED',
    netAmount: formatMajor(net, currency),
    transactionCount: String(batch.entries.length),
  }
}

/** The 200 of POST /batch/detail: no GUID, brand, currency or tip on a line. */
export function detailAnswer(
  batch: Batch,
  rrn: string | undefined,
  customerReference: unknown,
  guid: string,
): Record<string, unknown> {
  const lines = batch.entries.filter((e) => rrn === undefined || e.rrn === rrn)
  return {
    httpStatus: '200',
    batchNumber: String(batch.number),
    ...(batch.closed ? { closedAt: compactTimestamp(batch.closed.closedAt) } : {}),
    ...(customerReference !== undefined ? { customerReference } : {}),
    issuerResponseCode: '00',
    issuerResponseText: 'Batch detail retrieved',
    details: lines.map((e) => ({
      transactionType: e.transactionType,
      ...(e.rrn ? { retrievalReferenceNumber: e.rrn } : {}),
      amount: formatMajor(e.amountMinor, e.currency),
      batchDetailElementGuid: e.batchDetailElementGuid,
    })),
    batchDetailGuid: batch.closed?.detailGuid ?? guid,
    batchStatus: status(batch),
  }
}
