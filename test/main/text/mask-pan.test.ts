import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { luhnValid, maskCardNumbers } from '@shared/text/mask-pan'

/** A Luhn-valid card number of 13-19 digits (the last digit is the check digit). */
const pan = fc
  .integer({ min: 12, max: 18 })
  .chain((n) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }))
  .map((body) => {
    const digits = body.join('')
    const check = [...'0123456789'].find((c) => luhnValid(digits + c))!
    return digits + check
  })

/** As a card number is printed: plain, or in groups of four split by spaces or dashes. */
const printed = fc
  .tuple(pan, fc.constantFrom('', ' ', '-'))
  .map(([digits, sep]) => ({ digits, text: sep ? digits.match(/.{1,4}/g)!.join(sep) : digits }))

/** Text around a card number; never a digit right next to it. */
const around = fc.string({ maxLength: 20 }).map((s) => s.replace(/^\d/, 'x').replace(/\d$/, 'x'))

const onlyDigits = (s: string): string => s.replace(/[^\d*]/g, '')

describe('maskCardNumbers', () => {
  it('masks the classic test cards, keeping the last four and the layout', () => {
    expect(maskCardNumbers('Card 4111111111111111 declined')).toBe('Card ************1111 declined')
    expect(maskCardNumbers('PAN: 4111 1111 1111 1111.')).toBe('PAN: **** **** **** 1111.')
    expect(maskCardNumbers('amex 3782-822463-10005')).toBe('amex ****-******-*0005')
    expect(maskCardNumbers('x5555555555554444y')).toBe('x************4444y')
    expect(maskCardNumbers('terminal 0821032398 4111111111111111')).toBe(
      'terminal 0821032398 ************1111',
    )
  })

  it('never lets a Luhn-valid card number survive, however it is printed and wherever it stands', () => {
    fc.assert(
      fc.property(around, printed, around, (before, card, after) => {
        const out = maskCardNumbers(`${before}${card.text}${after}`)
        expect(onlyDigits(out)).not.toContain(card.digits)
      }),
      { numRuns: 2000 },
    )
  })

  /** Numbers free text carries that are not card numbers. */
  const notCards = fc.oneof(
    fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 10n }), fc.integer({ min: 0, max: 99 }))
      .map(([major, minor]) => `${major}.${String(minor).padStart(2, '0')}`), // amounts
    fc.bigInt({ min: 0n, max: 10n ** 12n - 1n }).map((n) => String(n).padStart(12, '0')), // 12-digit amounts, RRNs
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), // dates and times
    fc
      .date({ noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10).split('-').reverse().join('.')),
    fc.uuid(), // transaction ids, references
    fc.integer({ min: 1000, max: 9999 }).map((n) => `TID ${n}`),
  )

  it('leaves amounts, dates, transaction ids, 12-digit amounts and RRNs alone', () => {
    fc.assert(
      fc.property(fc.array(notCards, { maxLength: 8 }), (parts) => {
        const text = parts.join(' | ')
        expect(maskCardNumbers(text)).toBe(text)
      }),
      { numRuns: 2000 },
    )
  })

  it('leaves a 13-19 digit number that fails the Luhn check alone', () => {
    fc.assert(
      fc.property(pan, (digits) => {
        const last = Number(digits.at(-1))
        const broken = digits.slice(0, -1) + String((last + 1) % 10)
        expect(maskCardNumbers(`ref ${broken}`)).toBe(`ref ${broken}`)
      }),
    )
  })
})
