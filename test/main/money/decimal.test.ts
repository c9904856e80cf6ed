import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CURRENCIES, MoneyError, fromMinorUnits, minorFromDecimal } from '@shared/money'

const codeOf = (error: unknown) => (error instanceof MoneyError ? error.code : error)
const refusal = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    return codeOf(error)
  }
  throw new Error('expected a MoneyError')
}

describe('minorFromDecimal (major-unit strings written by systems)', () => {
  it("converts by the currency's exponent, with zero and a sign allowed", () => {
    expect(minorFromDecimal('245.00', 'EUR')).toBe(24500)
    expect(minorFromDecimal('50', 'EUR')).toBe(5000)
    expect(minorFromDecimal('0.5', 'EUR')).toBe(50)
    expect(minorFromDecimal('-25.00', 'EUR')).toBe(-2500)
    expect(minorFromDecimal('0', 'EUR')).toBe(0)
    expect(minorFromDecimal('-0.00', 'EUR')).toBe(0)
    expect(minorFromDecimal('500', 'JPY')).toBe(500)
    expect(minorFromDecimal('500.00', 'JPY')).toBe(500)
    expect(minorFromDecimal('1.5', 'BHD')).toBe(1500)
    expect(minorFromDecimal(' 0.29 ', 'EUR')).toBe(29)
  })

  it('refuses what is not a plain decimal, excess decimals and unknown currencies', () => {
    expect(refusal(() => minorFromDecimal('12,34', 'EUR'))).toBe('invalid-amount')
    expect(refusal(() => minorFromDecimal('1e3', 'EUR'))).toBe('invalid-amount')
    expect(refusal(() => minorFromDecimal('.5', 'EUR'))).toBe('invalid-amount')
    expect(refusal(() => minorFromDecimal('', 'EUR'))).toBe('invalid-amount')
    expect(refusal(() => minorFromDecimal(12 as unknown as string, 'EUR'))).toBe('invalid-amount')
    expect(refusal(() => minorFromDecimal('1.005', 'EUR'))).toBe('too-many-decimals')
    expect(refusal(() => minorFromDecimal('245.50', 'JPY'))).toBe('too-many-decimals')
    expect(refusal(() => minorFromDecimal('999999999999999.999', 'BHD'))).toBe('out-of-range')
    expect(refusal(() => minorFromDecimal('1.00', 'XXX'))).toBe('unknown-currency')
  })

  it('is the exact inverse of fromMinorUnits for every currency', () => {
    const codes = Object.keys(CURRENCIES)
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }),
        (currency, minor) => {
          expect(minorFromDecimal(fromMinorUnits(minor, currency), currency)).toBe(minor)
        },
      ),
      { numRuns: 2000 },
    )
  })
})
