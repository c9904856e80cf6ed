import { z } from 'zod'
import { TILL_ERROR_CODES } from '../errors'
import { TILL_OPERATION_NAMES } from '../operations'
import { CARD_ENTRIES, TILL_STATES, type PaymentResource } from '../resource'
import { TERMINAL_STATES, type TerminalResource } from '../terminals'

/**
 * What the HTTP front answers, as zod schemas: the OpenAPI document is generated from these
 * and from the request schemas in `../inputs.ts`; tests check real answers against it.
 */

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable()

export const paymentResourceSchema = z.object({
  id: z.string(),
  idempotencyKey: nullable(z.string()).meta({
    description: 'The key this till started it with; null when another till or the cashier did.',
  }),
  tillReference: nullable(z.string()),
  operation: z.enum(TILL_OPERATION_NAMES as [string, ...string[]]),
  terminal: z.string(),
  amount: nullable(z.int()).meta({ description: 'Integer minor units.' }),
  currency: nullable(z.string()),
  state: z.enum(TILL_STATES),
  final: z.boolean().meta({
    description: 'True once the state can no longer change. outcome_unknown is never final.',
  }),
  approvedAmount: nullable(z.int()).meta({
    description: 'What was charged (minor units) once final; 0 when nothing was; null before.',
  }),
  transactionId: nullable(z.string()),
  transactionReference: z.string(),
  card: nullable(
    z.object({
      brand: nullable(z.string()),
      last4: nullable(z.string()),
      entry: nullable(z.enum(CARD_ENTRIES)),
    }),
  ),
  authCode: nullable(z.string()),
  reason: nullable(z.object({ code: z.string(), message: z.string() })),
  originalPaymentId: nullable(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})

export const terminalSchema = z.object({
  serial: z.string(),
  type: z.string(),
  state: z.enum(TERMINAL_STATES),
  paymentId: nullable(z.string()).meta({ description: 'The payment running on it, or null.' }),
})

export const paymentListSchema = z.object({ payments: z.array(paymentResourceSchema) })
export const terminalListSchema = z.object({ terminals: z.array(terminalSchema) })
export const healthSchema = z.object({ status: z.literal('ok'), version: z.string() })

export const errorSchema = z.object({
  error: z.object({
    code: z.enum(TILL_ERROR_CODES),
    message: z.string().meta({ description: 'One English sentence: what happened, what to do.' }),
    details: z.array(z.unknown()).meta({
      description: 'For invalid_request: [{ "field", "problem" }]; otherwise facts or empty.',
    }),
  }),
})

// The resource type and its schema describe the same thing, in both directions.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
export const resourceMatchesSchema: Same<z.infer<typeof paymentResourceSchema>, PaymentResource> &
  Same<z.infer<typeof terminalSchema>, TerminalResource> = true
