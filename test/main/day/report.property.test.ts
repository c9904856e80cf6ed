import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { OperationKind, PaymentState } from '@shared/contract/payments.values'
import { buildDayReport } from '../../../src/main/day/report'
import type { DayPayment } from '../../../src/main/day/records'
import { NOW, WINDOW } from './day-fixtures'

/**
 * Any mix of operations and outcomes: originals (sales, refunds, pre-authorisations, MOTO) with
 * any state, and follow-ups (reversals, captures, releases) of some of them, at most one of each
 * kind approved per original, as Handpoint allows.
 */
const STATES: PaymentState[] = [
  'approved',
  'partial',
  'declined',
  'failed',
  'cancelled',
  'unknown',
  'in-progress',
  'approved',
  'approved',
]
const ORIGINALS: OperationKind[] = [
  'sale',
  'saleAndTokenizeCard',
  'moToSale',
  'refund',
  'moToRefund',
  'preAuthorization',
  'moToPreAuthorization',
]

const original = fc.record({
  operation: fc.constantFrom(...ORIGINALS),
  state: fc.constantFrom(...STATES),
  terminal: fc.constantFrom('T1', 'T2', 'VT'),
  currency: fc.constantFrom('EUR', 'GBP'),
  amount: fc.integer({ min: 1, max: 99_999_999 }),
  tip: fc.integer({ min: 0, max: 5_000 }),
  followUps: fc.array(fc.constantFrom(...STATES), { maxLength: 3 }),
  /** For captures: how much of the hold is taken (above 90: the hold is released instead). */
  captureShare: fc.integer({ min: 1, max: 100 }),
  /** Reverse the capture too (pre-authorisations only). */
  reverseCapture: fc.constantFrom(...STATES),
})

type Spec = typeof original extends fc.Arbitrary<infer T> ? T : never

function followUpOf(op: OperationKind, release: boolean): OperationKind {
  switch (op) {
    case 'refund':
      return 'refundReversal'
    case 'moToSale':
    case 'moToRefund':
      return 'moToReversal'
    case 'preAuthorization':
    case 'moToPreAuthorization':
      return release ? 'preAuthorizationReversal' : 'preAuthorizationCapture'
    default:
      return 'saleReversal'
  }
}

function build(specs: Spec[]): DayPayment[] {
  const out: DayPayment[] = []
  let n = 0
  const make = (
    fields: Partial<DayPayment> & Pick<DayPayment, 'operation' | 'state'>,
  ): DayPayment => {
    n += 1
    const p: DayPayment = {
      id: `p${n}`,
      terminalSerial: 'T1',
      currency: 'EUR',
      createdAt: WINDOW.from + n * 1000,
      transactionId: `tx${n}`,
      transactionReference: `ref${n}`,
      cardSchemeName: n % 2 ? 'VISA' : 'Mastercard',
      cardEntryType: 'ICC',
      ...fields,
    }
    out.push(p)
    return p
  }
  for (const s of specs) {
    const approved = s.state === 'approved' || s.state === 'partial'
    const isSale = !s.operation.includes('efund') && !s.operation.includes('reAuth')
    const orig = make({
      operation: s.operation,
      state: s.state,
      terminalSerial: s.terminal,
      currency: s.currency,
      amountMinor: s.amount,
      totalMinor: approved ? s.amount + (isSale ? s.tip : 0) : 0,
      tipMinor: approved && isSale ? s.tip : 0,
    })
    let approvedOnce = false
    for (const state of s.followUps) {
      // Only one approved follow-up per original, and none for an original that did not go through.
      const st =
        (state === 'approved' || state === 'partial') && (approvedOnce || !approved)
          ? 'declined'
          : state
      if (st === 'approved' || st === 'partial') approvedOnce = true
      const operation = followUpOf(s.operation, s.captureShare > 90)
      const amount =
        operation === 'preAuthorizationCapture'
          ? Math.max(1, Math.floor((s.amount * s.captureShare) / 100))
          : orig.totalMinor!
      const follow = make({
        operation,
        state: st,
        terminalSerial: s.terminal,
        currency: s.currency,
        amountMinor: amount,
        totalMinor: st === 'approved' || st === 'partial' ? amount : 0,
        originalTransactionId: orig.transactionId,
        cardSchemeName: undefined,
      })
      if (operation === 'preAuthorizationCapture' && (st === 'approved' || st === 'partial')) {
        const rs = s.reverseCapture
        make({
          operation: 'preAuthorizationReversal',
          state: rs,
          terminalSerial: s.terminal,
          currency: s.currency,
          amountMinor: amount,
          totalMinor: rs === 'approved' || rs === 'partial' ? amount : 0,
          originalTransactionId: follow.transactionId,
        })
      }
    }
  }
  return out
}

const isOk = (p: DayPayment): boolean => p.state === 'approved' || p.state === 'partial'
const SALE_OPS = new Set<OperationKind>(['sale', 'saleAndTokenizeCard', 'moToSale'])
const REFUND_OPS = new Set<OperationKind>(['refund', 'moToRefund'])

/** What stands at the end of the day, computed from the originals' fates, not from the buckets. */
function oracle(payments: DayPayment[]) {
  const byTx = new Map(payments.map((p) => [p.transactionId!, p]))
  const undone = new Set<string>()
  for (const p of payments) {
    if (isOk(p) && p.originalTransactionId && p.operation.match(/Reversal$/))
      undone.add(p.originalTransactionId)
  }
  const result = new Map<
    string,
    {
      net: number
      sales: number
      salesAmount: number
      refunds: number
      reversals: number
      movements: number
    }
  >()
  for (const p of payments) {
    const key = `${p.terminalSerial}/${p.currency}`
    const r = result.get(key) ?? {
      net: 0,
      sales: 0,
      salesAmount: 0,
      refunds: 0,
      reversals: 0,
      movements: 0,
    }
    result.set(key, r)
    if (!isOk(p)) continue
    const stands = !undone.has(p.transactionId!)
    if (SALE_OPS.has(p.operation)) {
      r.sales += 1
      r.salesAmount += p.totalMinor!
      r.movements += 1
      if (stands) r.net += p.totalMinor!
    } else if (p.operation === 'preAuthorizationCapture') {
      r.movements += 1
      if (stands) r.net += p.totalMinor!
    } else if (REFUND_OPS.has(p.operation)) {
      r.refunds += 1
      r.movements += 1
      if (stands) r.net -= p.totalMinor!
    } else if (p.operation.match(/Reversal$/)) {
      const target = byTx.get(p.originalTransactionId!)!
      if (
        target.operation.includes('reAuthorization') &&
        target.operation !== 'preAuthorizationCapture'
      )
        continue
      r.reversals += 1
      r.movements += 1
    }
  }
  return result
}

describe('day report properties', () => {
  it('net is what the approved money movements leave standing; reversed and refunded sales count once', () => {
    fc.assert(
      fc.property(fc.array(original, { maxLength: 40 }), fc.integer(), (specs, seed) => {
        const payments = build(specs)
        const shuffled = [...payments].sort(
          (a, b) => ((a.createdAt * 7919 + seed) % 97) - ((b.createdAt * 7919 + seed) % 97),
        )
        const r = buildDayReport({
          date: '2026-07-14',
          window: WINDOW,
          payments: shuffled,
          now: NOW,
          defaultCurrency: 'EUR',
        })
        const expected = oracle(payments)
        for (const t of r.terminals) {
          const e = expected.get(`${t.terminal}/${t.currency}`)!
          expect(t.net).toBe(e.net)
          expect(t.sales.count).toBe(e.sales)
          expect(t.sales.amount).toBe(e.salesAmount)
          expect(t.refunds.count).toBe(e.refunds)
          expect(t.reversals.count).toBe(e.reversals)
          // The buckets explain the net: reversals take back what they reversed.
          expect(t.sales.amount + t.captures.amount - t.refunds.amount - t.net).toBe(
            reversedValue(payments, t.terminal, t.currency),
          )
          expect(t.tips.amount).toBeLessThanOrEqual(t.sales.amount + t.captures.amount)
        }
        // Every approved money movement lands in exactly one brand line; the brand lines add up to the net.
        const movements = [...expected.values()].reduce((s, e) => s + e.movements, 0)
        expect(r.brands.reduce((s, b) => s + b.count, 0)).toBe(movements)
        for (const currency of ['EUR', 'GBP']) {
          const net = r.terminals
            .filter((t) => t.currency === currency)
            .reduce((s, t) => s + t.net, 0)
          const brands = r.brands
            .filter((b) => b.currency === currency)
            .reduce((s, b) => s + b.amount, 0)
          expect(brands).toBe(net)
        }
        // Outcomes not final are exceptions, never money; outcomes that did not go through are counted.
        const pending = payments.filter((p) => p.state === 'unknown' || p.state === 'in-progress')
        expect(r.exceptions.filter((e) => e.kind === 'outcome_unknown')).toHaveLength(
          pending.length,
        )
        const declined = payments.filter((p) => p.state === 'declined').length
        expect(r.terminals.reduce((s, t) => s + t.declined, 0)).toBe(declined)
        // The order the store returns operations in does not matter.
        expect(
          buildDayReport({
            date: '2026-07-14',
            window: WINDOW,
            payments,
            now: NOW,
            defaultCurrency: 'EUR',
          }),
        ).toEqual(r)
      }),
      { numRuns: 300 },
    )
  })
})

/** Sales and captures reversed minus refunds reversed, from the journal. */
function reversedValue(payments: DayPayment[], terminal: string, currency: string): number {
  const byTx = new Map(payments.map((p) => [p.transactionId!, p]))
  let value = 0
  for (const p of payments) {
    if (
      !isOk(p) ||
      !p.operation.match(/Reversal$/) ||
      p.terminalSerial !== terminal ||
      p.currency !== currency
    )
      continue
    const target = byTx.get(p.originalTransactionId!)!
    if (REFUND_OPS.has(target.operation)) value -= p.totalMinor!
    else if (SALE_OPS.has(target.operation) || target.operation === 'preAuthorizationCapture')
      value += p.totalMinor!
  }
  return value
}
