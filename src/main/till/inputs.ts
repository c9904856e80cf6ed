import { z } from 'zod'
import { CURRENCIES } from '@shared/money'
import { AMOUNTLESS, TILL_START_OPERATIONS } from './operations'

/**
 * What a till may ask for, as zod schemas. Every front parses with these (HTTP today, ZVT
 * later), and the OpenAPI document is generated from them, so the document cannot drift from
 * what the server accepts.
 */

/** Handpoint takes amounts below 999,999,999,999 minor units. */
export const MAX_AMOUNT = 999_999_999_999

export const amountSchema = z
  .int()
  .min(1)
  .max(MAX_AMOUNT)
  .meta({ description: 'Integer minor units: 1234 = 12.34 EUR; JPY has none, KWD three.' })

export const currencySchema = z
  .enum(Object.keys(CURRENCIES) as [string, ...string[]])
  .meta({ description: 'ISO 4217 alpha-3 code of a currency Handpoint accepts.' })

export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/)
  .meta({ description: '1-255 printable ASCII characters, chosen by the till; one per payment.' })

export const tillReferenceSchema = z
  .string()
  .min(1)
  .max(64)
  .meta({ description: "The till's own reference for the sale (receipt number, order id)." })

export const startPaymentBody = z
  .strictObject({
    operation: z.enum(TILL_START_OPERATIONS),
    amount: amountSchema.optional(),
    currency: currencySchema.optional(),
    terminal: z.string().min(1).max(32).meta({ description: 'Serial number of the terminal.' }),
    tillReference: tillReferenceSchema.optional(),
    tip: z
      .strictObject({
        percentages: z.array(z.int().min(1).max(100)).min(1).max(5),
      })
      .optional()
      .meta({ description: 'Tip choices the terminal offers the customer (sales only).' }),
  })
  .superRefine((body, ctx) => {
    const amountless = AMOUNTLESS.has(body.operation)
    if (!amountless && body.amount === undefined)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'required for this operation' })
    if (!amountless && body.currency === undefined)
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'required for this operation' })
    if (amountless && body.amount !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: `${body.operation} takes no amount`,
      })
    if (body.tip && body.operation !== 'sale')
      ctx.addIssue({ code: 'custom', path: ['tip'], message: 'only a sale can offer a tip' })
  })
  .meta({
    description:
      'amount and currency are required for every operation but tokenize, which takes neither; tip is for sales only.',
  })
export type StartPaymentInput = z.infer<typeof startPaymentBody>

export const refundBody = z.strictObject({ amount: amountSchema })
export type RefundInput = z.infer<typeof refundBody>

export const RECEIPT_WIDTHS = [32, 42, 48] as const
export type ReceiptWidth = (typeof RECEIPT_WIDTHS)[number]
