import type { ServerResponse } from 'node:http'
import type { TillError, TillErrorCode } from '../errors'

/** The HTTP status of each till link refusal. */
export const STATUS: Record<TillErrorCode, number> = {
  invalid_request: 400,
  idempotency_key_required: 400,
  unauthorized: 401,
  forbidden_terminal: 403,
  manager_approval_required: 403,
  unknown_terminal: 404,
  unknown_payment: 404,
  no_receipt: 404,
  not_found: 404,
  method_not_allowed: 405,
  terminal_busy: 409,
  cannot_cancel: 409,
  cannot_reverse: 409,
  cannot_refund: 409,
  receipt_not_ready: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  amount_exceeds_remaining: 422,
  rate_limited: 429,
  too_many_streams: 429,
  internal_error: 500,
  unavailable: 503,
}

const BASE_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}

export function sendError(
  res: ServerResponse,
  error: TillError,
  headers: Record<string, string> = {},
): void {
  const retry = error.extra.retryAfterSeconds
  sendJson(
    res,
    STATUS[error.code],
    { error: { code: error.code, message: error.message, details: error.details } },
    {
      ...(retry !== undefined ? { 'Retry-After': String(retry) } : {}),
      ...(error.code === 'unauthorized' ? { 'WWW-Authenticate': 'Bearer realm="till link"' } : {}),
      ...headers,
    },
  )
}
