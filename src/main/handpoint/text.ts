import { maskCardNumbers } from '@shared/text/mask-pan'

/** Control characters (C0 and DEL) have no place in identifiers, headers or text shown to people. */
export function hasControlChars(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}

export function replaceControlChars(value: string): string {
  let out = ''
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    out += code < 0x20 || code === 0x7f ? ' ' : value[i]
  }
  return out
}

/** Keys whose values are sentences people or terminals wrote, not ids, codes or versions. */
const FREE_TEXT_KEY = /message|text|description|reason|note|comment/i

/**
 * A string field as we keep it: card numbers masked when the field is free text. Ids (a 13-digit
 * timestamp in a transaction id can pass the Luhn check) are left exactly as sent.
 */
export function keptText(key: string, value: string): string {
  return FREE_TEXT_KEY.test(key) ? maskCardNumbers(value) : value
}
