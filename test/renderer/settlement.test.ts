import { describe, expect, it } from 'vitest'
import type { PaymentRecord } from '@shared/contract'
import { settlementOf } from '@renderer/lib/settlement'
import { record } from './checkout/support'

const paid = (id: string, over: Partial<PaymentRecord>, total: string): PaymentRecord =>
  record({
    id,
    state: 'approved',
    ...over,
    result: { finStatus: 'AUTHORISED', transactionId: `tx-${id}`, totalAmountMinor: total },
  })

describe('what became of a payment (the screen mirror of main money rules)', () => {
  const sale = paid('s', {}, '5000')
  const refund = (id: string, amount: string, state: PaymentRecord['state'] = 'approved') =>
    paid(id, { operation: 'refund', originalTransactionId: 'tx-s', state }, amount)

  it('nothing followed: no label, all of it left', () => {
    expect(settlementOf(sale, [sale])).toEqual({ leftMinor: '5000' })
  })

  it('counts refunds that went through, not declined ones, up to fully refunded', () => {
    expect(settlementOf(sale, [refund('a', '1500'), refund('b', '900', 'declined')])).toEqual({
      as: 'partlyRefunded',
      leftMinor: '3500',
    })
    expect(settlementOf(sale, [refund('a', '1500'), refund('c', '3500')])).toEqual({
      as: 'refunded',
      leftMinor: '0',
    })
  })

  it('a refund that was itself reversed gives its amount back', () => {
    const reversedRefund = paid(
      'rr',
      { operation: 'refundReversal', originalTransactionId: 'tx-a' },
      '1500',
    )
    expect(settlementOf(sale, [refund('a', '1500'), reversedRefund])).toEqual({
      leftMinor: '5000',
    })
  })

  it('a reversal settles the sale, whatever was refunded before', () => {
    const reversal = paid('v', { operation: 'saleReversal', originalTransactionId: 'tx-s' }, '5000')
    expect(settlementOf(sale, [refund('a', '100'), reversal])).toEqual({
      as: 'reversed',
      leftMinor: '0',
    })
  })

  it('pre-authorisations: increases add to the hold; a capture or a release settles it', () => {
    const hold = paid('h', { operation: 'preAuthorization' }, '10000')
    const increase = paid(
      'i',
      { operation: 'preAuthorizationIncrease', originalTransactionId: 'tx-h' },
      '2500',
    )
    expect(settlementOf(hold, [increase])).toEqual({ leftMinor: '12500' })
    const capture = paid(
      'c',
      { operation: 'preAuthorizationCapture', originalTransactionId: 'tx-h' },
      '9000',
    )
    expect(settlementOf(hold, [capture])).toEqual({ as: 'captured', leftMinor: '0' })
    const release = paid(
      'r',
      { operation: 'preAuthorizationReversal', originalTransactionId: 'tx-h' },
      '0',
    )
    expect(settlementOf(hold, [release])).toEqual({ as: 'released', leftMinor: '0' })
  })

  it('says nothing of payments that did not go through or move no money', () => {
    expect(settlementOf(paid('d', { state: 'declined' }, '0'), [])).toBeUndefined()
    expect(settlementOf(refund('a', '100'), [])).toBeUndefined()
    expect(settlementOf(paid('t', { operation: 'tokenizeCard' }, '0'), [])).toBeUndefined()
  })
})
