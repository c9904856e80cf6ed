import type { z } from 'zod'
import { parseJson } from './error-body'
import { HandpointError, type FieldError } from './errors'
import type { RawResponse } from './http'
import { hasControlChars } from './text'

/** Helpers every group of client methods shares: path segments, refusals, JSON bodies. */

export function jsonOf(response: RawResponse, what: string): unknown {
  const json = parseJson(response.body)
  if (json === undefined) {
    throw new HandpointError(
      'malformed-response',
      `Handpoint answered with something this app cannot read: the ${what} is not JSON. Try again; if it keeps happening, contact support.`,
      { httpStatus: response.status },
    )
  }
  return json
}

/** An id for a URL path: non-empty, at most 128 characters, no control characters; encoded. */
export function pathSegment(value: string, field: string): string {
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > 128 ||
    hasControlChars(value)
  ) {
    throw invalidInput(field, 'must be a non-empty identifier of at most 128 characters')
  }
  return encodeURIComponent(value)
}

export function invalidInput(path: string, problem: string): HandpointError {
  return invalidFields('request', [{ path, message: problem }])
}

/** `invalid-input` naming the first problem; nothing was sent. */
export function invalidFields(what: string, fieldErrors: FieldError[]): HandpointError {
  const first = fieldErrors[0]
  const more = fieldErrors.length > 1 ? ` (and ${fieldErrors.length - 1} more problems)` : ''
  const detail = first ? `${first.path} ${first.message}${more}` : 'it is incomplete'
  return new HandpointError(
    'invalid-input',
    `The ${what} was not sent: ${detail}. Correct it, then try again.`,
    { fieldErrors },
  )
}

/** Zod issues in our camelCase field names. */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.join('.') || 'input',
    message:
      issue.code === 'unrecognized_keys'
        ? `has unknown fields ${issue.keys.join(', ')}`
        : issue.message,
  }))
}

/** A malformed answer. `ambiguous` when the request may have changed something. */
export function malformed(what: string, ambiguous = false, httpStatus?: number): HandpointError {
  const message = ambiguous
    ? 'Handpoint took the request but its answer could not be read. The operation may have reached the terminal: do not start it again until its outcome is known.'
    : `Handpoint answered with something this app cannot read: ${what}. Try again; if it keeps happening, contact support.`
  return new HandpointError('malformed-response', message, {
    ambiguous,
    ...(httpStatus !== undefined ? { httpStatus } : {}),
  })
}
