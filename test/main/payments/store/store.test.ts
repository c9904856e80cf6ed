import { afterEach, describe, expect, it } from 'vitest'
import { openPaymentStore } from '../../../../src/main/payments/store/open-store'
import type { SqlitePaymentStore } from '../../../../src/main/payments/store/sqlite-store'
import { tempDataDir } from '../support'
import { approvedResult, newSale, uuid } from './fixtures'

const open: SqlitePaymentStore[] = []
afterEach(() => {
  for (const store of open.splice(0)) store.close()
})

function openStore(dir = tempDataDir('store-')): { store: SqlitePaymentStore; dir: string } {
  const { store } = openPaymentStore({ dir, check: 'now' })
  open.push(store)
  return { store, dir }
}

describe('the payment store', () => {
  it('keeps a payment and the changes that follow it, and folds them back into the record', () => {
    const { store } = openStore()
    const sale = newSale()
    const inserted = store.insert(sale)
    expect(inserted.created).toBe(true)
    const id = sale.record.id
    const t = sale.record.createdAt
    store.change(id, {
      at: t + 200,
      patch: { state: 'accepted', transactionResultId: 'r-1' },
      meta: { postEndedAt: t + 200 },
      evidence: { at: t + 200, code: 'evidence_accepted' },
    })
    store.change(id, { at: t + 900, patch: { state: 'in-progress' } })
    const txId = uuid()
    const final = store.change(id, {
      at: t + 5000,
      patch: { state: 'approved', result: approvedResult(txId), finalAt: t + 5000 },
      evidence: {
        at: t + 5000,
        code: 'evidence_result_by_poll',
        params: { finStatus: 'AUTHORISED' },
      },
    })
    expect(final.version).toBe(4)
    expect(final.record).toMatchObject({
      id,
      state: 'approved',
      amountMinor: '1234',
      transactionResultId: 'r-1',
      finalAt: t + 5000,
      updatedAt: t + 5000,
      createdAt: t,
    })
    expect(final.record.evidence.map((e) => e.at)).toEqual([t, t + 200, t + 5000])
    expect(final.meta).toEqual({ referenceSent: true, sentAt: t, postEndedAt: t + 200 })
    expect(store.get(id)).toEqual(final)
    expect(store.history(id).map((c) => c.state)).toEqual([
      'sent',
      'accepted',
      'in-progress',
      'approved',
    ])
    expect(store.findByReference(txId).map((s) => s.record.id)).toEqual([id])
    expect(store.search({ lastFour: '0010' }).items.map((r) => r.id)).toEqual([id])
    expect(store.problems).toEqual([])
  })
})
