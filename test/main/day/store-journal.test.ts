import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PaymentRecord } from '@shared/contract'
import { receiptStatusRows } from '../../../src/main/day/receipt-standing'
import { createStoreDayJournal } from '../../../src/main/day/store-journal'
import { openPaymentStore } from '../../../src/main/payments/store/open-store'
import type { SqlitePaymentStore } from '../../../src/main/payments/store/sqlite-store'
import { tempDataDir } from '../payments/support'

const DAY = 86_400_000
const T0 = Date.UTC(2026, 6, 14, 10)
let store: SqlitePaymentStore | undefined
afterEach(() => {
  store?.close()
  store = undefined
})

function record(id: string, fields: Partial<PaymentRecord> = {}): PaymentRecord {
  return {
    id,
    merchantId: 'm1',
    terminalSerial: 'T1',
    terminalType: 'PAXA920',
    operation: 'sale',
    amountMinor: '1000',
    currency: 'EUR',
    transactionReference: `00000000-0000-4000-8000-${id.padStart(12, '0')}`,
    flow: 'poll',
    state: 'approved',
    createdAt: T0,
    updatedAt: T0,
    finalAt: T0,
    result: {
      finStatus: 'AUTHORISED',
      transactionId: `tx-${id}`,
      totalAmountMinor: '1000',
      currency: 'EUR',
      rrn: `R${id}`,
      batchNumber: '7',
      cardSchemeName: 'VISA',
      cardEntryType: 'ICC',
    },
    evidence: [],
    ...fields,
  }
}

function open() {
  store = openPaymentStore({
    dir: path.join(tempDataDir('day-store-'), 'payments'),
    check: 'now',
  }).store
  for (const r of [
    record('1'),
    record('2', { operation: 'preAuthorization', createdAt: T0 + 1000 }),
    record('3', { merchantId: 'm2', createdAt: T0 + 2000 }),
    // The next morning: the capture of the pre-authorisation of the day before.
    record('4', {
      operation: 'preAuthorizationCapture',
      originalTransactionId: 'tx-2',
      createdAt: T0 + DAY,
    }),
  ]) {
    store.insert({ record: r, meta: { referenceSent: r.operation !== 'preAuthorizationCapture' } })
  }
  return createStoreDayJournal(store, () => T0 + DAY + 60 * 60_000)
}

describe('the day journal over the payment store', () => {
  it("reads a merchant's day with rrn and batch number, and the next day's capture as linked", () => {
    const journal = open()
    const day = journal.paymentsBetween({ merchantId: 'm1', from: T0 - 1000, to: T0 + DAY - 1000 })
    expect(day.map((p) => [p.id, p.operation, p.rrn, p.batchNumber, p.totalMinor])).toEqual([
      ['1', 'sale', 'R1', '7', 1000],
      ['2', 'preAuthorization', 'R2', '7', 1000],
    ])
    expect(journal.linkedTo('m1', day).map((p) => p.id)).toEqual(['4'])
    expect(
      journal.paymentsBetween({ merchantId: 'm1', from: T0, to: T0 + 1, terminalSerial: 'T9' }),
    ).toEqual([])
  })

  it('says a receipt is missing when fetching gave up, not while it is still retried', () => {
    const journal = open()
    const copy = (status: 'stored' | 'failed', retry?: number) => ({
      status,
      source: 'url' as const,
      attempts: 3,
      printedCount: 0,
      ...(retry ? { nextAttemptAt: retry } : {}),
    })
    const receipts = (merchant: ReturnType<typeof copy>) => ({
      paymentId: '1',
      customer: { copy: 'customer' as const, ...copy('stored') },
      merchant: { copy: 'merchant' as const, ...merchant },
      signature: { status: 'none' as const },
      askCustomerCopy: false,
    })
    const missing = () =>
      journal.paymentsBetween({ merchantId: 'm1', from: T0, to: T0 + 1 })[0]?.receiptMissing
    // Reported five minutes before the report: a retry is still to come.
    for (const row of receiptStatusRows(
      receipts(copy('failed', T0 + DAY + 3_600_000)),
      T0 + DAY + 55 * 60_000,
    )) {
      store!.setReceiptStatus(row)
    }
    expect(missing()).toBeUndefined()
    for (const row of receiptStatusRows(receipts(copy('failed')), T0 + DAY)) {
      store!.setReceiptStatus(row)
    }
    expect(missing()).toBe(true)
    expect(store!.receiptStatuses('1').map((r) => [r.kind, r.state])).toEqual([
      ['customer', 'stored'],
      ['merchant', 'failed'],
    ])
  })

  it('keeps a batch close and everything the day close knows about it', () => {
    const journal = open()
    const requested = journal.insertBatchClose({
      merchantId: 'm1',
      terminal: 'VT1',
      terminalType: 'VT',
      businessDate: '2026-07-14',
      requestedAt: T0 + 5000,
      requestedBatchNumber: '7',
      state: 'requested',
    })
    expect(journal.batchCloses({ merchantId: 'm1' })).toEqual([requested])
    const closed = journal.updateBatchClose(requested.id, {
      state: 'closed',
      answeredAt: T0 + 6000,
      answer: { batchNumber: '7', closeBatchGuid: 'g', closedAt: '20260714100006000' },
      summary: { batchNumber: '7', netMinor: 1000, transactionCount: 1 },
      detailLines: 1,
    })
    expect(closed).toEqual({
      id: requested.id,
      merchantId: 'm1',
      terminal: 'VT1',
      terminalType: 'VT',
      businessDate: '2026-07-14',
      requestedAt: T0 + 5000,
      requestedBatchNumber: '7',
      state: 'closed',
      answeredAt: T0 + 6000,
      answer: { batchNumber: '7', closeBatchGuid: 'g', closedAt: '20260714100006000' },
      summary: { batchNumber: '7', netMinor: 1000, transactionCount: 1 },
      detailLines: 1,
    })
    expect(
      journal.batchCloses({ merchantId: 'm1', terminalSerial: 'VT1', from: T0, to: T0 + DAY }),
    ).toEqual([closed])
    expect(journal.batchCloses({ merchantId: 'm2' })).toEqual([])
    const row = store!.getBatchClose(Number(requested.id))!
    expect(row).toMatchObject({ state: 'closed', batchNumber: '7', closeBatchGuid: 'g' })
  })
})
