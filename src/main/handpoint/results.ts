import { z } from 'zod'
import { maskCardNumbers } from '@shared/text/mask-pan'
import { keptText } from './text'
import { HandpointError, messageFor } from './errors'
import type { Accepted, Device, TransactionResult } from './types'

/**
 * Tolerant parsing of what Handpoint sends back. Unknown fields are kept (new app versions add
 * some every year), `finStatus` is required, known fields must have a usable type, `null` means
 * absent, and `unMaskedPan` is removed before anything else can see it, as is any card number in
 * the free texts (status and error messages, device status). Never throws anything but
 * HandpointError('malformed-response').
 */

const optionalString = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined)
/** Ids that are digit strings on the wire; a number is tolerated and kept as its digits. */
const optionalId = z
  .union([z.string(), z.number().int().nonnegative().transform(String)])
  .nullish()
  .transform((v) => v ?? undefined)
/** Text written by people or terminals: a card number in it is masked before anyone keeps it. */
const freeText = optionalString.transform((v) => (v === undefined ? v : maskCardNumbers(v)))
/** Amounts are JSON numbers of minor units; digit strings are tolerated. */
const optionalAmount = z
  .union([
    z.number().int(),
    z
      .string()
      .regex(/^-?\d{1,15}$/)
      .transform(Number),
  ])
  .nullish()
  .transform((v) => v ?? undefined)
const optionalBoolean = z
  .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
  .nullish()
  .transform((v) => v ?? undefined)

const resultSchema = z.looseObject({
  finStatus: z.string().min(1),
  type: optionalString,
  transactionID: optionalString,
  efttransactionID: optionalString,
  transactionReference: optionalString,
  originalEFTTransactionID: optionalString,
  requestedAmount: optionalAmount,
  totalAmount: optionalAmount,
  dueAmount: optionalAmount,
  tipAmount: optionalAmount,
  currency: optionalString,
  maskedCardNumber: optionalString,
  cardSchemeName: optionalString,
  cardEntryType: optionalString,
  verificationMethod: optionalString,
  authorisationCode: optionalString,
  issuerResponseCode: optionalString,
  statusMessage: freeText,
  errorMessage: freeText,
  customerReceipt: optionalString,
  merchantReceipt: optionalString,
  signatureUrl: optionalString,
  customerReference: optionalString,
  cardToken: optionalString,
  recoveredTransaction: optionalBoolean,
  rrn: optionalId,
  batchNumber: optionalId,
  transactionOrigin: optionalString,
  // A string (yyyyMMddHHmmssSSS) in the 2.14-2.20 status example, a number in 2.28 (§11.14).
  efttimestamp: z
    .union([z.number(), z.string()])
    .nullish()
    .transform((v) => v ?? undefined),
  deviceStatus: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((v) => (v ? stringValues(v) : undefined)),
})

/** Keys that must never be kept, whatever their casing or depth. */
const DROPPED_KEY = /^unmaskedpan$/i
const MAX_DEPTH = 32

/** Parses one TransactionResult (callback body, poll 200 body, status body). */
export function parseTransactionResult(value: unknown, where = 'transaction result') {
  const cleaned = withoutDroppedKeys(value, 0)
  const parsed = resultSchema.safeParse(cleaned)
  if (!parsed.success)
    throw malformed(`the ${where} has no usable finStatus or a field of the wrong type`)
  const result: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(parsed.data)) {
    if (field !== undefined) result[key] = field
  }
  return result as TransactionResult
}

/**
 * Built once: zod compiles each object schema on its first use, so a schema built per call is
 * compiled per call (B3: an eighth of all the memory a sale allocated, and a compile per POST).
 */
const acceptedSchema = z.looseObject({
  transactionResultId: optionalString,
  statusMessage: freeText,
  transactionReference: optionalString,
})

/** The 202 body of POST /transactions (§2.2). Polling mode must carry a transactionResultId. */
export function parseAccepted(value: unknown, expectResultId: boolean): Accepted {
  const parsed = acceptedSchema.safeParse(value)
  if (!parsed.success || (expectResultId && !parsed.data.transactionResultId)) {
    throw new HandpointError('malformed-response', messageFor('malformed-response', true), {
      httpStatus: 202,
      ambiguous: true,
    })
  }
  const accepted: Accepted = { statusMessage: parsed.data.statusMessage ?? '' }
  if (parsed.data.transactionResultId)
    accepted.transactionResultId = parsed.data.transactionResultId
  if (parsed.data.transactionReference)
    accepted.transactionReference = parsed.data.transactionReference
  return accepted
}

const deviceSchema = z.looseObject({
  // Serials are digit strings with meaningful leading zeros; a number is tolerated as-is.
  serial_number: z.union([z.string().min(1), z.number().int().transform(String)]),
  terminal_type: z.string().min(1),
  merchant_id_alpha: optionalString,
})

/**
 * GET /initialize or /devices (§2.1): an array of Device objects. Entries without a serial or
 * type cannot be addressed and are skipped; `ssk` (a shared secret) is not kept.
 */
export function parseDevices(value: unknown): Device[] {
  if (!Array.isArray(value)) throw malformed('the device list is not a list')
  const devices: Device[] = []
  for (const item of value) {
    const parsed = deviceSchema.safeParse(item)
    if (!parsed.success) continue
    const device: Device = {
      serialNumber: parsed.data.serial_number,
      terminalType: parsed.data.terminal_type,
    }
    if (parsed.data.merchant_id_alpha) device.merchantIdAlpha = parsed.data.merchant_id_alpha
    devices.push(device)
  }
  return devices
}

/** A receipt field holds a hosted URL, the HTML itself when upload failed, or nothing (§4.7). */
export function classifyReceipt(receipt: string | undefined): 'url' | 'html' | 'none' {
  const text = receipt?.trim() ?? ''
  if (text === '') return 'none'
  return /^https?:\/\//i.test(text) ? 'url' : 'html'
}

function malformed(what: string): HandpointError {
  return new HandpointError(
    'malformed-response',
    `Handpoint answered with something this app cannot read: ${what}. Try again; if it keeps happening, contact support.`,
  )
}

function stringValues(record: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') out[key] = keptText(key, value)
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value)
  }
  return out
}

/**
 * Copies JSON data without any `unMaskedPan` key (a full card number must not survive ingest)
 * and without `__proto__` keys, into plain objects. Arrays and values are copied as they are.
 */
function withoutDroppedKeys(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) return null
  if (Array.isArray(value)) return value.map((item) => withoutDroppedKeys(item, depth + 1))
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) {
    if (DROPPED_KEY.test(key) || key === '__proto__') continue
    out[key] = withoutDroppedKeys(field, depth + 1)
  }
  return out
}
