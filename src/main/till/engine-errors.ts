import { fromMinorUnits, isSupportedCurrency } from '@shared/money'
import { TILL_ERROR_CODES, TillError, type TillErrorCode } from './errors'

/**
 * The engine refuses in codes (kebab-case before the codes work, snake_case after it); this maps
 * each refusal a till can meet to the till link's own code. What is not listed here is not the
 * till's fault: it becomes `unavailable` with the engine's sentence, never a silent success.
 */
const BY_ENGINE_CODE: Record<string, TillError['code']> = {
  terminal_in_use: 'terminal_busy',
  terminal_busy: 'terminal_busy',
  device_busy: 'terminal_busy',
  terminal_not_found: 'unknown_terminal',
  unknown_terminal: 'unknown_terminal',
  terminal_not_assigned: 'forbidden_terminal',
  idempotency_key_reused: 'idempotency_key_reused',
  amount_exceeds_remaining: 'amount_exceeds_remaining',
  refund_exceeds_remaining: 'amount_exceeds_remaining',
  cannot_reverse: 'cannot_reverse',
  reversal_not_allowed: 'cannot_reverse',
  cannot_refund: 'cannot_refund',
  manager_approval_required: 'manager_approval_required',
  // Money rules (src/main/payments/money): no PIN can come from a till, so every manager code
  // is the same answer; nothing left is an amount above what is left (0).
  manager_pin_not_set: 'manager_approval_required',
  manager_pin_wrong: 'manager_approval_required',
  manager_pin_locked: 'manager_approval_required',
  nothing_left: 'amount_exceeds_remaining',
  payment_not_found: 'unknown_payment',
  unknown_payment: 'unknown_payment',
  invalid_amount: 'invalid_request',
  invalid_currency: 'invalid_request',
  missing_original: 'invalid_request',
  amount_required: 'invalid_request',
  amount_not_taken: 'invalid_request',
  currency_not_accepted: 'invalid_request',
  original_required: 'invalid_request',
  tips_not_taken: 'invalid_request',
}

/**
 * The money rules' refusals of a follow-up of an earlier payment: `cannot_reverse` when the till
 * asked for a reversal, `cannot_refund` otherwise; the engine's sentence says why.
 */
const FOLLOW_UP_REFUSALS: ReadonlySet<string> = new Set([
  'reversal_after_refund',
  'reversal_after_batch_close',
  'reversal_batch_close_unknown',
  'reversal_must_be_full',
  'already_reversed',
  'already_captured',
  'already_released',
  'linked_operation_pending',
  'original_not_found',
  'original_wrong_kind',
  'original_other_currency',
])
const REVERSALS: ReadonlySet<string> = new Set([
  'saleReversal',
  'refundReversal',
  'moToReversal',
  'preAuthorizationReversal',
])

/** The request field an engine refusal of a value is about. */
const FIELD_OF: Record<string, string> = {
  invalid_currency: 'currency',
  currency_not_accepted: 'currency',
  tips_not_taken: 'tip',
  missing_original: '(path)',
  original_required: '(path)',
}

interface CodedError {
  code: string
  message?: string
  details?: Record<string, unknown>
  params?: Record<string, unknown>
}

function coded(err: unknown): CodedError | undefined {
  if (typeof err !== 'object' || err === null) return undefined
  const e = err as Partial<CodedError> & { kind?: unknown }
  // The Handpoint client's errors carry `kind`, the engine's AppErrors `code`.
  const code = typeof e.code === 'string' ? e.code : typeof e.kind === 'string' ? e.kind : ''
  return code ? { ...e, code } : undefined
}

export const snakeCase = (code: string): string => code.replace(/-/g, '_').toLowerCase()

/** The till link's error for an engine refusal; `context` fills the sentence's parameters. */
export function fromEngineError(
  err: unknown,
  context: { serial?: string; id?: string; currency?: string; operation?: string } = {},
): TillError {
  if (err instanceof TillError) return err
  const e = coded(err)
  const engineCode = e ? snakeCase(e.code) : ''
  // The till link's own codes pass through as they are (`till_<code>`).
  const own = engineCode.startsWith('till_') ? engineCode.slice(5) : undefined
  if (own && (TILL_ERROR_CODES as readonly string[]).includes(own)) {
    return new TillError(own as TillErrorCode, stringParams(e?.params))
  }
  const followUp = REVERSALS.has(context.operation ?? '') ? 'cannot_reverse' : 'cannot_refund'
  const code = !e
    ? undefined
    : FOLLOW_UP_REFUSALS.has(engineCode)
      ? followUp
      : BY_ENGINE_CODE[engineCode]
  const facts = { ...e?.details, ...e?.params }
  const paymentId = typeof facts['paymentId'] === 'string' ? facts['paymentId'] : undefined
  const extra = paymentId ? { paymentId } : {}
  const message = e?.message ?? (err instanceof Error ? err.message : String(err))
  switch (code) {
    case undefined:
      return new TillError('unavailable', { why: stripStop(message) }, [], extra)
    case 'invalid_request':
      return new TillError(
        'invalid_request',
        { problems: stripStop(message) },
        [{ field: FIELD_OF[engineCode] ?? 'amount', problem: message }],
        extra,
      )
    case 'amount_exceeds_remaining': {
      const raw = facts['remainingMinor'] ?? facts['remaining']
      const remaining = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined
      const currency = context.currency ?? ''
      const text =
        remaining === undefined
          ? 'less'
          : isSupportedCurrency(currency)
            ? fromMinorUnits(remaining, currency)
            : remaining
      return new TillError(
        code,
        { remaining: text, currency },
        remaining === undefined
          ? []
          : [{ field: 'amount', problem: 'more than is left', remaining: Number(remaining) }],
        extra,
      )
    }
    case 'cannot_reverse':
    case 'cannot_refund':
      return new TillError(code, { id: context.id ?? '', why: stripStop(message) }, [], extra)
    default:
      return new TillError(
        code,
        { serial: context.serial ?? '', id: context.id ?? '', merchant: 'this merchant' },
        [],
        extra,
      )
  }
}

function stringParams(params: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k, String(v)]))
}

const stripStop = (text: string): string => text.replace(/\.\s*$/, '')
