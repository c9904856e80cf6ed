import { describe, expect, it } from 'vitest'
import { applyKey, isPositiveAmount, sanitizeAmount } from '@renderer/lib/amount-entry'
import { formatMinor, majorToMinor, minorToMajor } from '@renderer/lib/money'

describe('amount entry per currency', () => {
  it('keeps two decimals for EUR and drops what does not belong', () => {
    expect(sanitizeAmount('12.345', 'EUR')).toBe('12.34')
    expect(sanitizeAmount('1a2,5', 'EUR')).toBe('12.5')
    expect(sanitizeAmount('.5', 'EUR')).toBe('0.5')
    expect(sanitizeAmount('1.2.3', 'EUR')).toBe('1.23')
    expect(sanitizeAmount('0007', 'EUR')).toBe('7')
  })

  it('refuses a decimal point for JPY and allows three decimals for KWD', () => {
    expect(sanitizeAmount('1500.5', 'JPY')).toBe('15005')
    expect(sanitizeAmount('1.2345', 'KWD')).toBe('1.234')
  })

  it('caps the integer part at twelve digits', () => {
    expect(sanitizeAmount('1234567890123', 'EUR')).toBe('123456789012')
  })

  it('applies keypad keys like typing', () => {
    let entry = ''
    for (const k of ['1', '2', '.', '5', '0', '0']) entry = applyKey(entry, k, 'EUR')
    expect(entry).toBe('12.50')
    expect(applyKey(entry, 'back', 'EUR')).toBe('12.5')
    expect(applyKey(entry, 'clear', 'EUR')).toBe('')
    expect(applyKey('15', '00', 'JPY')).toBe('1500')
  })

  it('treats only amounts above zero as positive', () => {
    expect(isPositiveAmount('0.00')).toBe(false)
    expect(isPositiveAmount('')).toBe(false)
    expect(isPositiveAmount('0.01')).toBe(true)
  })
})

describe('money conversion and formatting', () => {
  it('converts typed major units to minor units by the currency exponent', () => {
    expect(majorToMinor('12.5', 'EUR')).toBe('1250')
    expect(majorToMinor('1500', 'JPY')).toBe('1500')
    expect(majorToMinor('1.234', 'KWD')).toBe('1234')
    expect(majorToMinor('1.5', 'JPY')).toBeUndefined()
    expect(minorToMajor('1234', 'KWD')).toBe('1.234')
  })

  it('formats zero-, two- and three-decimal currencies with Intl', () => {
    expect(formatMinor('1250', 'EUR', 'en-GB')).toBe('€12.50')
    expect(formatMinor('1250', 'EUR', 'de-DE')).toBe('12,50\u00a0€')
    expect(formatMinor('1500', 'JPY', 'en-GB')).toBe('JP¥1,500')
    expect(formatMinor('1234', 'KWD', 'en-GB')).toBe('KWD\u00a01.234')
    expect(formatMinor(undefined, 'EUR', 'en-GB')).toBe('—')
  })
})
