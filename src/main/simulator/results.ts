import type { OperationType, TransactionResult } from '../handpoint/types'
import { hundredthsOfMajor } from './currencies'
import type { Rng } from './rng'
import type { TxRecord } from './store'
import { FINANCIAL, isMoto, needsCard } from './terminal'
import type { TerminalBehaviour } from './types'

/** What happened, before it is dressed as a TransactionResult (§4.2). */
export interface Outcome {
  finStatus: string
  issuerResponseCode: string
  statusMessage: string
  errorMessage: string
  /** Charged amount in minor units when it differs from the request (partial approval). */
  totalAmount?: number
  /** The result's `type` when it is not the operation's own (a void processed as a refund). */
  type?: string
}

const approved = (finStatus = 'AUTHORISED'): Outcome => ({
  finStatus,
  issuerResponseCode: finStatus === 'PROCESSED' ? '' : '00',
  statusMessage:
    finStatus === 'PROCESSED' ? 'Operation completed' : 'Approved or completed successfully',
  errorMessage: '',
})
const declined = (code: string, text: string): Outcome => ({
  finStatus: 'DECLINED',
  issuerResponseCode: code,
  statusMessage: text,
  errorMessage: '',
})
export const failed = (text: string): Outcome => ({
  finStatus: 'FAILED',
  issuerResponseCode: '',
  statusMessage: text,
  errorMessage: text,
})
export const cancelled = (): Outcome => ({
  finStatus: 'CANCELLED',
  issuerResponseCode: '',
  statusMessage: 'Transaction cancelled',
  errorMessage: '',
})

const TYPES: Record<OperationType, string> = {
  sale: 'SALE',
  saleAndTokenizeCard: 'SALE',
  refund: 'REFUND',
  saleReversal: 'VOID_SALE',
  refundReversal: 'VOID_REFUND',
  tokenizeCard: 'TOKENIZE_CARD',
  cardPan: 'CARD_PAN',
  printReceipt: 'UNDEFINED',
  update: 'UNDEFINED',
  pingDevice: 'UNDEFINED',
  stopCurrentTransaction: 'CANCEL_TRX',
  moToSale: 'MOTO_SALE',
  moToRefund: 'MOTO_REFUND',
  moToReversal: 'MOTO_REVERSAL',
  preAuthorization: 'PRE_AUTHORIZATION',
  moToPreAuthorization: 'PRE_AUTHORIZATION',
  preAuthorizationIncrease: 'PRE_AUTHORIZATION_INCREASE',
  preAuthorizationCapture: 'PRE_AUTHORIZATION_CAPTURE',
  preAuthorizationReversal: 'REVERSAL',
}

const REVERSAL_OPS: ReadonlySet<OperationType> = new Set<OperationType>([
  'refundReversal',
  'moToReversal',
  'preAuthorizationReversal',
])

/** Sandbox trigger amounts in hundredths of the major unit (§6). */
export const TRIGGER = {
  refer: 3779,
  notAuthorised: 3784,
  pickUp: 3793,
  partial: 3757,
  timeout: 3768,
  failed: 3741,
}

export function triggerOf(record: TxRecord): number | undefined {
  const { amount, currency } = record.request
  if (amount === undefined || currency === undefined) return undefined
  return hundredthsOfMajor(Math.abs(Number(amount)), currency)
}

/**
 * The outcome of an operation that ran to the end (not cancelled, not timed out at the card).
 * `originalBatchedOut`: the original's batch is closed (see ledger.ts): a sale reversal then
 * goes through as a refund, and the other reversals are declined.
 */
export function decideOutcome(
  record: TxRecord,
  original: TxRecord | undefined,
  siblings: TxRecord[],
  originalBatchedOut = false,
): Outcome {
  const operation = record.request.operation
  if (['printReceipt', 'tokenizeCard', 'cardPan', 'pingDevice', 'update'].includes(operation))
    return approved('PROCESSED')
  if (record.request.originalTransactionId) {
    const originalStatus = original?.gatewayResult?.finStatus
    if (!original) return failed('Original transaction not found')
    if (
      originalStatus !== 'AUTHORISED' &&
      originalStatus !== 'CAPTURED' &&
      originalStatus !== 'PARTIAL_APPROVAL'
    ) {
      return declined('12', 'Invalid transaction')
    }
    const alreadyCaptured = siblings.some(
      (r) =>
        r !== record &&
        r.request.operation === 'preAuthorizationCapture' &&
        r.gatewayResult?.finStatus === 'CAPTURED',
    )
    if (operation === 'preAuthorizationCapture' && alreadyCaptured)
      return declined('12', 'Pre-authorization already captured')
    if (originalBatchedOut && operation === 'saleReversal') return { ...approved(), type: 'REFUND' }
    if (originalBatchedOut && REVERSAL_OPS.has(operation))
      return declined('12', 'Original transaction already batched out')
  }
  switch (triggerOf(record)) {
    case TRIGGER.refer:
      return declined('01', 'Refer to card issuer')
    case TRIGGER.notAuthorised:
      return declined('05', 'Not authorised')
    case TRIGGER.pickUp:
      return declined('04', 'Pick up card')
    case TRIGGER.failed:
      return failed('Processing error')
    case TRIGGER.timeout:
      return failed('Request timeout: no answer from the host')
    case TRIGGER.partial: {
      const requested = Number(record.request.amount)
      return {
        ...approved('PARTIAL_APPROVAL'),
        statusMessage: 'Partial approval',
        totalAmount: Math.floor((requested * 6) / 10),
      }
    }
  }
  return approved(operation === 'preAuthorizationCapture' ? 'CAPTURED' : 'AUTHORISED')
}

const CARDS = [
  { scheme: 'Visa', last4: '0936', aid: 'A0000000031010', label: 'VISA CREDIT', tender: 'CREDIT' },
  {
    scheme: 'MasterCard',
    last4: '4415',
    aid: 'A0000000041010',
    label: 'MASTERCARD',
    tender: 'CREDIT',
  },
  { scheme: 'Maestro', last4: '7812', aid: 'A0000000043060', label: 'MAESTRO', tender: 'DEBIT' },
]

export interface BuildInput {
  record: TxRecord
  original: TxRecord | undefined
  outcome: Outcome
  /** False when the operation ended before a card was read (cancel, card timeout). */
  cardRead: boolean
  behaviour: TerminalBehaviour
  merchantName: string
  now: number
  rng: Rng
  /** The terminal's own deviceStatus (battery, app version). */
  deviceStatus: Record<string, string>
  /** pingDevice with returnDeviceInfo: the device info object (shape undocumented). */
  deviceInfo?: Record<string, string>
  receiptUrl: (kind: 'customer' | 'merchant' | 'signature') => string
}

/** A TransactionResult shaped like the §4.2 example; receipts are URLs (see receipts.ts for HTML). */
export function buildResult(input: BuildInput): TransactionResult {
  const { record, original, outcome, behaviour, rng } = input
  const { request } = record
  const operation = request.operation
  const base = original?.terminalResult ?? original?.gatewayResult
  const readCard = needsCard(operation) || isMoto(operation)
  const reachedCard = readCard && input.cardRead
  const card = CARDS[rng.int(CARDS.length)] ?? CARDS[0]!
  const masked = reachedCard ? `************${card.last4}` : (base?.maskedCardNumber ?? '')
  const moto = isMoto(operation)
  const ok = ['AUTHORISED', 'CAPTURED', 'PARTIAL_APPROVAL', 'PROCESSED'].includes(outcome.finStatus)
  const requested = request.amount === undefined ? 0 : Number(request.amount)
  const total = outcome.totalAmount ?? (ok && FINANCIAL.has(operation) ? requested : 0)
  const verification =
    !reachedCard || moto
      ? 'NOT_REQUIRED'
      : behaviour === 'pin'
        ? 'PIN'
        : behaviour === 'signature'
          ? 'SIGNATURE'
          : 'NOT_REQUIRED'
  const tokenize =
    operation === 'saleAndTokenizeCard' || operation === 'tokenizeCard' || request.tokenize === true
  const hasReceipts =
    FINANCIAL.has(operation) &&
    outcome.finStatus !== 'CANCELLED' &&
    (reachedCard || base !== undefined)
  return {
    aid: reachedCard && !moto ? card.aid : '',
    arc: ok ? '0000' : outcome.finStatus === 'DECLINED' ? '1000' : '',
    authorisationCode: ok && FINANCIAL.has(operation) ? String(100000 + rng.int(900000)) : '',
    balance: null,
    batchNumber: '1',
    budgetNumber: '',
    cardEntryType: moto ? 'CNP' : reachedCard ? 'ICC' : (base?.cardEntryType ?? 'UNDEFINED'),
    cardHolderName: '',
    cardLanguagePreference: '',
    cardSchemeName: reachedCard ? card.scheme : (base?.cardSchemeName ?? ''),
    cardToken: tokenize && ok ? `tok_${rng.int(1e9).toString(36)}${rng.int(1e9).toString(36)}` : '',
    cardTypeId: masked,
    chipTransactionReport: '',
    currency: request.currency ?? '',
    customData: '',
    customerReceipt: hasReceipts ? input.receiptUrl('customer') : '',
    customerReference: request.customerReference ?? '',
    deviceStatus: input.deviceStatus,
    ...(input.deviceInfo ? { deviceInfo: input.deviceInfo } : {}),
    dueAmount: outcome.finStatus === 'PARTIAL_APPROVAL' ? requested - total : 0,
    errorMessage: outcome.errorMessage,
    expiryDateMMYY: masked ? '1029' : '',
    finStatus: outcome.finStatus,
    iad: reachedCard && !moto ? '06011203A00000' : '',
    issuerResponseCode: outcome.issuerResponseCode,
    maskedCardNumber: masked,
    merchantAddress: 'Demo Street 1, Reykjavik',
    merchantName: input.merchantName,
    merchantReceipt: hasReceipts ? input.receiptUrl('merchant') : '',
    metadata: request.metadata ?? null,
    mid: '12345678',
    moneyRemittanceOptions: request.moneyRemittanceOptions ?? null,
    multiLanguageErrorMessages: {},
    multiLanguageStatusMessages: {},
    originalEFTTransactionID: request.originalTransactionId ?? '',
    paymentScenario: moto
      ? 'MOTO'
      : reachedCard
        ? behaviour === 'normal'
          ? 'CHIPCONTACTLESS'
          : 'CHIP'
        : 'UNKNOWN',
    requestedAmount: requested,
    rrn: ok && FINANCIAL.has(operation) ? String(rng.int(1e12)).padStart(13, '0') : '',
    signatureUrl: ok && verification === 'SIGNATURE' ? input.receiptUrl('signature') : '',
    statusMessage: outcome.statusMessage,
    tenderType: reachedCard ? card.tender : 'NOT_SET',
    tid: record.serialNumber.slice(-8),
    tipAmount: 0,
    totalAmount: total,
    transactionID: record.transactionID,
    transactionOrigin: 'CLOUD',
    transactionReference: record.chainReference ?? '',
    tsi: '',
    tvr: reachedCard ? '0000000000' : '',
    type: outcome.type ?? TYPES[operation],
    unMaskedPan: operation === 'cardPan' && ok ? '6280000000000012' : '',
    verificationMethod: verification,
    efttimestamp: input.now,
    efttransactionID: record.transactionID,
    tipPercentage: 0,
    recoveredTransaction: false,
  }
}
