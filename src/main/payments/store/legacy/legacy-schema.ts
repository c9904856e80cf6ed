import { z } from 'zod'
import {
  OPERATION_KINDS,
  PAYMENT_PHASES,
  type PaymentRecord,
} from '@shared/contract/payments.contract'
import { fromStored, storedMessageSchema, storedParamsSchema } from '../../../messages/stored'

/**
 * The line format of the old hand-made payment journal (`payments/journal.jsonl` and
 * `snapshot.jsonl`), kept only to import those files into the store once. A stored file is a
 * trust boundary: every line is checked with these schemas before it is imported.
 */

const PAYMENT_STATES = [
  'created',
  'sent',
  'accepted',
  'in-progress',
  'unknown',
  'resolving',
  'approved',
  'partial',
  'declined',
  'cancelled',
  'failed',
  'processed',
] as const

const resultView = z.object({
  finStatus: z.string(),
  type: z.string().optional(),
  transactionId: z.string().optional(),
  totalAmountMinor: z.string().optional(),
  requestedAmountMinor: z.string().optional(),
  dueAmountMinor: z.string().optional(),
  tipAmountMinor: z.string().optional(),
  currency: z.string().optional(),
  maskedCardNumber: z.string().optional(),
  cardSchemeName: z.string().optional(),
  cardEntryType: z.string().optional(),
  verificationMethod: z.string().optional(),
  authorisationCode: z.string().optional(),
  issuerResponseCode: z.string().optional(),
  statusMessage: z.string().optional(),
  errorMessage: z.string().optional(),
  customerReceipt: z.string().optional(),
  merchantReceipt: z.string().optional(),
  signatureUrl: z.string().optional(),
  efttimestamp: z.union([z.number(), z.string()]).optional(),
  recoveredTransaction: z.boolean().optional(),
  rrn: z.string().optional(),
  batchNumber: z.string().optional(),
})

/**
 * Evidence as stored. Older versions wrote sentences (`{ at, what }`): those load as
 * `legacy_note` with the sentence as its text.
 */
const evidenceItem = z.union([
  z
    .object({ at: z.number(), code: z.string(), params: storedParamsSchema.optional() })
    .transform(({ at, code, params }) => ({ at, ...fromStored(code, params) })),
  z
    .object({ at: z.number(), what: z.string() })
    .transform(({ at, what }) => ({ at, ...fromStored('legacy_note', { text: what }) })),
])

export const legacyRecordSchema = z.object({
  id: z.string().min(1),
  merchantId: z.string().min(1),
  terminalSerial: z.string().min(1),
  terminalType: z.string(),
  operation: z.enum(OPERATION_KINDS),
  amountMinor: z.string().optional(),
  currency: z.string().optional(),
  originalTransactionId: z.string().optional(),
  transactionReference: z.string().min(1),
  customerReference: z.string().optional(),
  flow: z.enum(['poll', 'callback']),
  state: z.enum(PAYMENT_STATES),
  // Older versions stored the phase as a sentence: dropped, the state still says it.
  phase: z.enum(PAYMENT_PHASES).optional().catch(undefined),
  createdAt: z.number(),
  updatedAt: z.number(),
  finalAt: z.number().optional(),
  transactionResultId: z.string().optional(),
  result: resultView.optional(),
  lastError: storedMessageSchema.optional(),
  evidence: z.array(evidenceItem),
  cancelRequested: z.boolean().optional(),
}) satisfies z.ZodType<PaymentRecord>

/** Engine bookkeeping as the old journal kept it. */
const paymentMetaSchema = z.object({
  /** When the POST started. */
  sentAt: z.number().optional(),
  /**
   * When the POST attempt ended (answer, error, or the restart that found it cut off): the
   * request cannot reach Handpoint later than this, so the 90-second rule counts from here.
   */
  postEndedAt: z.number().optional(),
  /** SHA-256 (hex) of the callback token: the token itself is never stored. */
  callbackTokenHash: z.string().optional(),
  /** False for linked operations, which must not carry their own reference. */
  referenceSent: z.boolean(),
  /** Duplicate or stale replies seen after the operation became final. */
  duplicates: z.number().int().min(0).optional(),
})

/** One journal line: the full record after a change, with a revision that only grows. */
export const legacyLineSchema = z.object({
  rev: z.number().int().min(1),
  record: legacyRecordSchema,
  meta: paymentMetaSchema,
})
export type LegacyLine = z.infer<typeof legacyLineSchema>
