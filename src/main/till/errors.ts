import { describe, type MessageParams } from '@shared/messages'

/**
 * The refusals of the till session, protocol-neutral: each front maps the code to its own form
 * (HTTP status + JSON body; a ZVT result code later). Codes are the API's contract.
 */
export const TILL_ERROR_CODES = [
  'unauthorized',
  'forbidden_terminal',
  'invalid_request',
  'idempotency_key_required',
  'idempotency_key_reused',
  'terminal_busy',
  'unknown_terminal',
  'unknown_payment',
  'cannot_cancel',
  'amount_exceeds_remaining',
  'cannot_reverse',
  'cannot_refund',
  'manager_approval_required',
  'no_receipt',
  'receipt_not_ready',
  'rate_limited',
  'too_many_streams',
  'payload_too_large',
  'unsupported_media_type',
  'not_found',
  'method_not_allowed',
  'unavailable',
  'internal_error',
] as const
export type TillErrorCode = (typeof TILL_ERROR_CODES)[number]

/** One field problem of an invalid request. */
export interface FieldProblem {
  field: string
  problem: string
}

export class TillError extends Error {
  override readonly name = 'TillError'
  constructor(
    readonly code: TillErrorCode,
    readonly params: MessageParams = {},
    readonly details: unknown[] = [],
    /** Extra facts a front may pass on (e.g. the payment the refusal is about). */
    readonly extra: { paymentId?: string; retryAfterSeconds?: number } = {},
  ) {
    super(describe(`till_${code}`, params))
  }
}

export function invalid(problems: FieldProblem[]): TillError {
  return new TillError(
    'invalid_request',
    { problems: problems.map((p) => `${p.field}: ${p.problem}`).join('; ') },
    problems,
  )
}
