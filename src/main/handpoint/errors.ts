import type { HandpointErrorKind } from './types'

export interface FieldError {
  /** JSON pointer of the offending field, e.g. "/amount"; "" for the whole body. */
  path: string
  message: string
}

export interface HandpointErrorDetails {
  httpStatus?: number
  /** Handpoint's terminal error code (1001 busy, 1002 offline, 1003, 1004, ...). */
  terminalCode?: number
  retryAfterMs?: number
  fieldErrors?: FieldError[]
  /** The gateway's own error code on a 400 from a no-terminal endpoint (batch, reversal, ...). */
  gatewayCode?: string
  /** True when a POST may have reached the terminal: resolve the outcome, never re-POST. */
  ambiguous?: boolean
  cause?: unknown
}

/**
 * Every failure of the Handpoint client. `kind` is what code branches on; `message` is a
 * sentence for people. `ambiguous` marks the dangerous case: the request may have reached the
 * terminal, so the caller must find out what happened before doing anything else.
 */
export class HandpointError extends Error {
  readonly kind: HandpointErrorKind
  readonly httpStatus?: number
  readonly terminalCode?: number
  readonly retryAfterMs?: number
  readonly fieldErrors?: FieldError[]
  readonly gatewayCode?: string
  readonly ambiguous: boolean

  constructor(kind: HandpointErrorKind, message: string, details: HandpointErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.name = 'HandpointError'
    this.kind = kind
    this.ambiguous = details.ambiguous ?? false
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus
    if (details.terminalCode !== undefined) this.terminalCode = details.terminalCode
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs
    if (details.fieldErrors !== undefined) this.fieldErrors = details.fieldErrors
    if (details.gatewayCode !== undefined) this.gatewayCode = details.gatewayCode
  }
}

/** What each kind means for the person at the till, and what they can do next. */
const KIND_MESSAGES: Record<HandpointErrorKind, string> = {
  'terminal-busy':
    'The terminal is busy with another operation. Wait until it shows its idle screen, then try again.',
  'terminal-offline':
    'The terminal is not responding. Check that it is switched on, connected to the internet and showing the Handpoint payment app, then try again.',
  'cancel-not-allowed':
    'The terminal cannot cancel at this step: cancelling works only while it waits for the card or the PIN. Wait for the terminal to finish.',
  'terminal-not-assigned':
    "This terminal does not belong to the merchant of this API key. Refresh the terminal list or check the merchant's settings.",
  'bad-request':
    'Handpoint refused the request as invalid. Check the amount and details, then try again.',
  unauthorized:
    'This API key does not own that transaction. Use the key of the merchant that took the payment.',
  forbidden:
    "Handpoint did not accept the API key. Check the merchant's key and whether it is for production or development.",
  'not-found':
    'Handpoint does not know that transaction or terminal. It may have expired or belong to another environment.',
  validation:
    'Handpoint rejected fields of the request. Check the highlighted fields, then try again.',
  'rate-limited':
    'Too many requests reached Handpoint in a short time. Wait a few seconds, then try again.',
  server: 'Handpoint had a problem on its side. Wait a moment, then try again.',
  network:
    'Handpoint could not be reached. Check the internet connection of this computer, then try again.',
  timeout: 'Handpoint did not answer in time. Check the internet connection, then try again.',
  'malformed-response':
    'Handpoint answered with something this app cannot read. Try again; if it keeps happening, contact support.',
  'invalid-input':
    'The request is incomplete or invalid, so it was not sent. Correct it, then try again.',
  'batch-number-required':
    "This terminal's acquirer needs the batch number to close the batch. Take it from the terminal's latest payment or batch summary, then try again.",
}

/** How an ambiguous failure started; the advice that follows is never "try again". */
const AMBIGUOUS_OPENINGS: Partial<Record<HandpointErrorKind, string>> = {
  timeout: 'Handpoint did not answer in time.',
  network: 'The connection to Handpoint broke before its answer arrived.',
  server: 'Handpoint reported a problem on its side while taking the request.',
  'malformed-response': 'Handpoint took the request but its answer could not be read.',
}

const AMBIGUOUS_ADVICE =
  'The operation may have reached the terminal: do not start it again until its outcome is known.'

/**
 * A sentence for the UI. Given an error that is ambiguous, it warns that the operation must not
 * be repeated (doing so could charge the card twice); given a kind, it returns that kind's wording.
 */
export function describeHandpointError(error: HandpointError | HandpointErrorKind): string {
  if (typeof error === 'string') return messageFor(error, false)
  return messageFor(error.kind, error.ambiguous)
}

/** The sentence for a kind, in its ambiguous wording when the request may have gone through. */
export function messageFor(kind: HandpointErrorKind, ambiguous: boolean): string {
  if (!ambiguous) return KIND_MESSAGES[kind] ?? KIND_MESSAGES.server
  const opening = AMBIGUOUS_OPENINGS[kind] ?? 'The request ended without a clear answer.'
  return `${opening} ${AMBIGUOUS_ADVICE}`
}

export function isHandpointError(value: unknown): value is HandpointError {
  return value instanceof HandpointError
}
