import { z } from 'zod'
import type { Message } from '../messages'
import { checkMinorAmount, type MinorAmountProblem } from '../money'
import { OPERATIONS } from '../operations/catalogue'
import { event, operation } from './define'
import { managerPin } from './money.contract'
import {
  OPERATION_KINDS,
  type OperationKind,
  type PaymentPhase,
  type PaymentState,
} from './payments.values'

export * from './payments.values'

/**
 * Payments over the contract. The engine (src/main/payments) implements these; the checkout UI
 * consumes them. Amounts cross the bridge both ways as integer minor units in a digit string
 * ("1234" = 12.34 EUR) with their ISO 4217 currency: the keyboard converts once, nothing after.
 * Main tells people things as codes with parameters (src/shared/messages), never in sentences.
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
  /** Retrieval reference number: how the day close matches a batch line to this payment. */
  rrn?: string
  /** The acquirer batch the payment was booked in, when the acquirer says. */
  batchNumber?: string
}

/**
 * One fact in an operation's history, shown on the "outcome unknown" screen as evidence, e.g.
 * `{ at, code: 'evidence_saved_sending', params: { serial: '0821032398' } }`. Notes written in
 * words by older versions load as `legacy_note` with the sentence in `params.text`.
 */
export interface PaymentEvidence extends Message {
  at: number
}

/** Who started a payment when it was not this checkout's own window or CLI. */
export interface PaymentOrigin {
  kind: 'till'
  tillId: string
  tillName: string
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
  /** What the terminal is doing while the operation runs, e.g. `phase_waiting_for_card`. */
  phase?: PaymentPhase
  createdAt: number
  updatedAt: number
  finalAt?: number
  transactionResultId?: string
  result?: PaymentResultView
  /** Why it failed or is still open, e.g. `{ code: 'terminal_not_listening', params }`. */
  lastError?: Message
  evidence: PaymentEvidence[]
  cancelRequested?: boolean
  /** Set when a till started the payment through the till link. */
  origin?: PaymentOrigin
  /** The till's own reference for the sale (at most 64 characters). */
  tillReference?: string
  /** The key the till sent with the request (one payment per key, ever). */
  idempotencyKey?: string
}

/** What a cancel request did: `requested` and, in `code`, what to tell the cashier. */
export interface CancelAnswer extends Message {
  requested: boolean
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

const AMOUNT_PROBLEMS: Record<MinorAmountProblem, string> = {
  not_whole: 'must be a whole number of minor units, like "1234"',
  negative: 'must not be negative for this operation',
  zero: 'must be more than zero',
  too_large: 'must be less than 999999999999 minor units',
  unknown_currency: 'is in a currency Handpoint does not accept',
}

export const startPaymentRequest = z
  .object({
    merchantId: z.string().min(1),
    terminalSerial: z.string().min(1),
    operation: z.enum(OPERATION_KINDS),
    /**
     * Integer minor units as a digit string ("1234" = 12.34 EUR), always with `currency`. A
     * leading "-" only where the operation takes a signed amount (a pre-authorisation decrease).
     */
    amountMinor: z.string().max(16).optional(),
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
    /**
     * The manager PIN, for a refund or reversal above the merchant's ceiling. Checked in main
     * against its hash, then dropped: never stored with the payment, never logged.
     */
    managerPin: managerPin.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.amountMinor === undefined) return
    if (r.currency === undefined) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'is required with an amount' })
      return
    }
    const signed = OPERATIONS[r.operation].signedAmount
    const problem = checkMinorAmount(r.amountMinor, r.currency, { signed })
    if (problem) {
      const path = problem === 'unknown_currency' ? 'currency' : 'amountMinor'
      ctx.addIssue({ code: 'custom', path: [path], message: AMOUNT_PROBLEMS[problem] })
    }
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
  cancelPayment: operation<CancelAnswer>()(
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
