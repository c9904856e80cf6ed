/**
 * Currencies the REST enum accepts (§4.6) and their ISO 4217 minor-unit exponents. Kept local so
 * the simulator does not depend on the client's money module; both follow ISO 4217.
 */
const CODES =
  `AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN
BWP BYR BZD CAD CDF CHF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EEK EGP ERN ETB EUR FJD FKP
GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF
KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LTL LVL LYD MAD MDL MKD MMK MNT MOP MUR MVR MWK MXN MXV MYR MZN
NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP
SLL SOS SRD STD SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UZS VEF VND VUV WST XAF XCD XOF
XPF YER ZAR ZMK ZWL`.split(/\s+/)

const SUPPORTED = new Set(CODES)
const ZERO_DECIMALS = new Set(
  'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF'.split(' '),
)
const THREE_DECIMALS = new Set('BHD IQD JOD KWD LYD OMR TND'.split(' '))

export const isSupportedCurrency = (code: string): boolean => SUPPORTED.has(code)

export function currencyExponent(code: string): number {
  if (ZERO_DECIMALS.has(code)) return 0
  if (THREE_DECIMALS.has(code)) return 3
  return 2
}

/**
 * Major-unit amount in hundredths (e.g. "3779" EUR -> 3779, "37790" KWD -> 3779), exact in
 * integers, used only to recognise the sandbox trigger amounts (37.79 ...). Returns undefined when
 * the amount has no exact hundredths form (e.g. 37.795 KWD) or the currency has no decimals.
 */
export function hundredthsOfMajor(amountMinor: number, currency: string): number | undefined {
  const exponent = currencyExponent(currency)
  if (exponent === 2) return amountMinor
  if (exponent === 3) return amountMinor % 10 === 0 ? amountMinor / 10 : undefined
  return undefined
}

/** "12.34" style major amount for receipts. */
export function formatMajor(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency)
  const negative = amountMinor < 0
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0')
  const major = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`
  return `${negative ? '-' : ''}${major}`
}

/** Major-unit decimal string (tip adjustment body) to minor units, without float arithmetic. */
export function majorToMinor(major: string, currency: string): number | undefined {
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(major)
  if (!match) return undefined
  const exponent = currencyExponent(currency)
  const fraction = match[2] ?? ''
  if (fraction.length > exponent) return undefined
  return Number(match[1] + fraction.padEnd(exponent, '0'))
}
