import { z } from 'zod'
import { event, operation } from './define'
import { OPERATION_KINDS, type OperationKind, type PaymentState } from './payments.values'

export * from './payments.values'

/**
 * Payments over the contract. The engine (src/main/payments) implements these; the checkout UI
 * consumes them. Amounts cross the bridge as major-unit strings typed by people ("12.34") and come
 * back as minor-unit strings; the shared money module converts and formats.
 */

/** What the UI may show of a result: never a full card number. */
export interface PaymentResultView {
  finStatus: string
  type?: string
  transactionId?: string
  totalAmountMinor?: string
  requestedAmountMinor?: string
  dueAmountMinor?: string
  tipAmountMinor?: string
  currency?: string
  /** e.g. "************1456"; UI shows the last four. */
  maskedCardNumber?: string
  cardSchemeName?: string
  cardEntryType?: string
  verificationMethod?: string
  authorisationCode?: string
  issuerResponseCode?: string
  statusMessage?: string
  errorMessage?: string
  customerReceipt?: string
  merchantReceipt?: string
  signatureUrl?: string
  efttimestamp?: number | string
  recoveredTransaction?: boolean
}

/** One fact in an operation's history, shown on the "outcome unknown" screen as evidence. */
export interface PaymentEvidence {
  at: number
  /** Plain sentence, e.g. "Sent to terminal 0821032398", "No answer within 15 s". */
  what: string
}

export interface PaymentRecord {
  id: string
  merchantId: string
  terminalSerial: string
  terminalType: string
  operation: OperationKind
  amountMinor?: string
  currency?: string
  originalTransactionId?: string
  transactionReference: string
  customerReference?: string
  flow: 'poll' | 'callback'
  state: PaymentState
  /** Human-readable phase hint while running, e.g. "Waiting for the card". */
  phase?: string
  createdAt: number
  updatedAt: number
  finalAt?: number
  transactionResultId?: string
  result?: PaymentResultView
  lastError?: { code: string; message: string }
  evidence: PaymentEvidence[]
  cancelRequested?: boolean
}

/** Pushed on every state change of an operation. */
export interface PaymentStatusEvent {
  record: PaymentRecord
  elapsedMs: number
  /** True only while a stopCurrentTransaction can still succeed. */
  cancelAllowed: boolean
  /** True once the operation has run longer than usual ("still waiting for the terminal"). */
  slow: boolean
}

const majorAmount = z
  .string()
  .trim()
  .regex(/^\d{1,12}([.,]\d{1,3})?$/, 'Enter an amount like 12.34')

export const startPaymentRequest = z.object({
  merchantId: z.string().min(1),
  terminalSerial: z.string().min(1),
  operation: z.enum(OPERATION_KINDS),
  /** Major units as typed ("12.34"); required for money-moving operations. */
  amount: majorAmount.optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  originalTransactionId: z.string().min(1).max(64).optional(),
  customerReference: z.string().max(25).optional(),
  /** HTML or URL for printReceipt. */
  receipt: z
    .string()
    .max(512 * 1024)
    .optional(),
  tipPercentages: z.array(z.number().int().min(0).max(100)).max(5).optional(),
  flow: z.enum(['poll', 'callback']).optional(),
  operator: z.string().max(64).optional(),
})
export type StartPaymentRequest = z.infer<typeof startPaymentRequest>

export const historyQuery = z.object({
  merchantId: z.string().optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  states: z.array(z.string()).optional(),
  amountMinor: z.string().regex(/^\d+$/).optional(),
  lastFour: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  reference: z.string().max(64).optional(),
  terminalSerial: z.string().max(32).optional(),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
})
export type HistoryQuery = z.input<typeof historyQuery>

export interface HistoryPage {
  items: PaymentRecord[]
  total: number
}

export const paymentOperations = {
  startPayment: operation<PaymentRecord>()(startPaymentRequest),
  cancelPayment: operation<{ requested: boolean; message: string }>()(
    z.object({ merchantId: z.string().min(1), terminalSerial: z.string().min(1) }),
  ),
  getPayment: operation<PaymentRecord>()(z.object({ id: z.string().min(1) })),
  listActivePayments: operation<PaymentStatusEvent[]>()(z.undefined()),
  searchHistory: operation<HistoryPage>()(historyQuery),
  resolvePayment: operation<PaymentRecord>()(z.object({ id: z.string().min(1) })),
}

export const paymentEvents = {
  onPaymentStatus: event<PaymentStatusEvent>(),
}
