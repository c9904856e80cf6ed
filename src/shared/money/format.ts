import { currencyExponent, fromMinorUnits } from './convert'

/**
 * Formats minor units for people, e.g. `formatMoney('1234', 'EUR', 'de') === '12,34 €'`.
 * Always shows the ISO 4217 number of decimals (CLDR disagrees for a few, e.g. IQD), and feeds
 * Intl an exact decimal string so large amounts are not rounded through a float.
 * An unusable locale falls back to English rather than failing the screen.
 */
export function formatMoney(
  minor: string | number | bigint,
  currency: string,
  locale = 'en',
): string {
  const major = fromMinorUnits(minor, currency) as `${number}`
  return formatterFor(currency, locale).format(major)
}

/**
 * One formatter per currency and locale, kept: building an Intl.NumberFormat costs far more than
 * formatting with one, and a screen formats the same few pairs over and over.
 */
const formatters = new Map<string, Intl.NumberFormat>()

function formatterFor(currency: string, locale: string): Intl.NumberFormat {
  const key = `${currency}\u0000${locale}`
  let formatter = formatters.get(key)
  if (!formatter) {
    const exponent = currencyExponent(currency)
    const options: Intl.NumberFormatOptions = {
      style: 'currency',
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    }
    try {
      formatter = new Intl.NumberFormat(locale, options)
    } catch {
      formatter = new Intl.NumberFormat('en', options)
    }
    formatters.set(key, formatter)
  }
  return formatter
}
