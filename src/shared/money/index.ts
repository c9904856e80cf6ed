/**
 * Money for every process (main and renderer): the currencies Handpoint accepts, exact
 * conversions between typed major amounts and wire minor units, and display formatting.
 * Runtime-neutral: no Node, no Electron, no Vue.
 */
export { CURRENCIES } from './currencies'
export type { CurrencyInfo } from './currencies'
export {
  checkMinorAmount,
  currencyExponent,
  fromMinorUnits,
  isSupportedCurrency,
  toMinorUnits,
} from './convert'
export type { MinorAmountProblem } from './convert'
export { formatMoney } from './format'
export { minorFromDecimal } from './decimal'
export { MoneyError } from './errors'
export type { MoneyErrorCode } from './errors'
