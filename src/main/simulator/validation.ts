import { z } from 'zod'
import { OPERATION_TYPES, type OperationType } from '../handpoint/types'
import { isSupportedCurrency } from './currencies'
import { isUuidV4 } from './ids'

/**
 * Validation of the TransactionRequest body the way the cloud does it (§2.2, §3, §9): JSON-schema
 * violations -> 422 VALIDATION_FAILED with AJV-style `details`; semantic rules -> 400 with a plain
 * string message.
 */

const str = z.optional(z.string())
const bool = z.optional(z.boolean())

const requestSchema = z.looseObject({
  operation: z.string(),
  serial_number: z.string(),
  terminal_type: z.string(),
  amount: str,
  currency: str,
  callbackUrl: str,
  token: str,
  customerReference: str,
  originalTransactionId: str,
  receipt: str,
  transactionReference: str,
  duplicate_check: bool,
  tokenize: bool,
  cardPresent: bool,
  returnDeviceInfo: bool,
  tipConfiguration: z.optional(
    z.looseObject({
      tipPercentages: z.array(z.int()),
      baseAmount: str,
      headerName: str,
      enterAmountEnabled: bool,
      skipEnabled: bool,
      footer: str,
    }),
  ),
  bypassOptions: z.optional(z.looseObject({ pinBypass: bool, signatureBypass: bool })),
  merchantAuth: z.optional(
    z.array(z.looseObject({ acquirer: str, mid: str, tid: str, mcc: str, externalId: str })),
  ),
  metadata: z.optional(z.record(z.string(), z.string())),
  moneyRemittanceOptions: z.optional(
    z.looseObject({ fullName: z.string(), countryCode: z.string() }),
  ),
})

export type ValidRequest = z.infer<typeof requestSchema> & { operation: OperationType }

export interface ValidationDetail {
  path: string
  code: string
  message: string
  info?: Record<string, unknown>
}

export type ValidationOutcome =
  | { ok: true; request: ValidRequest }
  | { ok: false; status: 422; details: ValidationDetail[] }
  | { ok: false; status: 400; message: string }

/** Operations whose `amount` + `currency` are required (§4.1 plus the Postman samples, §6). */
const NEEDS_AMOUNT: ReadonlySet<OperationType> = new Set<OperationType>([
  'sale',
  'refund',
  'refundReversal',
  'saleReversal',
  'saleAndTokenizeCard',
  'moToSale',
  'moToRefund',
  'preAuthorization',
  'moToPreAuthorization',
  'preAuthorizationIncrease',
  'preAuthorizationCapture',
])

/** Operations linked to an earlier transaction (§4.1 originalTransactionId). */
export const NEEDS_ORIGINAL: ReadonlySet<OperationType> = new Set<OperationType>([
  'refundReversal',
  'saleReversal',
  'moToReversal',
  'preAuthorizationIncrease',
  'preAuthorizationCapture',
  'preAuthorizationReversal',
])

const AMOUNT_RANGE = 'Invalid amount (0 < amount < 999999999999)'

const valueAt = (root: unknown, path: PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (node, key) =>
      node !== null && typeof node === 'object'
        ? (node as Record<PropertyKey, unknown>)[key]
        : undefined,
    root,
  )

const pointer = (path: PropertyKey[]): string => path.map((key) => `/${String(key)}`).join('')

/** One zod issue as the AJV-style detail LoopBack returns (§3 422). */
export function toDetail(root: unknown, issue: z.core.$ZodIssue): ValidationDetail {
  const expected = 'expected' in issue ? String(issue.expected) : ''
  const last = issue.path[issue.path.length - 1]
  if (
    issue.code === 'invalid_type' &&
    issue.path.length > 0 &&
    valueAt(root, issue.path) === undefined
  ) {
    return {
      path: pointer(issue.path.slice(0, -1)),
      code: 'required',
      message: `must have required property '${String(last)}'`,
      info: { missingProperty: String(last) },
    }
  }
  const type = expected === 'int' ? 'integer' : expected
  return { path: pointer(issue.path), code: 'type', message: `must be ${type}`, info: { type } }
}

/** `motoSale` (Postman spelling) and `Sale` (Android example) are accepted as their doc names. */
function normaliseOperation(operation: string): OperationType | undefined {
  return OPERATION_TYPES.find((known) => known.toLowerCase() === operation.toLowerCase())
}

/** Validates a parsed JSON body; see the module comment for which rule gives which status. */
export function validateTransactionRequest(body: unknown): ValidationOutcome {
  const parsed = requestSchema.safeParse(body)
  if (!parsed.success) {
    return {
      ok: false,
      status: 422,
      details: parsed.error.issues.map((issue) => toDetail(body, issue)),
    }
  }
  const operation = normaliseOperation(parsed.data.operation)
  if (!operation) {
    return {
      ok: false,
      status: 422,
      details: [
        {
          path: '/operation',
          code: 'enum',
          message: 'must be equal to one of the allowed values',
          info: { allowedValues: [...OPERATION_TYPES] },
        },
      ],
    }
  }
  const request = { ...parsed.data, operation } as ValidRequest
  const semantic = semanticError(request)
  return semantic ? { ok: false, status: 400, message: semantic } : { ok: true, request }
}

function semanticError(request: ValidRequest): string | undefined {
  const { operation, amount, currency } = request
  if (NEEDS_AMOUNT.has(operation) && (amount === undefined || currency === undefined)) {
    return `amount and currency are required for operation ${operation}`
  }
  if (amount !== undefined) {
    // Negative = decrease, only for preAuthorizationIncrease (§6).
    const pattern = operation === 'preAuthorizationIncrease' ? /^-?\d{1,12}$/ : /^\d{1,12}$/
    if (!pattern.test(amount) || Number(amount) === 0) return AMOUNT_RANGE
  }
  if (currency !== undefined && !isSupportedCurrency(currency))
    return `Invalid currency [${currency}]`
  if (request.transactionReference !== undefined && !isUuidV4(request.transactionReference)) {
    return `TransactionReference with wrong uuidv4 format [${request.transactionReference}]`
  }
  if (request.callbackUrl !== undefined) {
    if (!request.token) return 'token is required when callbackUrl is present'
    if (!/^https?:\/\/[^\s]+$/i.test(request.callbackUrl))
      return `Invalid callbackUrl [${request.callbackUrl}]`
  }
  if (NEEDS_ORIGINAL.has(operation) && !request.originalTransactionId) {
    return `originalTransactionId is required for operation ${operation}`
  }
  if (operation === 'printReceipt' && !request.receipt)
    return 'receipt is required for operation printReceipt'
  if (request.customerReference !== undefined && request.customerReference.length > 25) {
    return 'customerReference is longer than 25 characters'
  }
  return undefined
}
