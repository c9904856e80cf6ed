import { CURRENCIES } from './currencies'
import { MoneyError } from './errors'

/**
 * Conversions between what people type (major units, "12.34") and what Handpoint's
 * `/transactions` expects (a string of digits in minor units, "1234"). Everything is done on
 * digit strings and bigint: a float never touches an amount, so 0.29 EUR is 29 cents, not 28.
 */

/** Handpoint's documented range for `amount`: 0 < amount < 999999999999 (minor units). */
const MAX_MINOR_EXCLUSIVE = 999_999_999_999n

/**
 * Accepted input, after trimming: digits, optionally one "." or "," followed by at least one
 * digit ("12", "12.34", "12,34", "0.5", "007.50"). Refused on purpose: ".5" and "12." (a
 * half-typed amount is more likely a slip than a wish), signs, exponents, spaces inside and
 * thousands separators ("1,234.56" is ambiguous between locales).
 */
const MAJOR_PATTERN = /^(\d+)(?:[.,](\d+))?$/

/** Longest input we bother to parse; anything longer is out of range anyway. */
const MAX_INPUT_LENGTH = 40

function currencyInfo(currency: string) {
  const info = typeof currency === 'string' ? CURRENCIES[currency] : undefined
  if (!info) {
    throw new MoneyError(
      'unknown-currency',
      `Handpoint does not accept the currency ${quote(currency)}; choose a three-letter ISO code such as EUR.`,
    )
  }
  return info
}

/** True when `code` is an upper-case alpha-3 code Handpoint accepts (docs/handpoint-api.md §4.6). */
export function isSupportedCurrency(code: string): boolean {
  return typeof code === 'string' && CURRENCIES[code] !== undefined
}

/** Digits after the decimal point for `code` (ISO 4217). Throws MoneyError for unknown codes. */
export function currencyExponent(code: string): number {
  return currencyInfo(code).exponent
}

/**
 * Converts a typed major-unit amount to Handpoint's minor-unit digit string:
 * `toMinorUnits('12.34', 'EUR') === '1234'`, `toMinorUnits('500', 'JPY') === '500'`,
 * `toMinorUnits('1,5', 'BHD') === '1500'`. Throws MoneyError when the amount is empty, not a
 * plain decimal number, has more decimals than the currency allows, or is not strictly between
 * 0 and 999999999999 minor units.
 */
export function toMinorUnits(major: string, currency: string): string {
  const { exponent } = currencyInfo(currency)
  const text = typeof major === 'string' ? major.trim() : ''
  if (text === '') {
    throw new MoneyError('invalid-amount', 'Enter an amount, for example 12.34.')
  }
  if (text.length > MAX_INPUT_LENGTH) {
    throw new MoneyError('out-of-range', `That amount is too large for one ${currency} payment.`)
  }
  if (text.startsWith('-')) {
    throw new MoneyError(
      'invalid-amount',
      `Amounts cannot be negative (${quote(text)}); enter the amount without a sign.`,
    )
  }
  if (/^[.,]\d+$/.test(text)) {
    throw new MoneyError(
      'invalid-amount',
      `Put a digit before the decimal point, for example 0${text.replace(',', '.')}.`,
    )
  }
  const match = MAJOR_PATTERN.exec(text)
  if (!match) {
    throw new MoneyError(
      'invalid-amount',
      `Enter the amount as digits with at most one decimal point, like 12.34 ("${quote(text)}" is not).`,
    )
  }
  const whole = match[1] ?? ''
  const fraction = match[2] ?? ''
  // Trailing zeros carry no value, so "12.340" is a valid EUR amount and "500.0" a valid JPY
  // one; only significant decimals count against the currency's exponent.
  const significant = fraction.replace(/0+$/, '')
  if (significant.length > exponent) {
    throw new MoneyError(
      'too-many-decimals',
      tooManyDecimals(currency, exponent, text, significant),
    )
  }
  const minor = BigInt(whole + significant.padEnd(exponent, '0'))
  if (minor <= 0n) {
    throw new MoneyError('out-of-range', 'The amount must be more than zero.')
  }
  if (minor >= MAX_MINOR_EXCLUSIVE) {
    throw new MoneyError(
      'out-of-range',
      `The amount is more than Handpoint accepts for one payment: at most ${fromMinorUnits(MAX_MINOR_EXCLUSIVE - 1n, currency)} ${currency}.`,
    )
  }
  return minor.toString()
}

/** Why a minor-unit amount was refused (see `checkMinorAmount`). */
export type MinorAmountProblem =
  'not_whole' | 'negative' | 'zero' | 'too_large' | 'unknown_currency'

/**
 * Checks an amount that is already in minor units, as it crosses the bridge: a string of at most
 * 12 digits (a leading "-" only when `signed`), never zero, below Handpoint's 999999999999, in a
 * currency Handpoint accepts (its exponent is what gives the digits their meaning). Returns the
 * problem, or undefined when the amount is fine.
 */
export function checkMinorAmount(
  minor: string,
  currency: string,
  options: { signed?: boolean } = {},
): MinorAmountProblem | undefined {
  if (!isSupportedCurrency(currency)) return 'unknown_currency'
  if (typeof minor !== 'string' || !/^-?\d{1,12}$/.test(minor)) {
    return typeof minor === 'string' && /^-?\d{13,}$/.test(minor) ? 'too_large' : 'not_whole'
  }
  const value = BigInt(minor)
  if (value < 0n && !options.signed) return 'negative'
  if (value === 0n) return 'zero'
  if ((value < 0n ? -value : value) >= MAX_MINOR_EXCLUSIVE) return 'too_large'
  return undefined
}

/**
 * Converts minor units (as Handpoint sends them) to a plain major-unit string with exactly the
 * currency's decimals: `fromMinorUnits('1234', 'EUR') === '12.34'`, JPY `'500'` stays `'500'`,
 * BHD `'1234'` is `'1.234'`. Negative integers are allowed (a pre-authorisation decrease);
 * anything that is not a whole number throws MoneyError.
 */
export function fromMinorUnits(minor: string | number | bigint, currency: string): string {
  const { exponent } = currencyInfo(currency)
  const value = toBigInt(minor)
  const negative = value < 0n
  const digits = (negative ? -value : value).toString().padStart(exponent + 1, '0')
  const whole = digits.slice(0, digits.length - exponent)
  const fraction = digits.slice(digits.length - exponent)
  return `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`
}

function toBigInt(minor: string | number | bigint): bigint {
  if (typeof minor === 'bigint') return minor
  if (typeof minor === 'number') {
    if (Number.isSafeInteger(minor)) return BigInt(minor)
    throw notWhole(minor)
  }
  if (typeof minor === 'string' && /^-?\d{1,30}$/.test(minor.trim())) return BigInt(minor.trim())
  throw notWhole(minor)
}

function notWhole(minor: unknown): MoneyError {
  return new MoneyError(
    'invalid-amount',
    `An amount in minor units must be a whole number ("${quote(String(minor))}" is not).`,
  )
}

function tooManyDecimals(currency: string, exponent: number, text: string, decimals: string) {
  const allowed = exponent === 0 ? 'have no decimals' : `have at most ${exponent} decimals`
  return `${currency} amounts ${allowed}: ${quote(text)} has ${decimals.length}.`
}

/** Echoes user input in messages, shortened so a pasted blob cannot flood the UI. */
function quote(value: unknown): string {
  const text = String(value)
  return text.length > 24 ? `${text.slice(0, 21)}...` : text
}
