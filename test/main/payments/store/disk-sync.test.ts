import fs from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '../../../../src/shared/contract/result'
import { DiskSync } from '../../../../src/main/payments/store/disk-sync'
import { openPaymentStore } from '../../../../src/main/payments/store/open-store'
import type { StoreProblem } from '../../../../src/main/payments/store/port'
import type { SqlitePaymentStore } from '../../../../src/main/payments/store/sqlite-store'
import { tempDataDir } from '../support'
import { newSale } from './fixtures'

const open: SqlitePaymentStore[] = []
afterEach(() => {
  vi.restoreAllMocks()
  for (const store of open.splice(0)) store.close()
})

function openStore(dir = tempDataDir('disk-')): {
  store: SqlitePaymentStore
  dir: string
  problems: StoreProblem[]
} {
  const problems: StoreProblem[] = []
  const { store } = openPaymentStore({ dir, check: 'now', onProblem: (p) => problems.push(p) })
  open.push(store)
  return { store, dir, problems }
}

type Done = (error: NodeJS.ErrnoException | null) => void

/** Holds every fsync of the log until the test lets it finish (with an error, if given). */
function holdFsyncs(): { held: Done[]; finish: (error?: Error) => Promise<void> } {
  const held: Done[] = []
  vi.spyOn(fs, 'fdatasync').mockImplementation(((_fd: number, done: Done) => {
    held.push(done)
  }) as typeof fs.fdatasync)
  return {
    held,
    finish: async (error) => {
      held.shift()!(error ?? null)
      await new Promise((resolve) => setImmediate(resolve))
    },
  }
}

const at = 1_800_000_000_000
const deferred = { waitForDisk: false } as const
const synchronous = (store: SqlitePaymentStore): unknown =>
  (store.database.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous

/** A sale stored, then accepted in a deferred commit with an action waiting, fsyncs held. */
function acceptedDeferred(store: SqlitePaymentStore) {
  const sale = newSale()
  store.insert(sale)
  const fsyncs = holdFsyncs()
  const acted = vi.fn()
  store.transaction(() => {
    store.change(sale.record.id, { at: at + 1, patch: { state: 'accepted' } })
    store.afterCommit(acted)
  }, deferred)
  return { sale, fsyncs, acted }
}

describe('commits that wait for the disk off the app thread', () => {
  it('returns before the fsync, and runs what waited only once the fsync covering it returned', async () => {
    const { store } = openStore()
    const { sale, fsyncs, acted } = acceptedDeferred(store)
    // Committed: readable, but nothing acted on it yet; the connection is back to FULL.
    expect(store.get(sale.record.id)?.record.state).toBe('accepted')
    expect(acted).not.toHaveBeenCalled()
    expect(fsyncs.held).toHaveLength(1)
    expect(synchronous(store)).toBe(2)
    let flushed = false
    void store.flushed().then(() => (flushed = true))
    await new Promise((resolve) => setImmediate(resolve))
    expect(flushed).toBe(false)
    await fsyncs.finish()
    expect(acted).toHaveBeenCalledOnce()
    expect(flushed).toBe(true)
  })

  it('covers every commit made while an fsync ran with one more fsync, in the order they came', async () => {
    const { store } = openStore()
    const sales = [newSale(), newSale(), newSale()]
    for (const sale of sales) store.insert(sale)
    const fsyncs = holdFsyncs()
    const order: string[] = []
    for (const sale of sales) {
      store.transaction(() => {
        store.change(sale.record.id, { at: at + 1, patch: { state: 'accepted' } })
        store.afterCommit(() => order.push(sale.record.id))
      }, deferred)
    }
    // Outside a transaction, an action waits for the commits before it too.
    store.afterCommit(() => order.push('after all three'))
    expect(fsyncs.held).toHaveLength(1)
    await fsyncs.finish()
    // The first fsync began with the first commit only: the others need the next one.
    expect(order).toEqual([sales[0]!.record.id])
    expect(fsyncs.held).toHaveLength(1)
    await fsyncs.finish()
    expect(order).toEqual([...sales.map((s) => s.record.id), 'after all three'])
    expect(fsyncs.held).toHaveLength(0)
    // Nothing pending: an action runs at once again.
    const now = vi.fn()
    store.afterCommit(now)
    expect(now).toHaveBeenCalledOnce()
  })

  it('lets a commit that waits for the disk itself release the deferred ones before it, first', () => {
    const { store } = openStore()
    const [first, second] = [newSale(), newSale()]
    store.insert(first)
    holdFsyncs()
    const syncs = vi.spyOn(fs, 'fdatasyncSync')
    const order: string[] = []
    store.transaction(() => {
      store.change(first.record.id, { at: at + 1, patch: { state: 'accepted' } })
      store.afterCommit(() => order.push('deferred'))
    }, deferred)
    store.transaction(() => {
      store.insert(second)
      store.afterCommit(() => order.push('synchronous'))
    })
    expect(order).toEqual(['deferred', 'synchronous'])
    // SQLite fsync'd the log in that commit; the store made sure of it on its own descriptor.
    expect(syncs).toHaveBeenCalledOnce()
  })

  it('after a failed fsync acts on nothing, says so, and refuses every write after', async () => {
    const { store, problems } = openStore()
    const { fsyncs, acted } = acceptedDeferred(store)
    const flushed = store.flushed().then(
      () => undefined,
      (error: unknown) => error,
    )
    await fsyncs.finish(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }))
    expect(acted).not.toHaveBeenCalled()
    const error = await flushed
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('payments_store_disk_failed')
    expect(problems.map((p) => p.code)).toEqual(['payments_store_disk_failed'])
    expect(problems[0]!.params.cause).toContain('EIO')
    expect(() => store.insert(newSale())).toThrow(
      expect.objectContaining({ code: 'payments_store_disk_failed' }),
    )
  })

  it('on close, puts what is pending on disk and runs what waited for it', () => {
    const { store, dir } = openStore()
    const sale = newSale()
    store.insert(sale)
    holdFsyncs() // never returns: the close must not wait for it
    const acted = vi.fn()
    store.transaction(() => {
      store.change(sale.record.id, { at: at + 1, patch: { state: 'accepted' } })
      store.afterCommit(acted)
    }, deferred)
    store.close()
    expect(acted).toHaveBeenCalledOnce()
    const again = openStore(dir).store
    expect(again.get(sale.record.id)?.record.state).toBe('accepted')
  })

  it('leaves an in-memory database to SQLite (there is no log file to fsync)', () => {
    const db = new DatabaseSync(':memory:')
    const disk = new DiskSync(
      () => db,
      () => {},
      () => {},
    )
    expect(disk.supported).toBe(false)
    db.close()
  })

  it('refuses a write inside a transaction SQLite rolled back itself, and puts the connection back to FULL', () => {
    const { store } = openStore()
    const sale = newSale()
    store.insert(sale)
    holdFsyncs()
    expect(() =>
      store.transaction(() => {
        store.change(sale.record.id, { at: at + 1, patch: { state: 'accepted' } })
        store.database.exec('ROLLBACK') // as SQLite does on an I/O error or a full disk
        store.insert(newSale()) // would commit on its own, unsynced, outside the group
      }, deferred),
    ).toThrow('rolled back by SQLite')
    expect(synchronous(store)).toBe(2)
    expect(store.get(sale.record.id)?.record.state).toBe('sent')
  })

  it('keeps the order when an action run after an fsync commits itself', async () => {
    const { store } = openStore()
    const [first, second] = [newSale(), newSale()]
    store.insert(first)
    const fsyncs = holdFsyncs()
    const order: string[] = []
    store.transaction(() => {
      store.change(first.record.id, { at: at + 1, patch: { state: 'accepted' } })
      store.afterCommit(() => {
        order.push('first, a')
        // A listener that writes (FULL): it must not run what came after this commit first.
        store.transaction(() => store.insert(second))
      })
      store.afterCommit(() => order.push('first, b'))
    }, deferred)
    store.afterCommit(() => order.push('after'))
    await fsyncs.finish()
    expect(order).toEqual(['first, a', 'first, b', 'after'])
  })
})
