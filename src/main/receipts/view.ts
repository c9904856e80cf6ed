import {
  AppError,
  type PaperWidthMm,
  type PaymentReceipts,
  type ReceiptCopy,
  type ReceiptCopyView,
} from '@shared/contract'
import { PrintError } from './ports'
import { buildPrintDocument } from './print-document'
import { sanitiseReceiptHtml } from './sanitise'
import type { CopyMeta, ReceiptMeta, ReceiptStore } from './store'

/** What the UI sees of an operation's receipts, and the sentences for what went wrong. */

const COPY_WORD: Record<ReceiptCopy, string> = { customer: 'customer', merchant: 'merchant' }

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

export function notStored(p: CopyMeta, copy: ReceiptCopy): AppError {
  const word = COPY_WORD[copy]
  if (p.status === 'none') {
    return new AppError('no-receipt', `This payment has no ${word} receipt to print.`)
  }
  if (p.status === 'pending') {
    return new AppError(
      'receipt-pending',
      `The ${word} receipt is still being fetched; try again in a moment.`,
    )
  }
  return new AppError(
    'receipt-not-stored',
    `The ${word} receipt is not stored: ${p.reason ?? 'it could not be fetched.'} ` +
      'Retry fetching it, or print it on the terminal.',
  )
}

export function toPrintAppError(err: unknown, copy: ReceiptCopy): AppError {
  if (err instanceof AppError) return err
  const detail = err instanceof Error ? err.message : String(err)
  const code = err instanceof PrintError ? err.code : 'print-failed'
  return new AppError(
    code,
    `The ${COPY_WORD[copy]} receipt did not print: ${detail} Check the printer (power, paper, ` +
      'cable) and print again, or save it as a PDF.',
  )
}
