/**
 * A payments folder holding a year of history (bench/support/records.ts), written once per
 * `npm run bench` and copied by each benchmark that starts from it (B3 opens the engine over it).
 * Written through the store's own calls, a thousand payments per transaction.
 */
import { join } from 'node:path'
import { openPaymentStore } from '../../src/main/payments/store/open-store'
import { historyRecords } from './records'
import { writesFor } from './store-history'
import { tempDir } from './world'

const END = Date.UTC(2026, 10, 24)
const BATCH = 1_000
const made = new Map<number, string>()

/** The folder (do not write to it: copy it) of a store with `count` final payments. */
export function historyStore(count: number): string {
  const existing = made.get(count)
  if (existing) return existing
  const dir = tempDir(`store-${count}`)
  process.once('exit', () => dir.remove())
  const storeDir = join(dir.path, 'payments')
  const { store } = openPaymentStore({ dir: storeDir, check: 'now' })
  try {
    const { lines } = historyRecords(count, 365, END)
    for (let i = 0; i < lines.length; i += BATCH) {
      store.transaction(() => {
        for (const line of lines.slice(i, i + BATCH)) {
          const w = writesFor(line.record, line.meta)
          store.insert(w.insert)
          for (const change of w.changes) store.change(w.insert.record.id, change)
        }
      })
    }
  } finally {
    store.close()
  }
  made.set(count, storeDir)
  return storeDir
}
