import { z } from 'zod'
import type { Message } from '../messages'
import { event, operation } from './define'

/**
 * Receipts over the contract: the receipts service (src/main/receipts) keeps a local copy of each
 * operation's merchant and customer receipt, renders previews and prints them; the checkout UI
 * shows the status and the preview and offers print, reprint, PDF and "print on the terminal".
 */

export const RECEIPT_COPIES = ['customer', 'merchant'] as const
export type ReceiptCopy = (typeof RECEIPT_COPIES)[number]

/** Thermal roll widths we lay receipts out for. */
export const PAPER_WIDTHS_MM = [58, 80] as const
export type PaperWidthMm = (typeof PAPER_WIDTHS_MM)[number]

/**
 * - `none`: the result carried no receipt (declined before the card, unknown outcome, ...).
 * - `pending`: a fetch is under way or scheduled.
 * - `stored`: a local copy exists; prints and previews use it, online or not.
 * - `failed`: fetching failed; `reason` says why (a code) and `nextAttemptAt` when we try again
 *   (if at all).
 */
export type ReceiptStatus = 'none' | 'pending' | 'stored' | 'failed'

export interface ReceiptCopyView {
  copy: ReceiptCopy
  status: ReceiptStatus
  /** Where the receipt came from: a hosted URL or HTML carried inline in the result. */
  source: 'url' | 'inline' | 'none'
  /** Why, when status is `failed`. */
  reason?: Message
  attempts: number
  /** Epoch ms of the next automatic retry; absent when none is scheduled. */
  nextAttemptAt?: number
  storedAt?: number
  /** How many times it went to a printer from this app. */
  printedCount: number
  /**
   * Sanitised HTML (no scripts, no event handlers, no external loads) wrapped in the print
   * stylesheet at the chosen paper width. Only ever rendered in a sandboxed iframe.
   */
  previewHtml?: string
}

export interface PaymentReceipts {
  paymentId: string
  transactionId?: string
  finStatus?: string
  customer: ReceiptCopyView
  merchant: ReceiptCopyView
  signature: { status: ReceiptStatus; reason?: Message }
  /** The policy said "ask" for the customer copy and nobody has answered yet. */
  askCustomerCopy: boolean
  /** The last automatic or manual print error. */
  lastPrintError?: Message
}

export const CUSTOMER_POLICIES = ['always', 'ask', 'never'] as const
export const MERCHANT_POLICIES = ['always', 'on-signature', 'never'] as const

const printSettingsFields = {
  /** System printer name (`deviceName`); empty = the system default printer. */
  printerName: z.string().max(256),
  paperWidthMm: z.union([z.literal(58), z.literal(80)]),
  copies: z.number().int().min(1).max(5),
  customerCopy: z.enum(CUSTOMER_POLICIES),
  merchantCopy: z.enum(MERCHANT_POLICIES),
  /** Print receipts of declined, failed or cancelled operations too. */
  printDeclined: z.boolean(),
}

/** Per-checkout printing settings; the defaults are what a fresh install uses. */
export const printSettingsSchema = z.object({
  printerName: printSettingsFields.printerName.default(''),
  paperWidthMm: printSettingsFields.paperWidthMm.default(80),
  copies: printSettingsFields.copies.default(1),
  customerCopy: printSettingsFields.customerCopy.default('ask'),
  merchantCopy: printSettingsFields.merchantCopy.default('on-signature'),
  printDeclined: printSettingsFields.printDeclined.default(false),
})
/** A change to some settings; the rest stay as they are. */
export const printSettingsPatch = z.object(printSettingsFields).partial().strict()
export type PrintSettings = z.output<typeof printSettingsSchema>

/** The print operation started on the terminal (`paymentId`), and what to tell the cashier. */
export interface TerminalPrintAnswer extends Message {
  paymentId: string
}

export interface PrinterInfo {
  /** System name: what `deviceName` must be. */
  name: string
  displayName: string
  isDefault: boolean
}

export interface ReceiptPdf {
  fileName: string
  /** PDF bytes, base64. */
  base64: string
}

const paymentId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'A payment id is letters, digits, - and _ only')
const copy = z.enum(RECEIPT_COPIES)

export const receiptOperations = {
  getReceipts: operation<PaymentReceipts>()(z.object({ paymentId })),
  printReceipt: operation<{ printed: true; markedAsCopy: boolean }>()(
    z.object({ paymentId, copy, reprint: z.boolean().optional() }),
  ),
  saveReceiptPdf: operation<ReceiptPdf>()(
    z.object({ paymentId, copy, reprint: z.boolean().optional() }),
  ),
  printReceiptOnTerminal: operation<TerminalPrintAnswer>()(z.object({ paymentId, copy })),
  answerCustomerCopy: operation<PaymentReceipts>()(z.object({ paymentId, print: z.boolean() })),
  retryReceiptFetch: operation<PaymentReceipts>()(z.object({ paymentId })),
  listPrinters: operation<PrinterInfo[]>()(z.undefined()),
  getPrintSettings: operation<PrintSettings>()(z.undefined()),
  setPrintSettings: operation<PrintSettings>()(printSettingsPatch),
}

export const receiptEvents = {
  onReceiptsChanged: event<PaymentReceipts>(),
}
