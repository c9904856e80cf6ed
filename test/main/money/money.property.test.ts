import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CURRENCIES,
  MoneyError,
  formatMoney,
  fromMinorUnits,
  isSupportedCurrency,
  toMinorUnits,
} from '@shared/money'

const codes = Object.keys(CURRENCIES)
const currency = fc.constantFrom(...codes)
/** Every amount Handpoint accepts: 0 < minor < 999999999999. */
const validMinor = fc.bigInt({ min: 1n, max: 999_999_999_998n })

describe('money properties', () => {
  it('round-trips every valid amount of every supported currency', () => {
    fc.assert(
      fc.property(currency, validMinor, (code, minor) => {
        const major = fromMinorUnits(minor, code)
        expect(toMinorUnits(major, code)).toBe(minor.toString())
        expect(toMinorUnits(major.replace('.', ','), code)).toBe(minor.toString())
      }),
      { numRuns: 2000 },
    )
  })

  it('checks every currency at both ends of the range', () => {
    for (const code of codes) {
      expect(toMinorUnits(fromMinorUnits(1n, code), code)).toBe('1')
      expect(toMinorUnits(fromMinorUnits(999_999_999_998n, code), code)).toBe('999999999998')
      expect(() => toMinorUnits(fromMinorUnits(999_999_999_999n, code), code)).toThrow(MoneyError)
    }
  })

  it('agrees with exact decimal arithmetic for typed amounts', () => {
    fc.assert(
      fc.property(
        currency,
        fc.bigInt({ min: 0n, max: 9_999_999n }),
        fc.integer({ min: 0, max: 999 }),
        (code, whole, cents) => {
          const exponent = CURRENCIES[code]!.exponent
          const fraction =
            exponent === 0 ? '' : String(cents % 10 ** exponent).padStart(exponent, '0')
          const typed = exponent === 0 ? `${whole}` : `${whole}.${fraction}`
          const expected = whole * 10n ** BigInt(exponent) + BigInt(fraction || '0')
          if (expected === 0n) return
          expect(toMinorUnits(typed, code)).toBe(expected.toString())
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('never throws anything but MoneyError on arbitrary strings', () => {
    const anyString = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.stringMatching(/^[-+ ]?\d{0,14}[.,]?\d{0,5}$/),
    )
    fc.assert(
      fc.property(anyString, fc.oneof(currency, fc.string()), (text, code) => {
        try {
          const minor = toMinorUnits(text, code)
          expect(minor).toMatch(/^[1-9]\d{0,11}$/)
          expect(BigInt(minor) < 999_999_999_999n).toBe(true)
          expect(isSupportedCurrency(code)).toBe(true)
        } catch (error) {
          expect(error).toBeInstanceOf(MoneyError)
        }
        try {
          fromMinorUnits(text, code)
        } catch (error) {
          expect(error).toBeInstanceOf(MoneyError)
        }
      }),
      { numRuns: 3000 },
    )
  })

  it('formats with exactly the currency exponent of digits after the separator', () => {
    fc.assert(
      fc.property(currency, validMinor, (code, minor) => {
        const exponent = CURRENCIES[code]!.exponent
        const parts = new Intl.NumberFormat('en', {
          style: 'currency',
          currency: code,
          minimumFractionDigits: exponent,
        }).formatToParts(0)
        expect(parts.length).toBeGreaterThan(0)
        const text = formatMoney(minor, code)
        const fraction = /\.(\d+)/.exec(text)?.[1] ?? ''
        expect(fraction.length).toBe(exponent)
      }),
      { numRuns: 500 },
    )
  })
})
