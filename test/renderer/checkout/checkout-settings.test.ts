import { describe, expect, it } from 'vitest'
import { readCheckoutSettings, validTips } from '@renderer/lib/checkout-settings'

describe('checkout settings kept in localStorage', () => {
  it('reads what was stored', () => {
    expect(
      readCheckoutSettings({ locale: 'de', tipPercentages: [5, 10], operator: 'Anna' }),
    ).toEqual({ locale: 'de', tipPercentages: [5, 10], operator: 'Anna' })
  })

  it('falls back field by field, so one bad value keeps the others', () => {
    expect(readCheckoutSettings({ locale: 'fr', tipPercentages: [10], operator: 'Ben' })).toEqual({
      locale: 'en',
      tipPercentages: [10],
      operator: 'Ben',
    })
    expect(
      readCheckoutSettings({ locale: 'de', tipPercentages: [10, 150], operator: 'x'.repeat(65) }),
    ).toEqual({ locale: 'de', tipPercentages: [], operator: '' })
  })

  it.each([null, 'text', 42, []])('reads %j as the defaults', (raw) => {
    expect(readCheckoutSettings(raw)).toEqual({ locale: 'en', tipPercentages: [], operator: '' })
  })

  it('accepts up to five whole percentages from 1 to 100', () => {
    expect(validTips([1, 100, 15, 20, 25])).toBe(true)
    expect(validTips([1, 2, 3, 4, 5, 6])).toBe(false)
    expect(validTips([0])).toBe(false)
    expect(validTips([12.5])).toBe(false)
    expect(validTips(['10'])).toBe(false)
  })
})
