/**
 * Removes what must never reach a log or a file: API keys, bearer tokens, auth tokens and card
 * numbers (13-19 digit runs, with or without separators). Applied to every log line we write.
 */
const PATTERNS: [RegExp, string][] = [
  [
    /(api[-_]?key[-_]?cloud|apikey|api[-_]?key|auth[-_]?token|authorization)(["'\s:=]+)([^\s"',}]+)/gi,
    '$1$2[redacted]',
  ],
  [/\b(?:\d[ -]?){12,18}\d\b/g, '[card-number]'],
]

export function redact(text: string): string {
  return PATTERNS.reduce((acc, [re, replacement]) => acc.replace(re, replacement), text)
}
