import { afterEach, describe, expect, it, vi } from 'vitest'
import { GroupWriter } from '../../../src/main/payments/group-writer'
import { openPaymentStore } from '../../../src/main/payments/store/open-store'
import type { SqlitePaymentStore } from '../../../src/main/payments/store/sqlite-store'
import { newSale } from './store/fixtures'
import { tempDataDir } from './support'

const open: SqlitePaymentStore[] = []
afterEach(() => {
  vi.restoreAllMocks()
  for (const store of open.splice(0)) store.close()
})

function setup() {
  const { store } = openPaymentStore({ dir: tempDataDir('writer-'), check: 'now' })
  open.push(store)
  const exec = vi.spyOn(store.database, 'exec')
  const commits = (): number => exec.mock.calls.filter(([sql]) => sql === 'COMMIT').length
  const save = (): (() => unknown) => {
    const sale = newSale()
    return () => store.insert(sale)
  }
  return { store, writer: new GroupWriter(store), commits, save }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('the group writer', () => {
  it('commits an idle write at the end of its turn, without waiting', async () => {
    const { writer, commits, save } = setup()
    let committed = false
    void writer.write('a', save()).then(() => (committed = true))
    await nextTurn()
    expect(committed).toBe(true)
    expect(commits()).toBe(1)
  })

  it('gives a group a moment to gather during a burst: writes of later turns share its commit', async () => {
    const { writer, commits, save } = setup()
    await writer.write('a', save())
    expect(commits()).toBe(1)
    // A burst is on (a commit a moment ago): writes asked in three turns share one commit.
    const writes = [writer.write('b', save())]
    await nextTurn()
    writes.push(writer.write('c', save()))
    await nextTurn()
    writes.push(writer.write('d', save()))
    await Promise.all(writes)
    expect(commits()).toBe(2)
  })

  it('fails only the write that threw, and commits the others of its group', async () => {
    const { store, writer, commits, save } = setup()
    const outcomes = await Promise.allSettled([
      writer.write('a', save()),
      writer.write('b', () => {
        store.insert(newSale())
        throw new Error('refused')
      }),
      writer.write('c', save()),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(commits()).toBe(1)
    // The one that threw left nothing behind: two sales stored, not three.
    expect(store.list({ merchantId: newSale().record.merchantId, limit: 10 })).toHaveLength(2)
  })
})
