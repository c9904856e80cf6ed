/**
 * Rules for what a cashier may type into the amount field: digits, one decimal separator, and no
 * more decimals than the currency has (none for JPY, three for KWD). Pure so it is easy to test.
 */
import { currencyExponent } from './money'

/** Cleans a typed value: keeps digits and the first separator, caps decimals and length. */
export function sanitizeAmount(raw: string, currency: string): string {
  const exp = currencyExponent(currency)
  let out = ''
  let seenSep = false
  let decimals = 0
  for (const ch of raw) {
    if (ch >= '0' && ch <= '9') {
      if (seenSep) {
        if (decimals >= exp) continue
        decimals++
      } else if (out.replace(/\D/g, '').length >= 12) continue
      out += ch
    } else if ((ch === '.' || ch === ',') && !seenSep && exp > 0) {
      seenSep = true
      out += out === '' ? '0.' : '.'
    }
  }
  return out.replace(/^0+(?=\d)/, '')
}

/** Applies one keypad key ('0'..'9', '00', '.', 'back', 'clear') to the current entry. */
export function applyKey(current: string, key: string, currency: string): string {
  if (key === 'clear') return ''
  if (key === 'back') return current.slice(0, -1)
  return sanitizeAmount(current + key, currency)
}

/** True when the entry is a positive amount. */
export function isPositiveAmount(entry: string): boolean {
  return /\d/.test(entry) && /[1-9]/.test(entry)
}
