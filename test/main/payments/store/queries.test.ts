import { afterEach, describe, expect, it } from 'vitest'
import { openPaymentStore } from '../../../../src/main/payments/store/open-store'
import type { SqlitePaymentStore } from '../../../../src/main/payments/store/sqlite-store'
import { tempDataDir } from '../support'
import { approvedResult, newSale, uuid } from './fixtures'

const open: SqlitePaymentStore[] = []
afterEach(() => {
  for (const store of open.splice(0)) store.close()
})

function openStore(): SqlitePaymentStore {
  const { store } = openPaymentStore({ dir: tempDataDir('store-'), check: 'now' })
  open.push(store)
  return store
}

const T = 1_800_000_000_000
const MERCHANT_B = 'merchant-b'

/** A sale approved with `card`, or left in `state`. */
function sale(
  store: SqlitePaymentStore,
  at: number,
  options: {
    card?: string
    amount?: string
    merchantId?: string
    terminal?: string
    state?: 'declined'
  } = {},
) {
  const payment = newSale(
    {
      amountMinor: options.amount ?? '1234',
      merchantId: options.merchantId ?? 'merchant-a',
      terminalSerial: options.terminal ?? '100',
    },
    at,
  )
  store.insert(payment)
  const txId = uuid()
  store.change(payment.record.id, {
    at: at + 1000,
    patch: options.state
      ? { state: options.state }
      : {
          state: 'approved',
          result: {
            ...approvedResult(txId, options.card ?? '1111'),
            totalAmountMinor: options.amount ?? '1234',
          },
        },
  })
  return { id: payment.record.id, txId, reference: payment.record.transactionReference }
}

describe('history searches', () => {
  it('filters by date, state, amount, last four, reference, terminal and merchant, newest first, with the total', () => {
    const store = openStore()
    const a = sale(store, T, { card: '4242' })
    const b = sale(store, T + 60_000, { amount: '500', terminal: '200' })
    const c = sale(store, T + 120_000, { state: 'declined' })
    const d = sale(store, T + 180_000, { merchantId: MERCHANT_B, card: '4242' })
    const ids = (q: Parameters<SqlitePaymentStore['search']>[0]) =>
      store.search(q).items.map((r) => r.id)
    expect(ids({})).toEqual([d.id, c.id, b.id, a.id])
    expect(store.search({ limit: 2, offset: 1 })).toMatchObject({
      total: 4,
      items: [{ id: c.id }, { id: b.id }],
    })
    expect(ids({ from: T + 60_000, to: T + 120_000 })).toEqual([c.id, b.id])
    expect(ids({ states: ['declined'] })).toEqual([c.id])
    expect(ids({ states: ['approved', 'declined'], merchantId: 'merchant-a' })).toEqual([
      c.id,
      b.id,
      a.id,
    ])
    expect(ids({ amountMinor: '500' })).toEqual([b.id])
    expect(ids({ lastFour: '4242' })).toEqual([d.id, a.id])
    expect(ids({ lastFour: '4242', merchantId: MERCHANT_B })).toEqual([d.id])
    expect(ids({ reference: a.reference })).toEqual([a.id])
    expect(ids({ reference: b.txId })).toEqual([b.id])
    expect(ids({ reference: c.id })).toEqual([c.id])
    expect(store.search({ reference: 'nothing-like-it' })).toEqual({ items: [], total: 0 })
    expect(ids({ terminalSerial: '200' })).toEqual([b.id])
    expect(ids({ merchantId: 'nobody' })).toEqual([])
    expect(ids({ states: ['no-such-state'] })).toEqual([])
  })

  it('finds a partial approval by the amount that was approved as well as by the one asked for', () => {
    const store = openStore()
    const payment = newSale({ amountMinor: '1000' }, T)
    store.insert(payment)
    store.change(payment.record.id, {
      at: T + 1,
      patch: { state: 'partial', result: { ...approvedResult(uuid()), totalAmountMinor: '600' } },
    })
    expect(store.search({ amountMinor: '600' }).total).toBe(1)
    expect(store.search({ amountMinor: '1000' }).total).toBe(1)
  })
})

describe('queries for the till link, the day report and money rules', () => {
  it('lists by till reference, terminal, merchant and idempotency key, newest first', () => {
    const store = openStore()
    const first = newSale(
      {
        tillReference: 'till-42',
        idempotencyKey: 'k1',
        origin: { kind: 'till', tillId: 't1', tillName: 'Front' },
      },
      T,
    )
    const second = newSale({ tillReference: 'till-42', idempotencyKey: 'k2' }, T + 10)
    const other = newSale({ terminalSerial: '999' }, T + 20)
    store.insert(first, { scope: 'till:t1', key: 'k1', fingerprint: 'f1' })
    store.insert(second, { scope: 'till:t1', key: 'k2', fingerprint: 'f2' })
    store.insert(other)
    const ids = (q: Parameters<SqlitePaymentStore['list']>[0]) => store.list(q).map((r) => r.id)
    expect(ids({ tillReference: 'till-42', limit: 10 })).toEqual([
      second.record.id,
      first.record.id,
    ])
    expect(ids({ tillReference: 'till-42', limit: 1 })).toEqual([second.record.id])
    expect(ids({ idempotencyKey: 'k1', limit: 10 })).toEqual([first.record.id])
    expect(ids({ idempotencyKey: 'k1', scope: 'till:other', limit: 10 })).toEqual([])
    expect(ids({ terminalSerial: '999', limit: 10 })).toEqual([other.record.id])
    expect(ids({ merchantId: first.record.merchantId, limit: 2 })).toEqual([
      other.record.id,
      second.record.id,
    ])
    expect(store.get(first.record.id)?.record.origin).toEqual({
      kind: 'till',
      tillId: 't1',
      tillName: 'Front',
    })
  })

  it('writes an idempotency key with its payment, once: the same key answers with the first payment', () => {
    const store = openStore()
    const first = newSale({}, T)
    const outcome = store.insert(first, { scope: 'till:t1', key: 'same', fingerprint: 'f1' })
    expect(outcome.created).toBe(true)
    const again = store.insert(newSale({}, T + 5), {
      scope: 'till:t1',
      key: 'same',
      fingerprint: 'other',
    })
    expect(again).toEqual({
      created: false,
      existing: {
        scope: 'till:t1',
        key: 'same',
        fingerprint: 'f1',
        paymentId: first.record.id,
        createdAt: T,
      },
    })
    expect(store.search({}).total).toBe(1)
    expect(store.findIdempotencyKey('till:t1', 'same')?.paymentId).toBe(first.record.id)
    expect(store.findIdempotencyKey('till:t2', 'same')).toBeUndefined()
    // Another scope may use the same key.
    expect(
      store.insert(newSale({}, T + 9), { scope: 'till:t2', key: 'same', fingerprint: 'f1' })
        .created,
    ).toBe(true)
  })

  it('gives the payments of a merchant in a time range, oldest first, and their receipts status', () => {
    const store = openStore()
    const a = sale(store, T)
    const b = sale(store, T + 3_600_000)
    sale(store, T + 1000, { merchantId: MERCHANT_B })
    sale(store, T + 2 * 86_400_000)
    store.setReceiptStatus({ paymentId: a.id, kind: 'customer', state: 'stored', updatedAt: T + 9 })
    store.setReceiptStatus({
      paymentId: a.id,
      kind: 'merchant',
      state: 'failed',
      updatedAt: T + 9,
      code: 'receipt_fetch_failed',
    })
    store.setReceiptStatus({
      paymentId: a.id,
      kind: 'customer',
      state: 'printed',
      updatedAt: T + 10,
    })
    const range = { merchantId: 'merchant-a', from: T, to: T + 86_400_000 - 1 }
    expect(store.inRange(range).map((r) => r.id)).toEqual([a.id, b.id])
    expect(store.receiptStatuses(a.id)).toEqual([
      { paymentId: a.id, kind: 'customer', state: 'printed', updatedAt: T + 10 },
      {
        paymentId: a.id,
        kind: 'merchant',
        state: 'failed',
        updatedAt: T + 9,
        code: 'receipt_fetch_failed',
      },
    ])
    expect(store.receiptStatusesInRange(range).map((r) => r.kind)).toEqual(['customer', 'merchant'])
    expect(store.receiptStatuses(b.id)).toEqual([])
  })

  it('lists the operations linked to an original with their states and amounts', () => {
    const store = openStore()
    const original = sale(store, T)
    const refund = newSale(
      { operation: 'refund', amountMinor: '300', originalTransactionId: original.txId },
      T + 10,
    )
    store.insert({ ...refund, meta: { referenceSent: false, sentAt: T + 10 } })
    store.change(refund.record.id, {
      at: T + 20,
      patch: { state: 'approved', result: { finStatus: 'AUTHORISED', totalAmountMinor: '300' } },
    })
    const reversal = newSale(
      { operation: 'saleReversal', amountMinor: '934', originalTransactionId: original.txId },
      T + 30,
    )
    store.insert(reversal)
    expect(store.linkedTo(original.txId)).toEqual([
      {
        id: refund.record.id,
        operation: 'refund',
        state: 'approved',
        amountMinor: '300',
        approvedAmountMinor: '300',
        currency: 'EUR',
        createdAt: T + 10,
        finalAt: T + 20,
      },
      {
        id: reversal.record.id,
        operation: 'saleReversal',
        state: 'sent',
        amountMinor: '934',
        currency: 'EUR',
        createdAt: T + 30,
      },
    ])
    expect(store.linkedTo('unknown')).toEqual([])
  })

  it('keeps batch closes, including the ones nobody knows the outcome of', () => {
    const store = openStore()
    const asked = store.insertBatchClose({
      merchantId: 'merchant-a',
      terminalSerial: '100',
      requestedAt: T,
    })
    expect(asked).toEqual({
      id: 1,
      merchantId: 'merchant-a',
      terminalSerial: '100',
      requestedAt: T,
      state: 'requested',
    })
    const unknown = store.insertBatchClose({
      merchantId: 'merchant-a',
      terminalSerial: '200',
      requestedAt: T + 5,
      state: 'unknown',
    })
    const closed = store.updateBatchClose(asked.id, {
      state: 'closed',
      answeredAt: T + 2,
      batchNumber: '17',
      closeBatchGuid: 'g-1',
      answerJson: '{"ok":true}',
    })
    expect(store.getBatchClose(asked.id)).toEqual(closed)
    expect(store.batchCloses({ limit: 10 }).map((b) => b.id)).toEqual([unknown.id, asked.id])
    expect(store.batchCloses({ state: 'unknown', limit: 10 })).toEqual([unknown])
    expect(store.batchCloses({ terminalSerial: '100', limit: 10 })).toEqual([closed])
    expect(store.batchCloses({ merchantId: 'nobody', limit: 10 })).toEqual([])
  })

  it('gives the callback tokens of recently finished payments, so late callbacks still get their answer', () => {
    const store = openStore()
    const payment = newSale({ flow: 'callback' }, T)
    store.insert({ ...payment, meta: { referenceSent: true, callbackTokenHash: 'ab'.repeat(32) } })
    expect(store.callbackTokensSince(T - 1)).toEqual([])
    store.change(payment.record.id, { at: T + 5, patch: { state: 'approved' } })
    expect(store.callbackTokensSince(T - 1)).toEqual([
      { paymentId: payment.record.id, tokenHash: 'ab'.repeat(32) },
    ])
    expect(store.callbackTokensSince(T + 1)).toEqual([])
  })
})

describe('the rules the store keeps itself', () => {
  it('never changes a final state, while evidence may still be added to it', () => {
    const store = openStore()
    const { id } = sale(store, T)
    expect(() => store.change(id, { at: T + 5000, patch: { state: 'declined' } })).toThrow(/final/)
    const noted = store.change(id, {
      at: T + 6000,
      evidence: { at: T + 6000, code: 'evidence_repeated_reply' },
    })
    expect(noted.record.state).toBe('approved')
    expect(store.history(id)).toHaveLength(3)
  })

  it('refuses a second payment with the same id and leaves nothing half-written', () => {
    const store = openStore()
    const payment = newSale({ merchantId: 'first-merchant' }, T)
    store.insert(payment)
    expect(() =>
      store.insert({ ...payment, record: { ...payment.record, merchantId: 'never-stored' } }),
    ).toThrow(/already stored/)
    expect(store.search({ merchantId: 'never-stored' }).total).toBe(0)
    expect(store.search({}).total).toBe(1)
  })
})
