import { currencyExponent } from './convert'
import { MoneyError } from './errors'

/**
 * Amounts that a system (not a person) writes as major-unit decimal strings, such as Handpoint's
 * batch answers: `"245.00"`, `"-12.50"`, `"0"`. Unlike `toMinorUnits` (what a cashier types),
 * zero and a sign are fine here (a batch can net to nothing or to more refunds than sales), the
 * separator is always ".", and no range is imposed beyond what an integer can hold exactly.
 * Digit strings and bigint all the way: a float never touches the amount.
 */
const DECIMAL = /^([+-]?)(\d{1,15})(?:\.(\d{1,9}))?$/

/**
 * `"245.00"` EUR -> 24500, `"1.5"` BHD -> 1500, `"500"` JPY -> 500, `"-25.00"` EUR -> -2500.
 * Throws MoneyError when the text is not a plain decimal number, carries more significant
 * decimals than the currency has (`"1.005"` EUR), or the currency is unknown.
 */
export function minorFromDecimal(text: string, currency: string): number {
  const exponent = currencyExponent(currency)
  const match = typeof text === 'string' ? DECIMAL.exec(text.trim()) : null
  if (!match) {
    throw new MoneyError(
      'invalid-amount',
      `"${String(text).slice(0, 24)}" is not a decimal amount like 245.00.`,
    )
  }
  const [, sign, whole = '', fraction = ''] = match
  const significant = fraction.replace(/0+$/, '')
  if (significant.length > exponent) {
    throw new MoneyError(
      'too-many-decimals',
      `${currency} amounts have ${exponent === 0 ? 'no decimals' : `at most ${exponent} decimals`}: "${text.trim()}" has more.`,
    )
  }
  const minor = BigInt(whole + significant.padEnd(exponent, '0'))
  const signed = sign === '-' ? -minor : minor
  // 15 digits plus up to 3 decimals can exceed 2^53; refuse rather than round.
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new MoneyError('out-of-range', `"${text.trim()}" ${currency} is too large to count.`)
  }
  // `-0` is not an amount anyone means.
  return signed === 0n ? 0 : Number(signed)
}
