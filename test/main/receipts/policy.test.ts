import { describe, expect, it } from 'vitest'
import { printSettingsSchema, type PrintSettings } from '@shared/contract'
import { decidePrinting, rulesFor, type OutcomeFacts } from '../../../src/main/receipts/policy'

const settings = (patch: Partial<PrintSettings> = {}): PrintSettings =>
  printSettingsSchema.parse(patch)
const facts = (patch: Partial<OutcomeFacts> = {}): OutcomeFacts => ({
  finStatus: 'AUTHORISED',
  verificationMethod: 'PIN',
  hasSignature: false,
  hasCustomerReceipt: true,
  hasMerchantReceipt: true,
  ...patch,
})

describe('decidePrinting', () => {
  it('defaults: asks about the customer copy, merchant copy only when signed', () => {
    expect(decidePrinting(settings(), facts())).toEqual({ customer: 'ask', merchant: 'skip' })
    expect(decidePrinting(settings(), facts({ verificationMethod: 'SIGNATURE' }))).toEqual({
      customer: 'ask',
      merchant: 'print',
    })
    expect(
      decidePrinting(settings(), facts({ verificationMethod: 'PIN_SIGNATURE' })).merchant,
    ).toBe('print')
    expect(decidePrinting(settings(), facts({ hasSignature: true })).merchant).toBe('print')
  })

  it.each([
    ['always', 'print'],
    ['ask', 'ask'],
    ['never', 'skip'],
  ] as const)('customer copy %s -> %s', (policy, expected) => {
    expect(decidePrinting(settings({ customerCopy: policy }), facts()).customer).toBe(expected)
  })

  it.each([
    ['always', false, 'print'],
    ['always', true, 'print'],
    ['on-signature', false, 'skip'],
    ['on-signature', true, 'print'],
    ['never', true, 'skip'],
  ] as const)('merchant copy %s, signed %s -> %s', (policy, signed, expected) => {
    const f = facts({ hasSignature: signed })
    expect(decidePrinting(settings({ merchantCopy: policy }), f).merchant).toBe(expected)
  })

  it('prints declined, failed and cancelled receipts only when the checkout wants them', () => {
    const all = settings({ customerCopy: 'always', merchantCopy: 'always' })
    for (const finStatus of ['DECLINED', 'FAILED', 'CANCELLED']) {
      expect(decidePrinting(all, facts({ finStatus }))).toEqual({
        customer: 'skip',
        merchant: 'skip',
        reason: 'declined',
      })
      expect(decidePrinting({ ...all, printDeclined: true }, facts({ finStatus }))).toEqual({
        customer: 'print',
        merchant: 'print',
      })
    }
  })

  it('never prints an unknown outcome or a non-financial operation', () => {
    const all = settings({ customerCopy: 'always', merchantCopy: 'always', printDeclined: true })
    expect(decidePrinting(all, facts({ finStatus: 'UNDEFINED' })).reason).toBe('unknown-outcome')
    expect(decidePrinting(all, facts({ finStatus: 'PROCESSED' })).reason).toBe('not-a-sale-outcome')
  })

  it('prints approved money movements of every kind', () => {
    const all = settings({ customerCopy: 'always', merchantCopy: 'always' })
    for (const finStatus of ['AUTHORISED', 'PARTIAL_APPROVAL', 'CAPTURED', 'REFUNDED']) {
      expect(decidePrinting(all, facts({ finStatus }))).toEqual({
        customer: 'print',
        merchant: 'print',
      })
    }
  })

  it('skips a copy the result did not carry', () => {
    const all = settings({ customerCopy: 'always', merchantCopy: 'always' })
    expect(
      decidePrinting(all, facts({ hasCustomerReceipt: false, hasMerchantReceipt: false })),
    ).toEqual({ customer: 'skip', merchant: 'skip' })
  })
})

describe('rulesFor', () => {
  it("takes the merchant's copy rules over the checkout's and keeps everything else", () => {
    const checkout = settings({ customerCopy: 'never', printDeclined: true, paperWidthMm: 58 })
    expect(rulesFor(checkout, { customerCopy: 'always', merchantCopy: 'never' })).toEqual({
      ...checkout,
      customerCopy: 'always',
      merchantCopy: 'never',
    })
  })

  it("is the checkout's settings when the merchant has no rules", () => {
    const checkout = settings({ customerCopy: 'always', merchantCopy: 'always' })
    expect(rulesFor(checkout, undefined)).toEqual(checkout)
  })
})
