import { describe, expect, it } from 'vitest'
import {
  CURRENCIES,
  MoneyError,
  currencyExponent,
  formatMoney,
  fromMinorUnits,
  isSupportedCurrency,
  toMinorUnits,
} from '@shared/money'

function refusal(fn: () => unknown): MoneyError {
  try {
    fn()
  } catch (error) {
    if (error instanceof MoneyError) return error
    throw error
  }
  throw new Error('expected a MoneyError')
}

describe('CURRENCIES', () => {
  it('lists every code of the reference with its ISO numeric code', () => {
    expect(Object.keys(CURRENCIES)).toHaveLength(158)
    expect(CURRENCIES.EUR).toEqual({ numeric: 978, exponent: 2 })
    expect(CURRENCIES.ALL).toEqual({ numeric: 8, exponent: 2 })
    expect(CURRENCIES.ZWL).toEqual({ numeric: 932, exponent: 2 })
    expect(CURRENCIES.EEK?.numeric).toBe(233)
  })

  it('uses ISO 4217 exponents: none, two or three decimals', () => {
    const zero = ['JPY', 'ISK', 'KRW', 'CLP', 'VND', 'XAF', 'XOF', 'UGX', 'PYG', 'RWF', 'KMF']
    for (const code of [...zero, 'GNF', 'DJF', 'BIF', 'VUV', 'XPF', 'BYR']) {
      expect(currencyExponent(code), code).toBe(0)
    }
    for (const code of ['BHD', 'KWD', 'OMR', 'JOD', 'TND', 'IQD', 'LYD']) {
      expect(currencyExponent(code), code).toBe(3)
    }
    const twos = Object.entries(CURRENCIES).filter(([, info]) => info.exponent === 2)
    expect(twos).toHaveLength(158 - 17 - 7)
  })

  it('knows upper-case alpha codes only, never object keys', () => {
    expect(isSupportedCurrency('EUR')).toBe(true)
    expect(isSupportedCurrency('eur')).toBe(false)
    expect(isSupportedCurrency('XXX')).toBe(false)
    expect(isSupportedCurrency('MGA')).toBe(false)
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(isSupportedCurrency(key)).toBe(false)
    }
    expect(refusal(() => currencyExponent('constructor')).code).toBe('unknown-currency')
  })

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(CURRENCIES)).toBe(true)
    expect(Object.isFrozen(CURRENCIES.EUR)).toBe(true)
  })
})

describe('toMinorUnits', () => {
  it.each([
    ['12.34', 'EUR', '1234'],
    ['12,34', 'EUR', '1234'],
    ['12', 'EUR', '1200'],
    ['0.5', 'EUR', '50'],
    ['0.01', 'EUR', '1'],
    ['  7.5 ', 'USD', '750'],
    ['007.50', 'GBP', '750'],
    ['12.340', 'EUR', '1234'],
    ['500', 'JPY', '500'],
    ['500.0', 'JPY', '500'],
    ['1.234', 'BHD', '1234'],
    ['1,5', 'KWD', '1500'],
    ['0.29', 'EUR', '29'],
    ['1.15', 'EUR', '115'],
    ['9999999999.98', 'EUR', '999999999998'],
    ['999999999998', 'JPY', '999999999998'],
  ])('%s %s -> %s', (major, currency, minor) => {
    expect(toMinorUnits(major, currency)).toBe(minor)
  })

  it('refuses more decimals than the currency has, saying how many', () => {
    const eur = refusal(() => toMinorUnits('12.345', 'EUR'))
    expect(eur.code).toBe('too-many-decimals')
    expect(eur.message).toBe('EUR amounts have at most 2 decimals: 12.345 has 3.')
    expect(refusal(() => toMinorUnits('12.5', 'JPY')).message).toBe(
      'JPY amounts have no decimals: 12.5 has 1.',
    )
    expect(refusal(() => toMinorUnits('1.2345', 'BHD')).code).toBe('too-many-decimals')
  })

  it.each([
    ['', 'invalid-amount'],
    ['   ', 'invalid-amount'],
    ['-5', 'invalid-amount'],
    ['-0.01', 'invalid-amount'],
    ['+5', 'invalid-amount'],
    ['.5', 'invalid-amount'],
    ['12.', 'invalid-amount'],
    ['1e3', 'invalid-amount'],
    ['12.34.56', 'invalid-amount'],
    ['1,234.56', 'invalid-amount'],
    ['1 000', 'invalid-amount'],
    ['abc', 'invalid-amount'],
    ['NaN', 'invalid-amount'],
    ['Infinity', 'invalid-amount'],
    ['0x10', 'invalid-amount'],
    ['١٢', 'invalid-amount'],
    ['0', 'out-of-range'],
    ['0.00', 'out-of-range'],
    ['9999999999.99', 'out-of-range'],
    ['123456789012345678901234567890123456789012345', 'out-of-range'],
  ])('refuses %j with %s', (major, code) => {
    const error = refusal(() => toMinorUnits(major, 'EUR'))
    expect(error.code).toBe(code)
    expect(error.message).toMatch(/^[A-Z0-9].*\.$/)
  })

  it('refuses unknown currencies with a sentence', () => {
    const error = refusal(() => toMinorUnits('1', 'EURO'))
    expect(error.code).toBe('unknown-currency')
    expect(error.message).toBe(
      'Handpoint does not accept the currency EURO; choose a three-letter ISO code such as EUR.',
    )
  })

  it('explains a missing leading digit', () => {
    expect(refusal(() => toMinorUnits('.5', 'EUR')).message).toBe(
      'Put a digit before the decimal point, for example 0.5.',
    )
  })

  it('shortens long junk when echoing it', () => {
    const error = refusal(() => toMinorUnits('x'.repeat(39), 'EUR'))
    expect(error.message).toContain('"xxxxxxxxxxxxxxxxxxxxx..."')
    expect(error.message).not.toContain('x'.repeat(22))
  })
})

describe('fromMinorUnits', () => {
  it.each([
    ['1234', 'EUR', '12.34'],
    ['5', 'EUR', '0.05'],
    ['0', 'EUR', '0.00'],
    ['500', 'JPY', '500'],
    ['1234', 'BHD', '1.234'],
    ['7', 'KWD', '0.007'],
    [300, 'EUR', '3.00'],
    [-250, 'EUR', '-2.50'],
    [999999999999n, 'EUR', '9999999999.99'],
    ['-5', 'JPY', '-5'],
  ])('%s %s -> %s', (minor, currency, major) => {
    expect(fromMinorUnits(minor, currency)).toBe(major)
  })

  it.each([['12.5'], [''], ['abc'], [1.5], [Number.NaN], [2 ** 60]])(
    'refuses %j as not a whole number of minor units',
    (minor) => {
      expect(refusal(() => fromMinorUnits(minor, 'EUR')).code).toBe('invalid-amount')
    },
  )

  it('refuses unknown currencies', () => {
    expect(refusal(() => fromMinorUnits('1', 'ABC')).code).toBe('unknown-currency')
  })
})

describe('formatMoney', () => {
  it('shows the right number of digits for each currency', () => {
    expect(formatMoney('1234', 'EUR')).toBe('€12.34')
    expect(formatMoney('500', 'JPY')).toBe('¥500')
    expect(formatMoney('1234', 'BHD')).toBe('BHD\u00a01.234')
    // CLDR says IQD has 0 digits; Handpoint's minor units follow ISO 4217 (3).
    expect(formatMoney('1234', 'IQD')).toBe('IQD\u00a01.234')
    expect(formatMoney(100, 'USD')).toBe('$1.00')
  })

  it('follows the locale', () => {
    expect(formatMoney('123456', 'EUR', 'de-DE')).toBe('1.234,56\u00a0€')
    expect(formatMoney('1000', 'ISK', 'is')).toMatch(/^1\.000\s?kr\.?$/)
  })

  it('never rounds large amounts through a float', () => {
    expect(formatMoney('999999999999', 'EUR')).toBe('€9,999,999,999.99')
    expect(formatMoney(12345678901234567890n, 'EUR')).toBe('€123,456,789,012,345,678.90')
  })

  it('falls back to English for an unusable locale', () => {
    expect(formatMoney('1', 'EUR', 'not a locale!')).toBe('€0.01')
  })

  it('refuses unknown currencies and non-integers', () => {
    expect(refusal(() => formatMoney('1', 'QQQ')).code).toBe('unknown-currency')
    expect(refusal(() => formatMoney('1.5', 'EUR')).code).toBe('invalid-amount')
  })
})
