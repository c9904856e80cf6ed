/**
 * Why a request to Handpoint failed, as the `cause` parameter of a message: the Handpoint
 * client's failure kinds in snake_case. English words here; the renderer words each as
 * `codes.cause.<cause>`.
 */
export const CAUSE_WORDS = {
  terminal_busy: 'the terminal is busy',
  terminal_offline: 'the terminal is not responding',
  cancel_not_allowed: 'too late to cancel',
  terminal_not_assigned: 'the terminal belongs to another merchant',
  bad_request: 'the request was refused as invalid',
  unauthorized: 'the key does not own that transaction',
  forbidden: 'the API key was refused',
  not_found: 'not known to Handpoint',
  validation: 'fields of the request were refused',
  rate_limited: 'too many requests',
  server: 'a problem on Handpoint’s side',
  network: 'no connection',
  timeout: 'no answer in time',
  malformed_response: 'an answer that could not be read',
  invalid_input: 'the request was incomplete',
  batch_number_required: 'the acquirer needs the batch number',
  unknown: 'an unexpected error',
} as const satisfies Record<string, string>

export type FailureCause = keyof typeof CAUSE_WORDS

/** The cause for a failure kind ("terminal-busy" -> "terminal_busy"); unknown kinds -> "unknown". */
export function causeOf(kind: string | undefined): FailureCause {
  const cause = (kind ?? '').replace(/-/g, '_')
  return Object.hasOwn(CAUSE_WORDS, cause) ? (cause as FailureCause) : 'unknown'
}
