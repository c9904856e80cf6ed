import { z } from 'zod'
import { isSupportedCurrency } from '@shared/money'
import { HandpointError, type FieldError } from './errors'
import { OPERATION_RULES, type Extra } from './request-rules'
import { hasControlChars } from './text'
import { OPERATION_TYPES, type TransactionInput } from './types'

/**
 * TransactionInput (camelCase, what the engine speaks) -> TransactionRequest (the wire's mix of
 * snake_case and camelCase, docs/handpoint-api.md §4.1), refusing anything Handpoint would refuse or that
 * would make a request mean something else than intended. Nothing is sent when this throws.
 */

/** Handpoint's `amount`: 1-12 digits, 0 < amount < 999999999999 (§6, B). */
const MAX_MINOR_EXCLUSIVE = 999_999_999_999n
/** UUID v4: version nibble 4, variant 8/9/a/b (§1, B: validated server-side). */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i
/** Metadata characters allowed by §4.5 (no spaces). */
const METADATA_CHARS = /^[A-Za-z0-9\-()@:%_\\+.~#?&/={}"',]*$/

const noControl = (s: string) => !hasControlChars(s)
const text = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(noControl, 'must not contain control characters')

const shape = z.strictObject({
  operation: z.enum(OPERATION_TYPES, 'must be one of the 19 Handpoint operations'),
  serialNumber: text(64),
  terminalType: text(32),
  amountMinor: z.string().optional(),
  currency: z.string().optional(),
  originalTransactionId: text(64).optional(),
  transactionReference: z.string().regex(UUID_V4, 'must be a UUID version 4').optional(),
  customerReference: text(25).optional(),
  receipt: z
    .string()
    .min(1, 'must not be empty')
    .max(1024 * 1024, 'must be at most 1 MB')
    .optional(),
  callback: z
    .strictObject({
      url: z.string().max(2048).refine(isHttpUrl, 'must be an http or https URL'),
      token: text(256),
    })
    .optional(),
  tipConfiguration: z
    .strictObject({
      baseAmount: z
        .string()
        .regex(/^\d{1,12}$/, 'must be digits in minor units')
        .optional(),
      headerName: z.string().max(64).optional(),
      tipPercentages: z
        .array(z.number().int('must be whole percentages').min(0).max(100))
        .min(1, 'must list at least one percentage')
        .max(10),
      enterAmountEnabled: z.boolean().optional(),
      skipEnabled: z.boolean().optional(),
      footer: z.string().max(256).optional(),
    })
    .optional(),
  bypassOptions: z
    .strictObject({ pinBypass: z.boolean().optional(), signatureBypass: z.boolean().optional() })
    .optional(),
  merchantAuth: z
    .array(
      z.strictObject({
        acquirer: text(32).optional(),
        mid: text(64).optional(),
        tid: text(64).optional(),
        mcc: z
          .string()
          .regex(/^\d{4}$/, 'must be a 4-digit MCC')
          .optional(),
        externalId: text(64).optional(),
      }),
    )
    .min(1, 'must hold at least one credential')
    .max(10)
    .refine(
      (list) => list.length === 1 || list.every((c) => c.acquirer),
      'needs an acquirer on each credential when there are several',
    )
    .optional(),
  duplicateCheck: z.boolean().optional(),
  metadata: z
    .strictObject(
      Object.fromEntries(
        [1, 2, 3, 4, 5].map((n) => [
          `metadata${n}`,
          z
            .string()
            .max(250, 'must be at most 250 characters')
            .regex(
              METADATA_CHARS,
              'may only use letters, digits and - ( ) @ : % _ \\ + . ~ # ? & / = { } " \' ,',
            )
            .optional(),
        ]),
      ),
    )
    .optional(),
  moneyRemittanceOptions: z
    .strictObject({
      fullName: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .regex(/^[\p{L} ]+$/u, 'may only contain letters and spaces'),
      countryCode: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166 alpha-3 code like USA'),
    })
    .optional(),
})

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

/** Validates `input` for its operation and returns the JSON body of POST /transactions. */
export function toWireRequest(input: TransactionInput): Record<string, unknown> {
  const parsed = shape.safeParse(input)
  if (!parsed.success) {
    throw invalid(
      input,
      parsed.error.issues.map((issue) => ({
        path: issue.path.join('.') || 'input',
        message:
          issue.code === 'unrecognized_keys'
            ? `has unknown fields ${issue.keys.join(', ')}`
            : issue.message,
      })),
    )
  }
  const value = parsed.data
  const rule = OPERATION_RULES[value.operation]
  const problems: FieldError[] = []
  const need = (path: string, message: string) => problems.push({ path, message })

  const hasAmount = value.amountMinor !== undefined || value.currency !== undefined
  if (rule.amount === 'required' && !hasAmount) need('amountMinor', 'is required')
  if (rule.amount === 'none' && hasAmount) need('amountMinor', `is not taken by ${value.operation}`)
  if (rule.amount !== 'none' && hasAmount) {
    checkAmount(value.amountMinor, rule.negativeAmount === true, need)
    if (value.currency === undefined) need('currency', 'is required with an amount')
    else if (!isSupportedCurrency(value.currency))
      need('currency', `${value.currency.slice(0, 8)} is not a currency Handpoint accepts`)
  }

  const linked = value.originalTransactionId !== undefined
  if (rule.originalTransactionId === 'required' && !linked)
    need('originalTransactionId', 'is required')
  if (rule.originalTransactionId === 'none' && linked)
    need('originalTransactionId', `is not taken by ${value.operation}`)
  // Linked operations are chained under the original's reference (§2.6, 2.28 note).
  if (linked && value.transactionReference !== undefined)
    need('transactionReference', "must be left out on linked operations: they use the original's")

  if (rule.receipt === 'required' && value.receipt === undefined) need('receipt', 'is required')
  if (rule.receipt !== 'required' && value.receipt !== undefined)
    need('receipt', `is not taken by ${value.operation}`)

  const extras: Extra[] = [
    'tipConfiguration',
    'bypassOptions',
    'merchantAuth',
    'moneyRemittanceOptions',
  ]
  for (const extra of extras) {
    if (value[extra] !== undefined && !rule.extras.includes(extra))
      need(extra, `is not taken by ${value.operation}`)
  }
  if (problems.length > 0) throw invalid(input, problems)

  const wire: Record<string, unknown> = {
    operation: value.operation,
    serial_number: value.serialNumber,
    terminal_type: value.terminalType,
  }
  if (value.amountMinor !== undefined) wire.amount = value.amountMinor
  if (value.currency !== undefined) wire.currency = value.currency
  if (value.originalTransactionId !== undefined)
    wire.originalTransactionId = value.originalTransactionId
  if (value.transactionReference !== undefined)
    wire.transactionReference = value.transactionReference
  if (value.customerReference !== undefined) wire.customerReference = value.customerReference
  if (value.receipt !== undefined) wire.receipt = value.receipt
  if (value.callback !== undefined) {
    wire.callbackUrl = value.callback.url
    wire.token = value.callback.token
  }
  for (const extra of extras) if (value[extra] !== undefined) wire[extra] = value[extra]
  if (value.duplicateCheck !== undefined && rule.duplicateCheck)
    wire.duplicate_check = value.duplicateCheck
  if (value.metadata !== undefined) wire.metadata = value.metadata
  return wire
}

function checkAmount(
  amount: string | undefined,
  negativeAllowed: boolean,
  need: (path: string, message: string) => void,
): void {
  if (amount === undefined) return need('amountMinor', 'is required with a currency')
  const pattern = negativeAllowed ? /^-?\d{1,12}$/ : /^\d{1,12}$/
  if (!pattern.test(amount)) {
    return need('amountMinor', 'must be a string of 1 to 12 digits in minor units, like "1234"')
  }
  const magnitude = BigInt(amount.replace('-', ''))
  if (magnitude <= 0n || magnitude >= MAX_MINOR_EXCLUSIVE) {
    need('amountMinor', 'must be more than 0 and less than 999999999999 minor units')
  }
}

function invalid(input: TransactionInput, fieldErrors: FieldError[]): HandpointError {
  const operation =
    typeof input === 'object' && input !== null && typeof input.operation === 'string'
      ? input.operation.slice(0, 32)
      : 'transaction'
  const first = fieldErrors[0]
  const more = fieldErrors.length > 1 ? ` (and ${fieldErrors.length - 1} more problems)` : ''
  const detail = first ? `${first.path} ${first.message}${more}` : 'it is incomplete'
  return new HandpointError(
    'invalid-input',
    `The ${operation} request was not sent: ${detail}. Correct it, then try again.`,
    { fieldErrors },
  )
}
