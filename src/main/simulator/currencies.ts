import { currencyExponent, fromMinorUnits, isSupportedCurrency, toMinorUnits } from '@shared/money'

/**
 * The simulator's few money needs, on top of the shared ISO 4217 table (§4.6) so the simulator
 * and the client can never disagree about a currency or its exponent.
 */
export { currencyExponent, isSupportedCurrency }

/**
 * Major-unit amount in hundredths (e.g. "3779" EUR -> 3779, "37790" KWD -> 3779), exact in
 * integers, used only to recognise the sandbox trigger amounts (37.79 ...). Undefined when the
 * amount has no exact hundredths form (37.795 KWD) or the currency has no decimals (JPY).
 */
export function hundredthsOfMajor(amountMinor: number, currency: string): number | undefined {
  const exponent = currencyExponent(currency)
  if (exponent === 2) return amountMinor
  if (exponent === 3) return amountMinor % 10 === 0 ? amountMinor / 10 : undefined
  return undefined
}

/** "12.34" style major amount for receipts; empty for an unknown currency. */
export function formatMajor(amountMinor: number, currency: string): string {
  return isSupportedCurrency(currency) ? fromMinorUnits(amountMinor, currency) : String(amountMinor)
}

/** Major-unit amount (tip adjustment body, §2.5) to minor units; undefined when invalid. */
export function majorToMinor(major: string, currency: string): number | undefined {
  try {
    return Number(toMinorUnits(major, currency))
  } catch {
    return undefined
  }
}
