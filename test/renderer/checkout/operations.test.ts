import { describe, expect, it } from 'vitest'
import type { OperationKind } from '@shared/contract'
import { followUpsFor, lastFour, needsOf } from '@renderer/lib/operations'
import { declineReasonKey, outcomeOf } from '@renderer/lib/outcome'
import { record } from './support'

const done = (operation: OperationKind) =>
  record({ operation, state: 'approved', result: { finStatus: 'AUTHORISED', transactionId: 't1' } })

describe('follow-ups from an original', () => {
  it('offers refund (bounded) and reversal (full amount) for a sale', () => {
    expect(followUpsFor(done('sale')).map((p) => [p.kind, p.operation, p.amount])).toEqual([
      ['refund', 'refund', 'bounded'],
      ['reverse', 'saleReversal', 'full'],
    ])
  })

  it('offers capture (bounded), increase and release for a pre-authorisation', () => {
    expect(followUpsFor(done('preAuthorization')).map((p) => [p.operation, p.amount])).toEqual([
      ['preAuthorizationCapture', 'bounded'],
      ['preAuthorizationIncrease', 'free'],
      ['preAuthorizationReversal', 'none'],
    ])
  })

  it('uses the MOTO operations for a phone order and offers nothing for a decline', () => {
    expect(followUpsFor(done('moToSale')).map((p) => p.operation)).toEqual([
      'moToRefund',
      'moToReversal',
    ])
    expect(followUpsFor(record({ state: 'declined' }))).toEqual([])
    expect(followUpsFor(record({ state: 'unknown' }))).toEqual([])
  })
})

describe('operation needs and outcome mapping', () => {
  it('asks for the original transaction only where Handpoint needs it', () => {
    expect(needsOf('sale').original).toBe('none')
    expect(needsOf('refund').original).toBe('optional')
    expect(needsOf('saleReversal').original).toBe('required')
    expect(needsOf('preAuthorizationReversal').amount).toBe('none')
    expect(needsOf('printReceipt').receipt).toBe(true)
  })

  it('puts each engine state on the right screen', () => {
    expect(outcomeOf(record({ state: 'accepted' }))).toBe('running')
    expect(outcomeOf(record({ state: 'resolving' }))).toBe('unknown')
    expect(outcomeOf(record({ state: 'partial' }))).toBe('partial')
  })

  it('words issuer codes and keeps only the last four card digits', () => {
    expect(declineReasonKey('5')).toBe('doNotHonour')
    expect(declineReasonKey('51')).toBe('insufficientFunds')
    expect(declineReasonKey('ZZ')).toBeUndefined()
    expect(lastFour('************1456')).toBe('1456')
    expect(lastFour(undefined)).toBeUndefined()
  })
})
