import { describe, expect, it } from 'vitest'
import type { OperationKind, PaymentRecord, PaymentState } from '@shared/contract/payments.contract'
import {
  followUpAnswers,
  refusalOf,
  type FollowUpAsk,
} from '../../../src/main/payments/money/rules'
import {
  settle,
  type CloseFact,
  type LinkedFact,
} from '../../../src/main/payments/money/settlement'

/**
 * The money rules on their own: what is left of a payment and which follow-ups are refused,
 * from the original and the operations linked to it. The engine tests (money-engine.test.ts)
 * check that every front goes through them.
 */

const T0 = 1_700_000_000_000

function original(
  operation: OperationKind,
  amountMinor: string,
  extra: Partial<PaymentRecord> = {},
): PaymentRecord {
  return {
    id: 'orig',
    merchantId: 'm1',
    terminalSerial: 'T1',
    terminalType: 'PAXA920',
    operation,
    amountMinor,
    currency: 'EUR',
    transactionReference: 'ref',
    flow: 'poll',
    state: 'approved',
    createdAt: T0,
    updatedAt: T0 + 5000,
    finalAt: T0 + 5000,
    result: { finStatus: 'AUTHORISED', transactionId: 'tx-orig', totalAmountMinor: amountMinor },
    evidence: [],
    ...extra,
  }
}

let n = 0
function linked(
  operation: OperationKind,
  state: PaymentState,
  amountMinor?: string,
  extra: Partial<LinkedFact> = {},
): LinkedFact {
  n += 1
  const fact: LinkedFact = { id: `l${n}`, operation, state, ...extra }
  if (amountMinor !== undefined) fact.amountMinor = amountMinor
  if (amountMinor !== undefined && (state === 'approved' || state === 'partial'))
    fact.approvedAmountMinor ??= amountMinor.replace('-', '')
  return fact
}

function judge(
  orig: PaymentRecord,
  facts: LinkedFact[],
  ask: FollowUpAsk,
  closes: CloseFact[] = [],
) {
  const refusal = refusalOf(orig, settle({ original: orig, linked: facts, closes }), {
    currency: 'EUR',
    ...ask,
  })
  return refusal
}

describe('refunds are bounded by what is left of the sale', () => {
  const sale = original('sale', '100')

  it('refuses 500.00 on a 1.00 sale, saying what is left in the currency', () => {
    expect(judge(sale, [], { operation: 'refund', amountMinor: '50000' })).toEqual({
      code: 'amount_exceeds_remaining',
      params: { remaining: '1.00', currency: 'EUR' },
    })
    expect(judge(sale, [], { operation: 'refund', amountMinor: '100' })).toBeUndefined()
  })

  it('takes approved refunds off, and refunds under way too (two at once cannot both pass)', () => {
    const nine = original('sale', '900')
    const done = [linked('refund', 'approved', '400')]
    expect(judge(nine, done, { operation: 'refund', amountMinor: '501' })?.params).toEqual({
      remaining: '5.00',
      currency: 'EUR',
    })
    const underWay = [...done, linked('refund', 'accepted', '300')]
    expect(judge(nine, underWay, { operation: 'refund', amountMinor: '201' })?.code).toBe(
      'amount_exceeds_remaining',
    )
    expect(judge(nine, underWay, { operation: 'refund', amountMinor: '200' })).toBeUndefined()
    // An unknown outcome may have moved money: it counts until it is resolved.
    const unknown = [...done, linked('refund', 'unknown', '500')]
    expect(judge(nine, unknown, { operation: 'refund', amountMinor: '1' })?.code).toBe(
      'nothing_left',
    )
  })

  it('counts what Handpoint approved, and gives back what a declined or reversed refund took', () => {
    const nine = original('sale', '900')
    const facts = [
      linked('refund', 'declined', '900'),
      linked('refund', 'approved', '300', { reversed: 'approved' }),
      linked('refund', 'partial', '500', { approvedAmountMinor: '200' }),
    ]
    const s = settle({ original: nine, linked: facts, closes: [] })
    expect(s.left).toBe(700n)
    expect(s.as).toBe('partlyRefunded')
  })

  it('uses the total with tips, and says refunded once all of it went back', () => {
    const tipped = original('sale', '1000', {
      result: { finStatus: 'AUTHORISED', transactionId: 'tx', totalAmountMinor: '1100' },
    })
    const s = settle({
      original: tipped,
      linked: [linked('refund', 'approved', '1100')],
      closes: [],
    })
    expect(s).toMatchObject({ as: 'refunded', left: 0n })
  })

  it('refuses a refund of a reversed sale, and waits while a reversal is under way', () => {
    expect(
      judge(sale, [linked('saleReversal', 'approved', '100')], { operation: 'refund' })?.code,
    ).toBe('already_reversed')
    expect(
      judge(sale, [linked('saleReversal', 'resolving', '100')], {
        operation: 'refund',
        amountMinor: '1',
      })?.code,
    ).toBe('linked_operation_pending')
  })

  it('refuses another currency, another kind of original, and an original that did not go through', () => {
    expect(judge(sale, [], { operation: 'refund', amountMinor: '1', currency: 'GBP' })).toEqual({
      code: 'original_other_currency',
      params: { currency: 'EUR' },
    })
    expect(judge(original('preAuthorization', '100'), [], { operation: 'refund' })?.code).toBe(
      'original_wrong_kind',
    )
    expect(
      judge(original('sale', '100', { state: 'declined' }), [], { operation: 'refund' })?.code,
    ).toBe('original_not_found')
  })
})

describe('a reversal only of an untouched payment', () => {
  const sale = original('sale', '900')

  it('is refused after a full or a partial refund (the customer would be paid twice)', () => {
    for (const amount of ['900', '300']) {
      expect(
        judge(sale, [linked('refund', 'approved', amount)], {
          operation: 'saleReversal',
          amountMinor: '900',
        }),
      ).toEqual({ code: 'reversal_after_refund' })
    }
  })

  it('is refused twice, while anything is under way, and above or below the whole amount', () => {
    expect(
      judge(sale, [linked('saleReversal', 'approved', '900')], { operation: 'saleReversal' })?.code,
    ).toBe('already_reversed')
    expect(
      judge(sale, [linked('refund', 'sent', '100')], { operation: 'saleReversal' })?.code,
    ).toBe('linked_operation_pending')
    expect(judge(sale, [], { operation: 'saleReversal', amountMinor: '90000' })).toEqual({
      code: 'amount_exceeds_remaining',
      params: { remaining: '9.00', currency: 'EUR' },
    })
    expect(judge(sale, [], { operation: 'saleReversal', amountMinor: '500' })).toEqual({
      code: 'reversal_must_be_full',
      params: { amount: '9.00', currency: 'EUR' },
    })
    expect(judge(sale, [], { operation: 'saleReversal', amountMinor: '900' })).toBeUndefined()
    // A refund that was declined leaves the sale untouched.
    expect(
      judge(sale, [linked('refund', 'declined', '900')], { operation: 'saleReversal' }),
    ).toBeUndefined()
  })

  it('is refused once a day close of its terminal may have settled it', () => {
    const closed: CloseFact = { state: 'closed', requestedAt: T0 + 60_000, answeredAt: T0 + 61_000 }
    expect(judge(sale, [], { operation: 'saleReversal' }, [closed])?.code).toBe(
      'reversal_after_batch_close',
    )
    const unknown: CloseFact = { state: 'unknown', requestedAt: T0 + 60_000 }
    expect(judge(sale, [], { operation: 'saleReversal' }, [unknown])?.code).toBe(
      'reversal_batch_close_unknown',
    )
    // Closed before the payment was sent, or failed: not settled by it.
    const before: CloseFact = { state: 'closed', requestedAt: T0 - 5000, answeredAt: T0 - 4000 }
    const failed: CloseFact = { state: 'failed', requestedAt: T0 + 60_000, answeredAt: T0 + 61_000 }
    expect(judge(sale, [], { operation: 'saleReversal' }, [before, failed])).toBeUndefined()
    // Answered after the payment was sent, even if the app learnt its outcome only later.
    const late = original('sale', '900', { finalAt: T0 + 120_000 })
    expect(judge(late, [], { operation: 'saleReversal' }, [closed])?.code).toBe(
      'reversal_after_batch_close',
    )
    // A refund is still possible after the close.
    expect(judge(sale, [], { operation: 'refund', amountMinor: '900' }, [closed])).toBeUndefined()
  })

  it('of a refund: once, and not after its batch closed', () => {
    const refund = original('refund', '400', { originalTransactionId: 'tx-sale' })
    expect(judge(refund, [], { operation: 'refundReversal', amountMinor: '400' })).toBeUndefined()
    expect(
      judge(refund, [linked('refundReversal', 'approved', '400')], { operation: 'refundReversal' })
        ?.code,
    ).toBe('already_reversed')
  })
})

describe('pre-authorisations: captures bounded by the hold', () => {
  const hold = original('preAuthorization', '5000')

  it('counts increases and decreases, and refuses a capture above the hold', () => {
    const changes = [
      linked('preAuthorizationIncrease', 'approved', '2000'),
      linked('preAuthorizationIncrease', 'approved', '-500'),
    ]
    const s = settle({ original: hold, linked: changes, closes: [] })
    expect(s.left).toBe(6500n)
    expect(
      judge(hold, changes, { operation: 'preAuthorizationCapture', amountMinor: '6501' })?.params,
    ).toEqual({ remaining: '65.00', currency: 'EUR' })
    expect(
      judge(hold, changes, { operation: 'preAuthorizationCapture', amountMinor: '6500' }),
    ).toBeUndefined()
    // A decrease under way already holds less; an increase under way adds nothing yet.
    const moving = [
      linked('preAuthorizationIncrease', 'accepted', '-1000'),
      linked('preAuthorizationIncrease', 'accepted', '9000'),
    ]
    expect(settle({ original: hold, linked: moving, closes: [] }).left).toBe(4000n)
    expect(
      judge(hold, [], { operation: 'preAuthorizationIncrease', amountMinor: '-5001' })?.code,
    ).toBe('amount_exceeds_remaining')
  })

  it('captures once, and never after a release; releases never after a capture', () => {
    const captured = [linked('preAuthorizationCapture', 'approved', '5000')]
    expect(judge(hold, captured, { operation: 'preAuthorizationCapture' })?.code).toBe(
      'already_captured',
    )
    expect(judge(hold, captured, { operation: 'preAuthorizationReversal' })?.code).toBe(
      'already_captured',
    )
    expect(judge(hold, captured, { operation: 'preAuthorizationIncrease' })?.code).toBe(
      'already_captured',
    )
    const released = [linked('preAuthorizationReversal', 'approved')]
    expect(judge(hold, released, { operation: 'preAuthorizationCapture' })?.code).toBe(
      'already_released',
    )
    expect(
      judge(hold, [linked('preAuthorizationCapture', 'in-progress', '10')], {
        operation: 'preAuthorizationCapture',
        amountMinor: '10',
      })?.code,
    ).toBe('linked_operation_pending')
    expect(settle({ original: hold, linked: captured, closes: [] }).as).toBe('captured')
  })
})

describe('what History is offered', () => {
  it('offers a refund up to what is left and no reversal after a refund', () => {
    const sale = original('sale', '900')
    const s = settle({ original: sale, linked: [linked('refund', 'approved', '300')], closes: [] })
    const answers = followUpAnswers(sale, s)
    expect(answers.find((a) => a.operation === 'refund')).toEqual({
      operation: 'refund',
      allowed: true,
      maxMinor: '600',
    })
    expect(answers.find((a) => a.operation === 'saleReversal')).toEqual({
      operation: 'saleReversal',
      allowed: false,
      reason: { code: 'reversal_after_refund' },
    })
  })

  it('offers nothing on a fully refunded sale, and the whole amount for an untouched reversal', () => {
    const sale = original('sale', '900')
    const refunded = settle({
      original: sale,
      linked: [linked('refund', 'approved', '900')],
      closes: [],
    })
    expect(followUpAnswers(sale, refunded).every((a) => !a.allowed)).toBe(true)
    const untouched = settle({ original: sale, linked: [], closes: [] })
    expect(followUpAnswers(sale, untouched).find((a) => a.operation === 'saleReversal')).toEqual({
      operation: 'saleReversal',
      allowed: true,
      fixedMinor: '900',
    })
  })
})
