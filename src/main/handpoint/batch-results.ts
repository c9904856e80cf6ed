import { z } from 'zod'
import { MoneyError, minorFromDecimal } from '@shared/money'
import type {
  BatchClose,
  BatchCustomField,
  BatchDetail,
  BatchDetailLine,
  BatchSummary,
  HandpointTimestamp,
} from './batch-types'
import { malformed } from './client-util'
import { keptText, replaceControlChars } from './text'

/**
 * Zod-checked reading of the batch answers (2.25+, beta). Shapes differ between examples, so
 * this is tolerant where the documentation is: `customFields.entry` is one object or a list,
 * numbers may come as strings, unknown fields are ignored. It is strict where money is: an
 * amount that is not an exact decimal in the currency makes the whole answer unreadable, since
 * a batch line silently dropped or rounded would corrupt a reconciliation. Throws only
 * HandpointError('malformed-response').
 */

/** A string as sent; digits sent as a JSON number are read back as their digits. */
const idText = z.union([z.string(), z.number().int().nonnegative().transform(String)])
const optionalText = z
  .union([z.string(), z.number().transform(String)])
  .nullish()
  .transform((v) => clean(v))
const count = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\s*\d{1,12}\s*$/)])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : Number(v)))
const decimalAmount = z.union([z.string(), z.number()])

const customEntry = z.object({ key: z.string(), value: z.union([z.string(), z.number()]) })
const customFields = z
  .object({ entry: z.union([customEntry, z.array(z.unknown())]).nullish() })
  .nullish()

const common = {
  batchNumber: idText,
  batchStatus: optionalText,
  issuerResponseCode: optionalText,
  issuerResponseText: optionalText,
  customFields,
  customerReference: z.unknown().optional(),
}

const closeSchema = z.looseObject({
  ...common,
  closeBatchGuid: optionalText,
  closedAt: optionalText,
})
const summarySchema = z.looseObject({
  ...common,
  batchSummaryGuid: optionalText,
  netAmount: decimalAmount,
  transactionCount: count,
})
const lineSchema = z.looseObject({
  transactionType: z.string().min(1),
  retrievalReferenceNumber: optionalText,
  amount: decimalAmount,
  batchDetailElementGuid: optionalText,
})
const detailSchema = z.looseObject({
  ...common,
  batchDetailGuid: optionalText,
  closedAt: optionalText,
  details: z.array(z.unknown()).nullish(),
})

function clean(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined
  const text = replaceControlChars(value).trim()
  return text === '' ? undefined : text.slice(0, 512)
}

/** `yyyyMMddHHmmssSSS` -> `yyyy-MM-ddTHH:mm:ss.SSS`; undefined unless it is a real instant. */
export function readCompactTimestamp(raw: string | undefined): HandpointTimestamp | undefined {
  const match =
    raw === undefined ? null : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})$/.exec(raw)
  if (!match) return undefined
  const [, y, mo, d, h, mi, s, ms] = match
  const local = `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}`
  // Round-trip through UTC to refuse 20251399..., 20250230... and hour 24.
  const check = new Date(`${local}Z`)
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 23) !== local) return undefined
  return { raw: raw!, local }
}

function customFieldsOf(value: z.infer<typeof customFields>): BatchCustomField[] {
  const entry = value?.entry
  const list: unknown[] =
    entry === null || entry === undefined ? [] : Array.isArray(entry) ? entry : [entry]
  const fields: BatchCustomField[] = []
  for (const item of list.slice(0, 200)) {
    const parsed = customEntry.safeParse(item)
    if (!parsed.success) continue
    const key = clean(parsed.data.key)
    const text = clean(String(parsed.data.value))
    if (key !== undefined && text !== undefined) fields.push({ key, value: text })
  }
  return fields
}

function referenceOf(value: unknown): string | Record<string, string> | undefined {
  if (typeof value === 'string') return clean(value)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const out: Record<string, string> = {}
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === 'string' || typeof field === 'number') out[key] = String(field)
  }
  return out
}

type CommonAnswer = Pick<z.infer<typeof closeSchema>, keyof typeof common>

function answerOf(data: CommonAnswer) {
  const fields = customFieldsOf(data.customFields)
  const local = fields.find((f) => f.key === 'issuerBatchCloseLocalTimestamp')?.value
  const reference = referenceOf(data.customerReference)
  return {
    batchNumber: data.batchNumber,
    ...(data.batchStatus ? { batchStatus: data.batchStatus } : {}),
    ...(data.issuerResponseCode ? { issuerResponseCode: data.issuerResponseCode } : {}),
    ...(data.issuerResponseText ? { issuerResponseText: data.issuerResponseText } : {}),
    customFields: fields,
    ...(local ? { issuerCloseLocalTime: local } : {}),
    ...(reference !== undefined ? { customerReference: reference } : {}),
  }
}

function amountOf(value: string | number, currency: string, where: string): number {
  try {
    return minorFromDecimal(String(value), currency)
  } catch (error) {
    if (error instanceof MoneyError) throw malformed(`${where} is not an amount in ${currency}`)
    throw error
  }
}

const countField = (fields: BatchCustomField[], key: string): number | undefined => {
  const value = fields.find((f) => f.key === key)?.value
  return value !== undefined && /^\d{1,12}$/.test(value) ? Number(value) : undefined
}

/** The 200 of POST /batch/close. Unreadable means the batch may or may not be closed. */
export function parseBatchClose(value: unknown): BatchClose {
  const parsed = closeSchema.safeParse(value)
  if (!parsed.success) throw malformed('the batch close answer has no batch number', true, 200)
  const closedAt = readCompactTimestamp(parsed.data.closedAt)
  return {
    ...answerOf(parsed.data),
    ...(parsed.data.closeBatchGuid ? { closeBatchGuid: parsed.data.closeBatchGuid } : {}),
    ...(closedAt ? { closedAt } : {}),
  }
}

export function parseBatchSummary(value: unknown, currency: string): BatchSummary {
  const parsed = summarySchema.safeParse(value)
  if (!parsed.success) throw malformed('the batch summary has no batch number or net amount')
  const answer = answerOf(parsed.data)
  const salesCount = countField(answer.customFields, 'salesCount')
  const refundsCount = countField(answer.customFields, 'refundsCount')
  return {
    ...answer,
    ...(parsed.data.batchSummaryGuid ? { batchSummaryGuid: parsed.data.batchSummaryGuid } : {}),
    currency,
    netAmountMinor: amountOf(parsed.data.netAmount, currency, 'the net amount'),
    ...(parsed.data.transactionCount !== undefined
      ? { transactionCount: parsed.data.transactionCount }
      : {}),
    ...(salesCount !== undefined ? { salesCount } : {}),
    ...(refundsCount !== undefined ? { refundsCount } : {}),
  }
}

const KNOWN_LINE_FIELDS = new Set([
  'transactionType',
  'retrievalReferenceNumber',
  'amount',
  'batchDetailElementGuid',
])

function lineOf(item: unknown, index: number, currency: string): BatchDetailLine {
  const parsed = lineSchema.safeParse(item)
  if (!parsed.success)
    throw malformed(`line ${index + 1} of the batch detail has no type or amount`)
  const extra: BatchDetailLine['extra'] = {}
  for (const [key, field] of Object.entries(parsed.data)) {
    if (KNOWN_LINE_FIELDS.has(key) || key === '__proto__') continue
    if (typeof field === 'string') extra[key] = keptText(key, clean(field) ?? '')
    else if (typeof field === 'number' || typeof field === 'boolean') extra[key] = field
  }
  return {
    transactionType: clean(parsed.data.transactionType) ?? parsed.data.transactionType,
    ...(parsed.data.retrievalReferenceNumber ? { rrn: parsed.data.retrievalReferenceNumber } : {}),
    amountMinor: amountOf(parsed.data.amount, currency, `the amount of line ${index + 1}`),
    ...(parsed.data.batchDetailElementGuid
      ? { batchDetailElementGuid: parsed.data.batchDetailElementGuid }
      : {}),
    extra,
  }
}

export function parseBatchDetail(value: unknown, currency: string): BatchDetail {
  const parsed = detailSchema.safeParse(value)
  if (!parsed.success) throw malformed('the batch detail has no batch number or no list')
  const closedAt = readCompactTimestamp(parsed.data.closedAt)
  const items = parsed.data.details ?? []
  return {
    ...answerOf(parsed.data),
    ...(parsed.data.batchDetailGuid ? { batchDetailGuid: parsed.data.batchDetailGuid } : {}),
    ...(closedAt ? { closedAt } : {}),
    currency,
    lines: items.map((item, index) => lineOf(item, index, currency)),
  }
}
