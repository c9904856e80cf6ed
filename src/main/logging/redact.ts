import { maskCardNumbers } from '@shared/text/mask-pan'

/**
 * Removes what must never reach a log or a file: API keys, bearer tokens and auth tokens, manager
 * PINs, and card numbers (Luhn-valid runs of 13-19 digits, plain or printed in groups, masked to
 * the last four). Applied to every log line we write.
 */
const SECRETS: RegExp =
  /(api[-_]?key[-_]?cloud|apikey|api[-_]?key|auth[-_]?token|authorization|(?:manager|current|new)[-_]?pin)(["'\s:=]+)([^\s"',}]+)/gi

export function redact(text: string): string {
  return maskCardNumbers(text.replace(SECRETS, '$1$2[redacted]'))
}
