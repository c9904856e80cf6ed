import type { BatchApi } from './batch-types'
import type { DeviceApi, DeviceStatus } from './device-types'

/**
 * The client's public shape. The payment engine, merchants and receipts code against these types
 * only; `client.ts` implements them over axios, the simulator speaks the same wire format.
 * Wire facts: docs/handpoint-api.md (§ numbers below refer to it).
 */

/** Where a merchant's key lives (§1). `custom` = a relay or test server. */
export type HandpointEnvironment = 'production' | 'development' | 'simulator' | 'custom'

export interface ClientConfig {
  /** Cloud host: https://cloud.handpoint.com | .io | simulator | custom. No trailing slash. */
  apiBaseUrl: string
  /** Status-by-reference host: https://transactions.handpoint.com | .io | simulator | custom. */
  statusBaseUrl: string
  apiKey: string
  /** Per-request timeout (ms); every call has one. Default 15 000. */
  timeoutMs?: number
  /** GET retries (POSTs are never retried). Defaults: 3 attempts, 250 ms base, 4 s cap. */
  retry?: {
    maxAttempts?: number
    baseDelayMs?: number
    maxDelayMs?: number
    /** A longer Retry-After is not waited for inside the call: the error reaches the caller. */
    maxRetryAfterMs?: number
  }
  /** Injectable for tests: how to wait between GET attempts. */
  sleep?: (ms: number) => Promise<void>
  /** Injectable for tests: jitter source in [0, 1). */
  random?: () => number
  /** Injectable for tests: wall clock for Retry-After dates. */
  now?: () => number
}

/** The 19 `operation` values of REST API 2.15/2.17 (§4.3). */
export const OPERATION_TYPES = [
  'sale',
  'refund',
  'refundReversal',
  'saleReversal',
  'saleAndTokenizeCard',
  'tokenizeCard',
  'printReceipt',
  'update',
  'cardPan',
  'pingDevice',
  'stopCurrentTransaction',
  'moToSale',
  'moToRefund',
  'moToReversal',
  'moToPreAuthorization',
  'preAuthorization',
  'preAuthorizationIncrease',
  'preAuthorizationCapture',
  'preAuthorizationReversal',
] as const
export type OperationType = (typeof OPERATION_TYPES)[number]

/** finStatus values (§4.3), including the status-endpoint-only ones. */
export type FinStatus =
  | 'UNDEFINED'
  | 'AUTHORISED'
  | 'DECLINED'
  | 'PROCESSED'
  | 'FAILED'
  | 'CANCELLED'
  | 'PARTIAL_APPROVAL'
  | 'IN_PROGRESS'
  | 'REFUNDED'
  | 'CAPTURED'

/** One terminal from GET /initialize (or /devices) (§2.1, §4.5). */
export interface Device {
  serialNumber: string
  terminalType: string
  merchantIdAlpha?: string
}

export interface TipConfiguration {
  baseAmount?: string
  headerName?: string
  tipPercentages: number[]
  enterAmountEnabled?: boolean
  skipEnabled?: boolean
  footer?: string
}

/**
 * What the engine asks the client to send (camelCase; the client maps to the wire's mixed
 * snake/camel keys). `amountMinor` is a string of digits in minor units (§6 amount rules).
 */
export interface TransactionInput {
  operation: OperationType
  serialNumber: string
  terminalType: string
  amountMinor?: string
  currency?: string
  originalTransactionId?: string
  transactionReference?: string
  customerReference?: string
  /** HTML or URL, for printReceipt. */
  receipt?: string
  callback?: { url: string; token: string }
  tipConfiguration?: TipConfiguration
  bypassOptions?: { pinBypass?: boolean; signatureBypass?: boolean }
  merchantAuth?: {
    acquirer?: string
    mid?: string
    tid?: string
    mcc?: string
    externalId?: string
  }[]
  /** Default true on the wire; the engine always keeps it on. */
  duplicateCheck?: boolean
  metadata?: Partial<
    Record<'metadata1' | 'metadata2' | 'metadata3' | 'metadata4' | 'metadata5', string>
  >
  moneyRemittanceOptions?: { fullName: string; countryCode: string }
}

/** The 202 body (§2.2): no transactionResultId in callback mode. */
export interface Accepted {
  transactionResultId?: string
  statusMessage: string
  transactionReference?: string
}

/**
 * A TransactionResult (§4.2) after tolerant parsing: unknown fields kept in `raw`-free form,
 * `unMaskedPan` removed. Amounts are numbers of minor units as on the wire.
 */
export interface TransactionResult {
  finStatus: FinStatus | (string & {})
  type?: string
  transactionID?: string
  efttransactionID?: string
  transactionReference?: string
  originalEFTTransactionID?: string
  requestedAmount?: number
  totalAmount?: number
  dueAmount?: number
  tipAmount?: number
  currency?: string
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
  customerReference?: string
  cardToken?: string
  recoveredTransaction?: boolean
  efttimestamp?: number | string
  /** Retrieval reference number: what batch details match on. */
  rrn?: string
  /** 2.23.1+, when the acquirer returns it. */
  batchNumber?: string
  /** "CLOUD"; "STANDALONE" for an operation started on the terminal itself. */
  transactionOrigin?: string
  /** Every value a string; `readDeviceHealth` types it. */
  deviceStatus?: DeviceStatus
  [field: string]: unknown
}

export type PollOutcome =
  { kind: 'in-progress' } | { kind: 'final'; result: TransactionResult } | { kind: 'not-found' }

export type StatusSelector = 'all' | 'first' | 'last' | number

/** Typed failure kinds the UI can word (see errors.ts for messages). */
export type HandpointErrorKind =
  | 'terminal-busy' // 400 / 1001
  | 'terminal-offline' // 400 / 1002
  | 'cancel-not-allowed' // 400 / 1003
  | 'terminal-not-assigned' // 400 / 1004
  | 'bad-request' // other 400 (plain string message)
  | 'unauthorized' // 401 (status host: key does not own the reference)
  | 'forbidden' // 403 bad key
  | 'not-found' // 404
  | 'validation' // 422, with field paths
  | 'rate-limited' // 429, retryAfterMs when given
  | 'server' // 5xx
  | 'network' // connection refused/reset, DNS
  | 'timeout' // no answer within timeoutMs
  | 'malformed-response' // body did not match the documented shape
  | 'invalid-input' // refused before any request (amount, currency, missing field)
  | 'batch-number-required' // 422 on /batch/close: this acquirer wants the batchNumber

export interface HandpointClient {
  /** GET /initialize (falls back to /devices on 404). */
  listDevices(): Promise<Device[]>
  /** POST /transactions. Never retried: an ambiguous failure is thrown with `ambiguous: true`. */
  startTransaction(input: TransactionInput): Promise<Accepted>
  /** GET /transaction-result/{id}: 204 in-progress, 200 final, 404 not-found. */
  getTransactionResult(transactionResultId: string): Promise<PollOutcome>
  /** GET {status host}/transactions/{ref}/status[/selector]. `all` returns an array. */
  getStatusByReference(reference: string): Promise<TransactionResult>
  getStatusChain(reference: string, selector: StatusSelector): Promise<TransactionResult[]>
  /** POST /transactions/{guid}/tip-adjustment with a major-unit amount string. */
  adjustTip(transactionId: string, amountMajor: string): Promise<void>
}

/**
 * Everything `createHandpointClient` offers: the payment engine's `HandpointClient` plus the
 * day-close (batch, status chain) and device (ping, commands) calls.
 */
export interface HandpointCloudClient extends HandpointClient, BatchApi, DeviceApi {}
