import { describe, expect, it } from 'vitest'
import { buildDayReport, type DayReportInput } from '../../../src/main/day/report'
import type { DayPayment } from '../../../src/main/day/records'
import { NOW, pay, WINDOW } from './day-fixtures'

const report = (payments: DayPayment[], extra: Partial<DayReportInput> = {}) =>
  buildDayReport({
    date: '2026-07-14',
    window: WINDOW,
    payments,
    now: NOW,
    defaultCurrency: 'EUR',
    ...extra,
  })

describe('day report totals', () => {
  it('counts sales, refunds and tips per terminal and currency, with the net', () => {
    const r = report([
      pay({ amountMinor: 1000, totalMinor: 1150, tipMinor: 150 }),
      pay({ amountMinor: 2500 }),
      pay({ operation: 'refund', amountMinor: 700 }),
      pay({ terminalSerial: 'T2', currency: 'GBP', amountMinor: 300 }),
    ])
    expect(r.terminals).toEqual([
      {
        terminal: 'T1',
        currency: 'EUR',
        sales: { count: 2, amount: 3650 },
        refunds: { count: 1, amount: 700 },
        reversals: { count: 0, amount: 0 },
        captures: { count: 0, amount: 0 },
        tips: { count: 1, amount: 150 },
        net: 2950,
        declined: 0,
        failed: 0,
        cancelled: 0,
      },
      expect.objectContaining({ terminal: 'T2', currency: 'GBP', net: 300 }),
    ])
  })

  it('keeps a reversed sale in sales and reversals and out of the net', () => {
    const sale = pay({ amountMinor: 4200 })
    const reversal = pay({
      operation: 'saleReversal',
      amountMinor: 4200,
      originalTransactionId: sale.transactionId,
      cardSchemeName: undefined,
    })
    const t = report([sale, reversal, pay({ amountMinor: 100 })]).terminals[0]!
    expect(t.sales).toEqual({ count: 2, amount: 4300 })
    expect(t.reversals).toEqual({ count: 1, amount: 4200 })
    expect(t.net).toBe(100)
  })

  it('adds back a reversed refund and subtracts a reversed capture', () => {
    const refund = pay({ operation: 'refund', amountMinor: 500 })
    const preAuth = pay({ operation: 'preAuthorization', amountMinor: 9000 })
    const capture = pay({
      operation: 'preAuthorizationCapture',
      amountMinor: 8000,
      originalTransactionId: preAuth.transactionId,
    })
    const r = report([
      refund,
      pay({
        operation: 'refundReversal',
        amountMinor: 500,
        originalTransactionId: refund.transactionId,
      }),
      preAuth,
      capture,
      pay({
        operation: 'preAuthorizationReversal',
        amountMinor: 8000,
        originalTransactionId: capture.transactionId,
      }),
    ])
    const t = r.terminals[0]!
    expect(t.refunds.amount).toBe(500)
    expect(t.captures).toEqual({ count: 1, amount: 8000 })
    expect(t.reversals).toEqual({ count: 2, amount: 8500 })
    expect(t.net).toBe(0)
  })

  it('finds the original of a reversal in an earlier day through the linked operations', () => {
    const yesterdaysRefund = pay({ operation: 'moToRefund', amountMinor: 900, createdAt: 1 })
    const r = report(
      [
        pay({
          operation: 'moToReversal',
          amountMinor: 900,
          originalTransactionId: yesterdaysRefund.transactionId,
        }),
      ],
      { linked: [yesterdaysRefund] },
    )
    expect(r.terminals[0]!.net).toBe(900)
  })

  it('counts declines, failures and cancellations without touching money', () => {
    const r = report([
      pay({ state: 'declined', totalMinor: 0 }),
      pay({ state: 'declined', currency: undefined, totalMinor: undefined }),
      pay({ state: 'failed' }),
      pay({ state: 'cancelled' }),
      pay({ operation: 'pingDevice', state: 'failed' }),
    ])
    expect(r.terminals).toHaveLength(1)
    expect(r.terminals[0]).toMatchObject({ declined: 2, failed: 1, cancelled: 1, net: 0 })
    expect(r.brands).toEqual([])
  })

  it('sums per card brand and entry method, whatever the spelling of the brand', () => {
    const r = report([
      pay({ cardSchemeName: 'Visa', cardEntryType: 'ICC', amountMinor: 100 }),
      pay({ cardSchemeName: 'VISA ', cardEntryType: 'CONTACTLESS', amountMinor: 200 }),
      pay({ cardSchemeName: 'MC', cardEntryType: 'ICC', amountMinor: 300 }),
      pay({ operation: 'moToSale', cardSchemeName: 'MasterCard', cardEntryType: 'CNP' }),
      pay({ operation: 'refund', cardSchemeName: 'visa', cardEntryType: 'ICC', amountMinor: 40 }),
    ])
    expect(r.brands).toEqual([
      { brand: 'MASTERCARD', entry: 'chip', currency: 'EUR', count: 1, amount: 300 },
      { brand: 'MASTERCARD', entry: 'moto', currency: 'EUR', count: 1, amount: 1000 },
      { brand: 'VISA', entry: 'chip', currency: 'EUR', count: 2, amount: 60 },
      { brand: 'VISA', entry: 'contactless', currency: 'EUR', count: 1, amount: 200 },
    ])
  })

  it('uses the partial amount of a partial approval', () => {
    const r = report([pay({ state: 'partial', amountMinor: 5000, totalMinor: 3000 })])
    expect(r.terminals[0]!.sales).toEqual({ count: 1, amount: 3000 })
  })
})

describe('day report exceptions', () => {
  it('lists outcomes still unknown and leaves them out of the totals', () => {
    const r = report([
      pay({ state: 'unknown', totalMinor: undefined }),
      pay({ state: 'in-progress' }),
    ])
    expect(r.terminals).toEqual([])
    expect(r.exceptions.map((e) => [e.kind, 'state' in e ? e.state : ''])).toEqual([
      ['outcome_unknown', 'unknown'],
      ['outcome_unknown', 'in-progress'],
    ])
  })

  it('lists open pre-authorisations with their hold and age, not the captured ones', () => {
    const open = pay({
      operation: 'preAuthorization',
      amountMinor: 5000,
      createdAt: NOW - 90 * 60_000,
    })
    const captured = pay({ operation: 'preAuthorization', amountMinor: 7000 })
    const r = report(
      [
        open,
        pay({
          operation: 'preAuthorizationIncrease',
          amountMinor: 1000,
          originalTransactionId: open.transactionId,
        }),
        captured,
        pay({ operation: 'preAuthorization', state: 'declined' }),
      ],
      {
        // captured the next morning: the store's linked operations say so
        linked: [
          pay({
            operation: 'preAuthorizationCapture',
            originalTransactionId: captured.transactionId,
          }),
        ],
      },
    )
    const preAuths = r.exceptions.filter((e) => e.kind === 'open_preauth')
    expect(preAuths).toEqual([
      expect.objectContaining({ paymentId: open.id, amount: 6000, ageMinutes: 90 }),
    ])
    expect(r.terminals[0]!.net).toBe(0)
  })

  it('lists approved payments whose receipt is missing', () => {
    const missing = pay({ receiptMissing: true })
    const r = report([missing, pay(), pay({ state: 'declined', receiptMissing: true })])
    expect(r.exceptions).toEqual([
      expect.objectContaining({ kind: 'receipt_missing', paymentId: missing.id, amount: 1000 }),
    ])
  })
})
