import {
  AppError,
  type PaperWidthMm,
  type PaymentReceipts,
  type ReceiptCopy,
  type ReceiptCopyView,
} from '@shared/contract'
import { msg } from '@shared/messages'
import { PrintError } from './ports'
import { buildPrintDocument } from './print-document'
import { sanitiseReceiptHtml } from './sanitise'
import type { CopyMeta, ReceiptMeta, ReceiptStore } from './store'

/** What the UI sees of an operation's receipts, and the codes for what went wrong. */

/** The receipts of one operation as the UI shows them, previews at the roll width. */
export async function buildReceiptsView(
  meta: ReceiptMeta,
  store: ReceiptStore,
  paperWidthMm: PaperWidthMm,
): Promise<PaymentReceipts> {
  const copyView = async (copy: ReceiptCopy): Promise<ReceiptCopyView> => {
    const p = meta[copy]
    const view: ReceiptCopyView = {
      copy,
      status: p.status,
      source: p.source,
      attempts: p.attempts,
      printedCount: p.printedCount,
    }
    if (p.reason) view.reason = p.reason
    if (p.nextAttemptAt) view.nextAttemptAt = p.nextAttemptAt
    if (p.storedAt) view.storedAt = p.storedAt
    const raw = p.status === 'stored' ? await store.readPart(meta.paymentId, copy) : undefined
    if (raw !== undefined) {
      const signature =
        copy === 'merchant' ? await store.readPart(meta.paymentId, 'signature') : undefined
      view.previewHtml = buildPrintDocument(sanitiseReceiptHtml(raw), {
        paperWidthMm: paperWidthMm,
        ...(signature ? { signatureDataUrl: signature } : {}),
      })
    }
    return view
  }
  const out: PaymentReceipts = {
    paymentId: meta.paymentId,
    customer: await copyView('customer'),
    merchant: await copyView('merchant'),
    signature: { status: meta.signature.status },
    askCustomerCopy: meta.askCustomerCopy,
  }
  if (meta.signature.reason) out.signature.reason = meta.signature.reason
  if (meta.transactionId) out.transactionId = meta.transactionId
  if (meta.finStatus) out.finStatus = meta.finStatus
  if (meta.lastPrintError) out.lastPrintError = meta.lastPrintError
  return out
}

/** Why a copy cannot be printed or saved; the view's `reason` says why a fetch failed. */
export function notStored(p: CopyMeta, copy: ReceiptCopy): AppError {
  if (p.status === 'none') return new AppError(msg('no_receipt', { copy }))
  if (p.status === 'pending') return new AppError(msg('receipt_pending', { copy }))
  return new AppError(msg('receipt_not_stored', { copy }))
}

/** A failed print as an AppError; the printer's own words go to `details` for the logs. */
export function toPrintAppError(err: unknown, copy: ReceiptCopy, printer: string): AppError {
  if (err instanceof AppError) return err
  const detail = { detail: err instanceof Error ? err.message : String(err) }
  if (err instanceof PrintError && err.code === 'printer-missing') {
    return new AppError(msg('printer_missing', { printer }), detail)
  }
  if (err instanceof PrintError && err.code === 'print-cancelled') {
    return new AppError(msg('print_cancelled', { copy }), detail)
  }
  return new AppError(msg('print_failed', { copy }), detail)
}
