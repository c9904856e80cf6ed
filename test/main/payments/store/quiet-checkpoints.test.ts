import { afterEach, describe, expect, it, vi } from 'vitest'
import { openPaymentStore } from '../../../../src/main/payments/store/open-store'
import type { SqlitePaymentStore } from '../../../../src/main/payments/store/sqlite-store'
import { tempDataDir } from '../support'
import { newSale } from './fixtures'

const open: SqlitePaymentStore[] = []
afterEach(() => {
  vi.useRealTimers()
  for (const s of open.splice(0)) s.close()
})

function openStore(): SqlitePaymentStore {
  const { store } = openPaymentStore({ dir: tempDataDir('ckpt-'), check: 'now' })
  open.push(store)
  return store
}

/** Frames in the log, and how many of them are already copied into the database file. */
function walState(store: SqlitePaymentStore): { log: number; checkpointed: number } {
  // A NOOP-like look: a PASSIVE checkpoint on a log already copied copies nothing.
  const row = store.database.prepare('PRAGMA wal_checkpoint(PASSIVE)').get() as {
    log: number
    checkpointed: number
  }
  return row
}

describe('checkpoints between bursts of commits', () => {
  it('leaves SQLite only a backstop, and copies the log back once commits pause', () => {
    vi.useFakeTimers()
    const store = openStore()
    const auto = store.database.prepare('PRAGMA wal_autocheckpoint').get() as {
      wal_autocheckpoint: number
    }
    expect(auto.wal_autocheckpoint).toBe(1000)
    for (let i = 0; i < 20; i += 1) {
      store.insert(newSale())
      vi.advanceTimersByTime(10) // a burst: never 50 ms without a commit
    }
    expect(store.checkpoints.done).toBe(0)
    vi.advanceTimersByTime(50)
    expect(store.checkpoints.done).toBe(1)
    const wal = walState(store)
    expect(wal.log).toBeGreaterThan(0)
    expect(wal.checkpointed).toBe(wal.log)
    // Nothing written since: the next quiet moment has nothing to do.
    vi.advanceTimersByTime(1000)
    expect(store.checkpoints.done).toBe(1)
  })

  it('stops waiting when the store closes', () => {
    vi.useFakeTimers()
    const store = openStore()
    store.insert(newSale())
    store.close()
    open.pop()
    expect(() => vi.advanceTimersByTime(100)).not.toThrow()
    expect(store.checkpoints.done).toBe(0)
  })
})
