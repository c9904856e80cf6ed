import { HandpointError, describeHandpointError, messageFor, type FieldError } from './errors'
import { maskCardNumbers } from '@shared/text/mask-pan'
import { replaceControlChars } from './text'
import type { HandpointErrorKind } from './types'

/**
 * Turns a non-2xx answer into a HandpointError. Handpoint's error bodies come in several shapes
 * (docs/handpoint-api.md §3 and open question 1), all of which must be understood:
 *   {"error":{"statusCode":400,"name":"BadRequestError","message":{"error":1001,"message":"…"}}}
 *   {"error":{"statusCode":400,…,"message":"{\"error\":1001,\"message\":\"Device is busy\"}"}}
 *   {"error":1001,"message":"Device is busy"}
 *   {"error":{"statusCode":400,…,"message":"Invalid guid [fake-guid]"}}
 *   {"error":{"statusCode":422,…,"code":"VALIDATION_FAILED","details":[{"path":"/amount",…}]}}
 *   {"error":{"statusCode":400,…,"message":"<text>","code":"3051","details":{"errorCode":"3051",…}}}
 * Nothing here throws: a body we cannot read still yields an error typed by its HTTP status.
 */

const TERMINAL_KINDS: Record<number, HandpointErrorKind> = {
  1001: 'terminal-busy',
  1002: 'terminal-offline',
  1003: 'cancel-not-allowed',
  1004: 'terminal-not-assigned',
}

export interface ResponseContext {
  status: number
  body: string
  retryAfter?: string
  /** A POST that may have reached the terminal turns server errors into ambiguous ones. */
  mayHaveReachedTerminal: boolean
  now: () => number
}

export function errorFromResponse(ctx: ResponseContext): HandpointError {
  const json = parseJson(ctx.body)
  const { terminalCode, text } = readMessage(json)
  const httpStatus = ctx.status
  const base = { httpStatus, ...(terminalCode !== undefined ? { terminalCode } : {}) }

  if (terminalCode !== undefined && TERMINAL_KINDS[terminalCode] && httpStatus < 500) {
    const kind = TERMINAL_KINDS[terminalCode]!
    return new HandpointError(kind, describeHandpointError(kind), base)
  }
  if (httpStatus === 409) {
    // Only in tier-B material ("transaction already in progress"): treat like 1001.
    return new HandpointError('terminal-busy', describeHandpointError('terminal-busy'), base)
  }
  if (httpStatus === 401) return simple('unauthorized', base)
  if (httpStatus === 403) return simple('forbidden', base)
  if (httpStatus === 404) return simple('not-found', base)
  if (httpStatus === 422) {
    const fieldErrors = readFieldErrors(json)
    const listed = fieldErrors.map((f) => `${f.path || 'body'} ${f.message}`).join('; ')
    const message = listed
      ? `Handpoint rejected fields of the request: ${clip(listed)}. Correct them, then try again.`
      : describeHandpointError('validation')
    return new HandpointError('validation', message, { ...base, fieldErrors })
  }
  if (httpStatus === 429) {
    const retryAfterMs = parseRetryAfter(ctx.retryAfter, ctx.now)
    const wait =
      retryAfterMs === undefined
        ? ''
        : ` Handpoint asks to wait ${Math.ceil(retryAfterMs / 1000)} s.`
    return new HandpointError('rate-limited', `${describeHandpointError('rate-limited')}${wait}`, {
      ...base,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    })
  }
  if (httpStatus >= 500 && httpStatus <= 599) {
    const ambiguous = ctx.mayHaveReachedTerminal
    return new HandpointError('server', messageFor('server', ambiguous), { ...base, ambiguous })
  }
  if (httpStatus >= 400 && httpStatus <= 499) {
    const message = text
      ? `Handpoint refused the request: ${clip(text)}. Check the details, then try again.`
      : describeHandpointError('bad-request')
    const gatewayCode = readGatewayCode(json)
    return new HandpointError('bad-request', message, {
      ...base,
      ...(gatewayCode !== undefined ? { gatewayCode } : {}),
    })
  }
  // 1xx/3xx (redirects are not followed: they would carry the API key elsewhere) or other oddities.
  const ambiguous = ctx.mayHaveReachedTerminal
  const message = ambiguous
    ? messageFor('malformed-response', true)
    : `Handpoint answered with an unexpected HTTP status ${httpStatus}. Try again; if it keeps happening, contact support.`
  return new HandpointError('malformed-response', message, { httpStatus, ambiguous })
}

function simple(kind: HandpointErrorKind, base: { httpStatus: number; terminalCode?: number }) {
  return new HandpointError(kind, describeHandpointError(kind), base)
}

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: () => number): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000
  if (!/[a-z]/i.test(text)) return undefined
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - now())
}

export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function asCode(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value
  if (typeof value === 'string' && /^\d{4}$/.test(value.trim())) return Number(value)
  return undefined
}

/** Finds the terminal code and human text in any documented error shape. */
function readMessage(json: unknown): { terminalCode?: number; text?: string } {
  if (!isRecord(json)) return {}
  const outer = json.error
  const flatCode = asCode(outer)
  if (flatCode !== undefined) {
    return { terminalCode: flatCode, ...textOf(json.message) }
  }
  if (!isRecord(outer)) return textOf(json.message)
  let message = outer.message
  if (typeof message === 'string' && message.trim().startsWith('{')) {
    const decoded = parseJson(message)
    if (isRecord(decoded)) message = decoded
  }
  if (isRecord(message)) {
    const code = asCode(message.error) ?? asCode(message.code)
    return { ...(code !== undefined ? { terminalCode: code } : {}), ...textOf(message.message) }
  }
  const code = asCode(outer.error)
  return { ...(code !== undefined ? { terminalCode: code } : {}), ...textOf(message) }
}

/** The gateway's error code of a no-terminal endpoint: `error.code` or `error.details.errorCode`. */
function readGatewayCode(json: unknown): string | undefined {
  const outer = isRecord(json) ? json.error : undefined
  if (!isRecord(outer)) return undefined
  const details = isRecord(outer.details) ? outer.details : undefined
  for (const value of [outer.code, details?.errorCode]) {
    const code = typeof value === 'number' && Number.isInteger(value) ? String(value) : value
    if (typeof code === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(code.trim())) return code.trim()
  }
  return undefined
}

function textOf(value: unknown): { text?: string } {
  if (typeof value !== 'string') return {}
  // Server text is shown to people and kept as evidence: strip control characters and trailing
  // punctuation, and mask any card number in it.
  const text = maskCardNumbers(replaceControlChars(value))
    .trim()
    .replace(/[.\s]+$/, '')
  return text ? { text } : {}
}

function readFieldErrors(json: unknown): FieldError[] {
  const outer = isRecord(json) ? json.error : undefined
  const details = isRecord(outer) ? outer.details : undefined
  if (!Array.isArray(details)) return []
  const errors: FieldError[] = []
  for (const item of details.slice(0, 50)) {
    if (!isRecord(item)) continue
    let path = typeof item.path === 'string' ? item.path : ''
    const info = isRecord(item.info) ? item.info : undefined
    // LoopBack reports a missing property at the parent path; point at the property itself.
    if (info && typeof info.missingProperty === 'string') {
      path = `${path.replace(/\/$/, '')}/${info.missingProperty}`
    }
    const message =
      textOf(item.message).text ?? (typeof item.code === 'string' ? item.code : 'is invalid')
    errors.push({ path: maskCardNumbers(path), message: maskCardNumbers(message) })
  }
  return errors
}

function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 297)}...` : text
}
