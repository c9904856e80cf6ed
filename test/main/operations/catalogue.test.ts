import { describe, expect, it } from 'vitest'
import {
  OPERATION_KINDS,
  startPaymentRequest,
  type OperationKind,
  type PaymentRecord,
  type PaymentState,
  type StartPaymentRequest,
} from '@shared/contract/payments.contract'
import { AppError } from '@shared/contract/result'
import { CHECKOUT_CHOICES, OPERATIONS } from '@shared/operations'
import { OPERATION_RULES } from '../../../src/main/handpoint/request-rules'
import { toWireRequest } from '../../../src/main/handpoint/request-wire'
import {
  buildTransactionInput,
  isLinked,
  prepareAmount,
} from '../../../src/main/payments/operation-input'
import { followUpsFor, needsOf } from '../../../src/renderer/src/lib/operations'

/**
 * Walks the one operation catalogue against the three places that act on it: the checkout's
 * choices (renderer), the engine's input checks and the Handpoint wire rules. A rule changed in
 * one place only, or a field one layer sends and the next drops, fails here.
 */

const STATES: PaymentState[] = [
  'created',
  'sent',
  'accepted',
  'in-progress',
  'unknown',
  'resolving',
  'approved',
  'partial',
  'declined',
  'cancelled',
  'failed',
  'processed',
]
const ORIGINAL = 'b9e5c1a2-0000-4000-8000-000000000001'

/** The smallest request the catalogue says this operation needs, plus what it may carry. */
function request(
  kind: OperationKind,
  extra: Partial<StartPaymentRequest> = {},
): StartPaymentRequest {
  const spec = OPERATIONS[kind]
  return {
    merchantId: 'm1',
    terminalSerial: 'T1',
    operation: kind,
    ...(spec.amount === 'required' ? { amountMinor: '1234', currency: 'EUR' } : {}),
    ...(spec.original === 'required' ? { originalTransactionId: ORIGINAL } : {}),
    ...(spec.receipt === 'required' ? { receipt: '<p>Thanks</p>' } : {}),
    ...extra,
  }
}

/** Through the engine's checks and onto the wire, as start.ts does it. */
function toWire(req: StartPaymentRequest): Record<string, unknown> {
  const money = prepareAmount(req, 'EUR')
  const record = {
    id: 'p1',
    merchantId: req.merchantId,
    terminalSerial: req.terminalSerial,
    terminalType: 'PAXA920',
    operation: req.operation,
    transactionReference: 'c0a80101-0000-4000-8000-000000000002',
    flow: 'poll',
    state: 'sent',
    createdAt: 0,
    updatedAt: 0,
    evidence: [],
    ...money,
    ...(req.originalTransactionId ? { originalTransactionId: req.originalTransactionId } : {}),
  } satisfies PaymentRecord
  const referenceSent = !isLinked(req.operation, req.originalTransactionId)
  return toWireRequest(
    buildTransactionInput(record, {
      referenceSent,
      receipt: req.receipt,
      tipPercentages: req.tipPercentages,
    }),
  )
}

const refusedCode = (fn: () => unknown): string | undefined => {
  try {
    fn()
    return undefined
  } catch (err) {
    return err instanceof AppError ? err.code : String(err)
  }
}

describe('the operation catalogue', () => {
  it('covers every operation kind, and the chooser offers only catalogued ones', () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual([...OPERATION_KINDS].sort())
    for (const kind of CHECKOUT_CHOICES) expect(OPERATIONS[kind]).toBeDefined()
  })

  describe.each(OPERATION_KINDS)('%s', (kind) => {
    const spec = OPERATIONS[kind]

    it('the checkout asks for what the catalogue says', () => {
      expect(needsOf(kind)).toEqual({
        amount: spec.amount,
        original: spec.original,
        receipt: spec.receipt === 'required',
        tips: spec.tips,
      })
    })

    it('the wire rules take what the catalogue says', () => {
      const rule = OPERATION_RULES[kind]
      expect(rule.amount).toBe(spec.amount)
      expect(rule.originalTransactionId).toBe(spec.original)
      expect(rule.receipt === 'required').toBe(spec.receipt === 'required')
      expect(rule.extras.includes('tipConfiguration')).toBe(spec.tips)
      expect(rule.negativeAmount === true).toBe(spec.signedAmount)
    })

    it('what the engine accepts reaches the wire unchanged', () => {
      const wire = toWire(request(kind))
      expect(wire.operation).toBe(kind)
      if (spec.amount === 'required')
        expect(wire).toMatchObject({ amount: '1234', currency: 'EUR' })
      if (spec.original === 'required') expect(wire.originalTransactionId).toBe(ORIGINAL)
    })

    it('the engine refuses a missing field, and never drops one it was given', () => {
      const withAmount = request(kind, { amountMinor: '500', currency: 'EUR' })
      if (spec.amount === 'none') {
        expect(refusedCode(() => prepareAmount(withAmount, 'EUR'))).toBe('amount_not_taken')
      } else {
        expect(toWire(withAmount)).toMatchObject({ amount: '500', currency: 'EUR' })
      }
      if (spec.amount === 'required') {
        const { amountMinor: _a, currency: _c, ...without } = request(kind)
        expect(refusedCode(() => prepareAmount(without, 'EUR'))).toBe('amount_required')
      }
      if (spec.original === 'required') {
        const { originalTransactionId: _o, ...without } = request(kind)
        expect(refusedCode(() => prepareAmount(without, 'EUR'))).toBe('original_required')
      }
      const linked = request(kind, { originalTransactionId: ORIGINAL })
      if (spec.original === 'none') {
        expect(refusedCode(() => prepareAmount(linked, 'EUR'))).toBe('original_not_taken')
      } else {
        expect(toWire(linked).originalTransactionId).toBe(ORIGINAL)
      }
      const tips = request(kind, { tipPercentages: [10, 15] })
      if (spec.tips) expect(toWire(tips).tipConfiguration).toEqual({ tipPercentages: [10, 15] })
      else expect(refusedCode(() => prepareAmount(tips, 'EUR'))).toBe('tips_not_taken')
    })

    it('the contract takes a negative amount only where the catalogue says it is a decrease', () => {
      const decrease = request(kind, { amountMinor: '-500', currency: 'EUR' })
      expect(startPaymentRequest.safeParse(decrease).success).toBe(spec.signedAmount)
      if (spec.signedAmount) expect(toWire(decrease).amount).toBe('-500')
    })

    it('the history offers it after exactly the originals and states the catalogue names', () => {
      for (const original of OPERATION_KINDS) {
        for (const state of STATES) {
          const { merchantId, terminalSerial, operation } = request(original)
          const record: PaymentRecord = {
            merchantId,
            terminalSerial,
            operation,
            id: 'o1',
            terminalType: 'PAXA920',
            transactionReference: 'r',
            flow: 'poll',
            state,
            createdAt: 0,
            updatedAt: 0,
            evidence: [],
            result: { finStatus: 'AUTHORISED', transactionId: 'tx-1' },
          }
          const offered = followUpsFor(record).find((p) => p.operation === kind)
          const allowed =
            spec.followUp?.originals.includes(original) === true &&
            spec.followUp.states.includes(state)
          expect(offered !== undefined, `${kind} after ${original} (${state})`).toBe(allowed)
          if (offered) expect(offered.kind).toBe(spec.followUp!.kind)
        }
      }
    })

    it('a follow-up sends an amount only where the operation takes one', () => {
      const plan = spec.followUp?.amount
      if (plan === undefined) return
      if (plan === 'none') expect(spec.amount).not.toBe('required')
      else expect(spec.amount).not.toBe('none')
    })
  })

  it('settles the drifts that were found: MOTO reversal amount kept, pre-auth decrease allowed', () => {
    const reversal = request('moToReversal', { amountMinor: '1234', currency: 'EUR' })
    expect(toWire(reversal)).toMatchObject({ amount: '1234', originalTransactionId: ORIGINAL })
    expect(OPERATIONS.preAuthorizationIncrease.signedAmount).toBe(true)
    const decrease = request('preAuthorizationIncrease', { amountMinor: '-250' })
    expect(startPaymentRequest.safeParse(decrease).success).toBe(true)
    expect(toWire(decrease)).toMatchObject({ amount: '-250', currency: 'EUR' })
  })
})

describe('startPayment amounts in minor units', () => {
  const sale = request('sale')
  it.each([
    ['1234', 'EUR', true],
    ['500', 'JPY', true],
    ['1', 'BHD', true],
    ['0', 'EUR', false],
    ['12.34', 'EUR', false],
    ['1e3', 'EUR', false],
    ['999999999999', 'EUR', false],
    ['999999999998', 'EUR', true],
    ['1234', 'XXX', false],
  ])('%s %s is accepted: %s', (amountMinor, currency, accepted) => {
    expect(startPaymentRequest.safeParse({ ...sale, amountMinor, currency }).success).toBe(accepted)
  })

  it('an amount always travels with its currency', () => {
    const { currency: _c, ...noCurrency } = sale
    expect(startPaymentRequest.safeParse(noCurrency).success).toBe(false)
  })
})
