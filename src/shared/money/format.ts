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
  const exponent = currencyExponent(currency)
  const major = fromMinorUnits(minor, currency) as `${number}`
  const options: Intl.NumberFormatOptions = {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }
  let formatter: Intl.NumberFormat
  try {
    formatter = new Intl.NumberFormat(locale, options)
  } catch {
    formatter = new Intl.NumberFormat('en', options)
  }
  return formatter.format(major)
}
