/**
 * Money helpers for the checkout screen over the shared money module. The entry preview must
 * cope with half-typed amounts ("12.", "0") that the shared strict parser rightly refuses, so
 * majorToMinor here is lenient; the engine still validates what is sent.
 */
import { currencyExponent as sharedExponent, formatMoney, fromMinorUnits } from '@shared/money'

/** Minor-unit exponent of a currency: 2 for EUR, 0 for JPY, 3 for KWD (2 when unknown). */
export function currencyExponent(currency: string): number {
  try {
    return sharedExponent(currency)
  } catch {
    return 2
  }
}

/** "12.34" (or "12,34") in major units -> "1234"; undefined when it is not an amount. */
export function majorToMinor(major: string, currency: string): string | undefined {
  const exp = currencyExponent(currency)
  const m = /^(\d{1,12})(?:[.,](\d*))?$/.exec(major.trim())
  if (!m) return undefined
  const fraction = m[2] ?? ''
  if (fraction.length > exp) return undefined
  const digits = (m[1] ?? '0') + fraction.padEnd(exp, '0')
  return digits.replace(/^0+(?=\d)/, '')
}

/** "1234" minor -> "12.34" major with a dot, the form the contract expects. */
export function minorToMajor(minor: string, currency: string): string {
  try {
    return fromMinorUnits(minor, currency)
  } catch {
    return minor
  }
}

/** Formats minor units for people, e.g. "€12.34", "¥1,500", "KWD 1.234". */
export function formatMinor(minor: string | undefined, currency: string, locale: string): string {
  if (minor === undefined || !/^-?\d+$/.test(minor)) return '—'
  try {
    return formatMoney(minor, currency, locale)
  } catch {
    return `${minor} ${currency}`
  }
}

/** Subtracts minor-unit strings with BigInt; never below zero. */
export function minorMinus(a: string, b: string): string {
  const d = BigInt(a) - BigInt(b)
  return d > 0n ? d.toString() : '0'
}

export function minorSum(values: readonly string[]): string {
  return values.reduce((acc, v) => acc + BigInt(v), 0n).toString()
}

export function minorCompare(a: string, b: string): number {
  const d = BigInt(a) - BigInt(b)
  return d === 0n ? 0 : d > 0n ? 1 : -1
}

const separators = new Map<string, string>()

/** The decimal separator of an Intl locale ("," for de-DE), worked out once per locale. */
export function decimalSeparator(locale: string): string {
  let separator = separators.get(locale)
  if (separator === undefined) {
    separator =
      new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ??
      '.'
    separators.set(locale, separator)
  }
  return separator
}
