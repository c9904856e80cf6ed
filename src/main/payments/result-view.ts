import { z } from 'zod'
import type { PaymentResultView } from '@shared/contract/payments.contract'
import { maskCardNumbers } from '@shared/text/mask-pan'
import type { TransactionResult } from '../handpoint/types'

/**
 * A TransactionResult from a callback body (a trust boundary: anyone who reaches the port can
 * send anything) or from the client. Tolerant: only `finStatus` is required, unknown fields are
 * dropped when the view is built.
 */
export const transactionResultSchema = z
  .object({
    finStatus: z.string().min(1).max(40),
    type: z.string().max(64).optional(),
    transactionID: z.string().max(128).optional(),
    transactionReference: z.string().max(128).optional(),
    deviceStatus: z
      .record(z.string(), z.unknown())
      .nullish()
      .transform((d) =>
        d ? Object.fromEntries(Object.entries(d).map(([k, v]) => [k, String(v)])) : undefined,
      ),
  })
  .passthrough()

const text = (value: unknown, max = 4096): string | undefined =>
  typeof value === 'string' && value !== '' ? value.slice(0, max) : undefined

const freeText = (value: unknown): string | undefined => {
  const kept = text(value, 512)
  return kept === undefined ? undefined : maskCardNumbers(kept)
}

const minor = (value: unknown): string | undefined =>
  typeof value === 'number' && Number.isFinite(value)
    ? String(Math.trunc(value))
    : typeof value === 'string' && /^-?\d{1,15}$/.test(value)
      ? value
      : undefined

/**
 * Keeps only the last four digits of whatever mask the terminal used ("476173******0010" becomes
 * "************0010"), so no card number beyond the last four is ever stored.
 */
export function maskCardNumber(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined
  const digits = value.replace(/\D/g, '')
  if (digits.length === 0) return value.slice(0, 32)
  const lastFour = digits.slice(-4)
  return `${'*'.repeat(Math.max(0, Math.min(value.length, 19) - 4))}${lastFour}`
}

/** The stored and displayed view of a result: never `unMaskedPan`, never a full card number. */
export function toResultView(r: TransactionResult): PaymentResultView {
  const view: PaymentResultView = { finStatus: String(r.finStatus) }
  const set = <K extends keyof PaymentResultView>(key: K, value: PaymentResultView[K]): void => {
    if (value !== undefined) view[key] = value
  }
  set('type', text(r.type, 64))
  set('transactionId', text(r.transactionID ?? r.efttransactionID, 128))
  set('totalAmountMinor', minor(r.totalAmount))
  set('requestedAmountMinor', minor(r.requestedAmount))
  set('dueAmountMinor', minor(r.dueAmount))
  set('tipAmountMinor', minor(r.tipAmount))
  set('currency', text(r.currency, 3))
  set('maskedCardNumber', maskCardNumber(r.maskedCardNumber))
  set('cardSchemeName', text(r.cardSchemeName, 64))
  set('cardEntryType', text(r.cardEntryType, 32))
  set('verificationMethod', text(r.verificationMethod, 32))
  set('authorisationCode', text(r.authorisationCode, 32))
  set('issuerResponseCode', text(r.issuerResponseCode, 8))
  // The client masks card numbers at ingest; a callback body comes here without it.
  set('statusMessage', freeText(r.statusMessage))
  set('errorMessage', freeText(r.errorMessage))
  set('customerReceipt', text(r.customerReceipt, 256 * 1024))
  set('merchantReceipt', text(r.merchantReceipt, 256 * 1024))
  set('signatureUrl', text(r.signatureUrl, 256 * 1024))
  set('rrn', text(r.rrn, 64))
  set('batchNumber', text(r.batchNumber, 32))
  if (typeof r.efttimestamp === 'number' || typeof r.efttimestamp === 'string') {
    view.efttimestamp = r.efttimestamp
  }
  if (typeof r.recoveredTransaction === 'boolean')
    view.recoveredTransaction = r.recoveredTransaction
  return view
}

/** Fills fields the first view lacked (a status answer has no receipts; a late callback has). */
export function mergeMissing(
  first: PaymentResultView,
  later: PaymentResultView,
): PaymentResultView | undefined {
  let changed = false
  const merged: PaymentResultView = { ...first }
  for (const key of Object.keys(later) as (keyof PaymentResultView)[]) {
    if (merged[key] === undefined && later[key] !== undefined) {
      ;(merged as unknown as Record<string, unknown>)[key] = later[key]
      changed = true
    }
  }
  return changed ? merged : undefined
}
