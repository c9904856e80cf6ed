import { DatabaseSync } from 'node:sqlite'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openPaymentStore } from '../../../../src/main/payments/store/open-store'
import type { SqlitePaymentStore } from '../../../../src/main/payments/store/sqlite-store'
import { tempDataDir } from '../support'
import { newSale } from './fixtures'

const open: SqlitePaymentStore[] = []
afterEach(() => {
  vi.restoreAllMocks()
  for (const store of open.splice(0)) store.close()
})

function openStore(): { store: SqlitePaymentStore; dir: string } {
  const dir = tempDataDir('tx-')
  const { store } = openPaymentStore({ dir, check: 'now' })
  open.push(store)
  return { store, dir }
}

/** Counts the COMMITs the store sends to SQLite (one per fsync'd transaction). */
function countCommits(store: SqlitePaymentStore): () => number {
  const exec = vi.spyOn(store.database, 'exec')
  return () => exec.mock.calls.filter(([sql]) => sql === 'COMMIT').length
}

const at = 1_800_000_000_000

describe('the store write transactions (group commit)', () => {
  it('commits several changes with one COMMIT, and runs what waited only after it', () => {
    const { store, dir } = openStore()
    const sales = [newSale(), newSale(), newSale()]
    for (const sale of sales) store.insert(sale)
    const commits = countCommits(store)
    const seen: string[] = []
    store.transaction(() => {
      for (const sale of sales) {
        store.change(sale.record.id, { at: at + 1, patch: { state: 'accepted' } })
        store.afterCommit(() => {
          // What acts on the fact sees it on disk: another connection reads it.
          const other = new DatabaseSync(path.join(dir, fileOf(store)), { readOnly: true })
          const row = other.prepare('SELECT count(*) AS n FROM payment_changes').get() as {
            n: number
          }
          other.close()
          seen.push(`${sale.record.id}:${row.n}`)
        })
      }
      expect(seen).toEqual([])
    })
    expect(commits()).toBe(1)
    expect(seen).toEqual(sales.map((s) => `${s.record.id}:6`))
    for (const sale of sales) expect(store.get(sale.record.id)?.record.state).toBe('accepted')
  })

  it('runs an action at once when no transaction is open', () => {
    const { store } = openStore()
    const ran = vi.fn()
    store.afterCommit(ran)
    expect(ran).toHaveBeenCalledOnce()
    const undo = vi.fn()
    store.onRollback(undo)
    store.transaction(() => undefined)
    expect(undo).not.toHaveBeenCalled()
  })

  it('undoes only the write that failed inside a group, and keeps the others', () => {
    const { store } = openStore()
    const [a, b] = [newSale(), newSale()]
    store.insert(a)
    store.insert(b)
    const kept = vi.fn()
    const dropped = vi.fn()
    const undone = vi.fn()
    store.transaction(() => {
      store.change(a.record.id, { at: at + 1, patch: { state: 'accepted' } })
      store.afterCommit(kept)
      expect(() =>
        store.transaction(() => {
          store.change(b.record.id, { at: at + 1, patch: { state: 'accepted' } })
          store.afterCommit(dropped)
          store.onRollback(undone)
          throw new Error('this write fails')
        }),
      ).toThrow('this write fails')
    })
    expect(store.get(a.record.id)?.record.state).toBe('accepted')
    expect(store.get(b.record.id)?.record.state).toBe('sent')
    expect(store.history(b.record.id)).toHaveLength(1)
    expect(kept).toHaveBeenCalledOnce()
    expect(dropped).not.toHaveBeenCalled()
    expect(undone).toHaveBeenCalledOnce()
  })

  it('undoes everything, newest first, and acts on nothing when the commit fails', () => {
    const { store } = openStore()
    const [a, b] = [newSale(), newSale()]
    store.insert(a)
    store.insert(b)
    const db = store.database
    const exec = db.exec.bind(db)
    vi.spyOn(db, 'exec').mockImplementation((sql: string) => {
      if (sql === 'COMMIT') throw new Error('disk I/O error')
      exec(sql)
    })
    const order: string[] = []
    const acted = vi.fn()
    expect(() =>
      store.transaction(() => {
        for (const sale of [a, b]) {
          store.change(sale.record.id, { at: at + 1, patch: { state: 'accepted' } })
          store.onRollback(() => order.push(sale.record.id))
          store.afterCommit(acted)
        }
      }),
    ).toThrow('disk I/O error')
    vi.restoreAllMocks()
    expect(acted).not.toHaveBeenCalled()
    expect(order).toEqual([b.record.id, a.record.id])
    expect(db.isTransaction).toBe(false)
    for (const sale of [a, b]) expect(store.get(sale.record.id)?.record.state).toBe('sent')
    // And the store goes on: the next change commits normally.
    store.change(a.record.id, { at: at + 2, patch: { state: 'accepted' } })
    expect(store.get(a.record.id)?.record.state).toBe('accepted')
  })

  it('runs every action after the commit even when one throws, then reports the first error', () => {
    const { store } = openStore()
    const sale = newSale()
    store.insert(sale)
    const second = vi.fn()
    expect(() =>
      store.transaction(() => {
        store.change(sale.record.id, { at: at + 1, patch: { state: 'accepted' } })
        store.afterCommit(() => {
          throw new Error('a listener failed')
        })
        store.afterCommit(second)
      }),
    ).toThrow('a listener failed')
    expect(second).toHaveBeenCalledOnce()
    expect(store.get(sale.record.id)?.record.state).toBe('accepted')
  })
})

/** The database file's name inside the payments folder. */
function fileOf(store: SqlitePaymentStore): string {
  const row = store.database.prepare('PRAGMA database_list').get() as { file: string }
  return path.basename(row.file)
}
