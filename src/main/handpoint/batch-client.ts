import { z } from 'zod'
import { isSupportedCurrency, minorFromDecimal } from '@shared/money'
import { parseBatchClose, parseBatchDetail, parseBatchSummary } from './batch-results'
import type { BatchApi, StatusChainEntry } from './batch-types'
import { fieldErrorsOf, invalidFields, jsonOf, malformed, pathSegment } from './client-util'
import { parseJson } from './error-body'
import { HandpointError, describeHandpointError } from './errors'
import type { Transport } from './http'
import { parseTransactionResult } from './results'
import { hasControlChars } from './text'

/**
 * The day-close calls: `POST /batch/close|summary|detail` on the cloud host (2.25+, beta, not
 * every acquirer) and the status chain by reference on the status host (2.20+).
 */

export interface ClientParts {
  transport: Transport
  apiBase: string
  statusBase: string
}

const text = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !hasControlChars(s), 'must not contain control characters')
const terminal = { serialNumber: text(64), terminalType: text(32) }
const batchNumber = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be the batch number, like "1"')
const currency = z.string().refine(isSupportedCurrency, 'must be a currency Handpoint accepts')

const closeInput = z.strictObject({
  ...terminal,
  batchNumber: batchNumber.optional(),
  customerReference: text(64).optional(),
})
const summaryInput = z.strictObject({
  ...terminal,
  batchNumber,
  currency,
  customerReference: text(64).optional(),
})
const detailInput = summaryInput.extend({
  rrn: z
    .string()
    .regex(/^[A-Za-z0-9]{1,32}$/, 'must be a retrieval reference number')
    .optional(),
})

function checked<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw invalidFields(what, fieldErrorsOf(parsed.error))
  return parsed.data
}

/** The wire body: `terminalType` travels as `deviceType`; absent fields stay absent. */
function wireBody(input: {
  serialNumber: string
  terminalType: string
  batchNumber?: string | undefined
  customerReference?: string | undefined
  rrn?: string | undefined
}): Record<string, string> {
  const body: Record<string, string> = {
    deviceType: input.terminalType,
    serialNumber: input.serialNumber,
  }
  if (input.batchNumber !== undefined) body.batchNumber = input.batchNumber
  if (input.customerReference !== undefined) body.customerReference = input.customerReference
  if (input.rrn !== undefined) body.rrn = input.rrn
  return body
}

/** A 422 naming `batchNumber`: this acquirer closes only a batch it is told the number of. */
function batchNumberRequired(error: unknown): unknown {
  if (
    error instanceof HandpointError &&
    error.kind === 'validation' &&
    error.fieldErrors?.some((f) => f.path.replace(/^\//, '') === 'batchNumber')
  ) {
    return new HandpointError(
      'batch-number-required',
      describeHandpointError('batch-number-required'),
      {
        httpStatus: error.httpStatus ?? 422,
        fieldErrors: error.fieldErrors,
      },
    )
  }
  return error
}

/** 2.28 pre-authorisation amounts: minor-unit numbers, or decimal strings in the currency. */
function preAuthAmount(value: unknown, currencyCode: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  if (/^-?\d{1,15}$/.test(value.trim())) return Number(value.trim())
  if (typeof currencyCode !== 'string' || !isSupportedCurrency(currencyCode)) return undefined
  try {
    return minorFromDecimal(value, currencyCode)
  } catch {
    return undefined
  }
}

function chainEntry(item: unknown): StatusChainEntry {
  const entry: Record<string, unknown> = parseTransactionResult(item, 'transaction status')
  for (const field of ['holdAmount', 'increaseAmount', 'capturedAmount']) {
    const amount = preAuthAmount(entry[field], entry.currency)
    if (amount === undefined) delete entry[field]
    else entry[field] = amount
  }
  return entry as StatusChainEntry
}

export function batchMethods({ transport, apiBase, statusBase }: ClientParts): BatchApi {
  return {
    async closeBatch(input) {
      const value = checked(closeInput, input, 'batch close')
      let body: string
      try {
        const response = await transport.send({
          method: 'POST',
          url: `${apiBase}/batch/close`,
          body: wireBody(value),
        })
        body = response.body
      } catch (error) {
        throw batchNumberRequired(error)
      }
      const json = parseJson(body)
      if (json === undefined) throw malformed('the batch close answer is not JSON', true, 200)
      return parseBatchClose(json)
    },

    async getBatchSummary(query) {
      const value = checked(summaryInput, query, 'batch summary request')
      const response = await transport.send({
        method: 'POST',
        url: `${apiBase}/batch/summary`,
        body: wireBody(value),
        readOnly: true,
      })
      return parseBatchSummary(jsonOf(response, 'batch summary'), value.currency)
    },

    async getBatchDetail(query) {
      const value = checked(detailInput, query, 'batch detail request')
      const response = await transport.send({
        method: 'POST',
        url: `${apiBase}/batch/detail`,
        body: wireBody(value),
        readOnly: true,
      })
      return parseBatchDetail(jsonOf(response, 'batch detail'), value.currency)
    },

    async getStatusAll(reference) {
      const ref = pathSegment(reference, 'reference')
      const response = await transport.send({
        method: 'GET',
        url: `${statusBase}/transactions/${ref}/status/all`,
        expect: [404],
      })
      // 404: no operation under this reference reached the gateway.
      if (response.status === 404) return []
      const json = jsonOf(response, 'transaction status')
      const items: unknown[] = Array.isArray(json) ? json : [json]
      return items.map(chainEntry)
    },
  }
}
