export type MoneyErrorCode =
  'invalid-amount' | 'unknown-currency' | 'out-of-range' | 'too-many-decimals'

/** A refused amount or currency. `message` is a sentence a cashier can act on. */
export class MoneyError extends Error {
  readonly code: MoneyErrorCode
  constructor(code: MoneyErrorCode, message: string) {
    super(message)
    this.name = 'MoneyError'
    this.code = code
  }
}
