import type { PaymentRecord } from '@shared/contract/payments.contract'
import type { DayPayment } from './records'

/** A receipt's standing as the receipts status table keeps it (see the payment store). */
export interface ReceiptStanding {
  state: 'expected' | 'stored' | 'printed' | 'failed' | 'none'
  updatedAt: number
}

/** A receipt still not fetched this long after the result is counted as missing. */
export const RECEIPT_GRACE_MS = 10 * 60_000

/** The journal's record as the day report reads it: amounts as safe integers of minor units. */
export function toDayPayment(
  record: PaymentRecord,
  receipts: readonly ReceiptStanding[] = [],
  now = Date.now(),
): DayPayment {
  const result = record.result
  const p: DayPayment = {
    id: record.id,
    terminalSerial: record.terminalSerial,
    terminalType: record.terminalType,
    operation: record.operation,
    state: record.state,
    createdAt: record.createdAt,
    transactionReference: record.transactionReference,
  }
  set(p, 'currency', result?.currency || record.currency)
  set(p, 'amountMinor', minor(record.amountMinor))
  set(p, 'totalMinor', minor(result?.totalAmountMinor))
  set(p, 'tipMinor', minor(result?.tipAmountMinor))
  set(p, 'transactionId', result?.transactionId)
  set(p, 'originalTransactionId', record.originalTransactionId)
  set(p, 'rrn', result?.rrn)
  set(p, 'batchNumber', result?.batchNumber)
  set(p, 'cardSchemeName', result?.cardSchemeName)
  set(p, 'cardEntryType', result?.cardEntryType)
  if (receiptMissing(record, receipts, now)) p.receiptMissing = true
  return p
}

/**
 * Missing: a copy whose fetching gave up, or that has not come well after the result did. A
 * payment without receipt rows (older than the receipts table) is not called missing.
 */
function receiptMissing(
  record: PaymentRecord,
  receipts: readonly ReceiptStanding[],
  now: number,
): boolean {
  if (record.state !== 'approved' && record.state !== 'partial') return false
  return receipts.some(
    (r) => r.state === 'failed' || (r.state === 'expected' && now - r.updatedAt > RECEIPT_GRACE_MS),
  )
}

function minor(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') return undefined
  const n = typeof value === 'number' ? value : /^-?\d{1,16}$/.test(value) ? Number(value) : NaN
  return Number.isSafeInteger(n) ? n : undefined
}

function set<K extends keyof DayPayment>(
  p: DayPayment,
  key: K,
  value: DayPayment[K] | undefined,
): void {
  if (value !== undefined && value !== '') p[key] = value
}
