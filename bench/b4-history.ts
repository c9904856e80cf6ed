import { readdirSync, statSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { quickCheck } from '../src/main/payments/store/database'
import { runCheck } from '../src/main/payments/store/integrity'
import { openPaymentStore } from '../src/main/payments/store/open-store'
import type { PaymentRecord } from '../src/shared/contract/payments.contract'
import { median, p99, round, since } from './stats'
import type { Benchmark, Metric } from './types'
import { historyRecords } from './support/records'
import { writesFor } from './support/store-history'
import type { SearchResults } from './support/search-load'
import { WORKERS, buildWorkers, runWorker } from './support/workers'
import { tempDir } from './support/world'

const RECORDS = 100_000
/** Payments written change by change, each change its own fsync'd transaction (timed). */
const TIMED = 200
/** The rest: written through the same calls, a thousand payments per transaction. */
const BATCH = 1_000
const REOPEN_RUNS = 5
const END = Date.UTC(2026, 10, 24)

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
}

/** What B4 writes, and a sample of it to search for. */
function history(): { picks: PaymentRecord[]; writes: ReturnType<typeof writesFor>[] } {
  const { lines } = historyRecords(RECORDS, 365, END)
  return {
    picks: lines.filter((_, i) => i % 997 === 0).map((l) => l.record),
    writes: lines.map((l) => writesFor(l.record, l.meta)),
  }
}

export const b4: Benchmark = {
  id: 'B4',
  measures: `${RECORDS.toLocaleString('en')} payments in the SQLite payment store: state change (fsync), reopen, history searches, heap, size on disk, full check`,
  async run() {
    const dir = tempDir('history')
    const storeDir = join(dir.path, 'payments')
    try {
      // The history to write is built apart, so its ~400 MB are garbage before anything is
      // timed that a collection of them could stall.
      const { picks, writes } = history()
      // 1. State changes as the engine makes them: one durable transaction each.
      const { store } = openPaymentStore({ dir: storeDir, check: 'now' })
      const changeTimes: number[] = []
      for (const w of writes.slice(0, TIMED)) {
        let start = performance.now()
        store.insert(w.insert)
        changeTimes.push(since(start))
        for (const change of w.changes) {
          start = performance.now()
          store.change(w.insert.record.id, change)
          changeTimes.push(since(start))
        }
      }
      // 2. The rest through the same calls, batched into fewer transactions to save time.
      const bulkStart = performance.now()
      for (let i = TIMED; i < writes.length; i += BATCH) {
        store.transaction(() => {
          for (const w of writes.slice(i, i + BATCH)) {
            store.insert(w.insert)
            for (const change of w.changes) store.change(w.insert.record.id, change)
          }
        })
      }
      const bulkMs = since(bulkStart)
      writes.length = 0
      store.close()
      const bytes = folderBytes(storeDir)

      // 3. Reopen: the store usable (the full check runs beside, one slice per turn).
      const reopens: number[] = []
      for (let i = 0; i < REOPEN_RUNS; i += 1) {
        const start = performance.now()
        const opened = openPaymentStore({ dir: storeDir, check: 'beside' })
        reopens.push(since(start))
        opened.store.close()
        await opened.checked
      }
      // 4. Searches as the History screen asks them, in a fresh process over the built engine.
      await buildWorkers()
      const found = await runWorker<SearchResults>(
        WORKERS.search,
        { store: storeDir, picks, end: END },
        ['--expose-gc'],
      )
      const results = found.searches

      // 5. The full check (what runs beside the app after each open), and quick_check alone.
      const checker = openPaymentStore({ dir: storeDir, check: 'beside' })
      checker.store.close()
      await checker.checked
      const { store: plain } = openPaymentStore({ dir: storeDir, check: 'beside' })
      let start = performance.now()
      quickCheck(plain.database)
      const quickMs = since(start)
      start = performance.now()
      const report = runCheck(plain.database)
      const fullMs = since(start)
      plain.close()

      const metrics: Metric[] = [
        { name: 'state change (fsync) median', value: round(median(changeTimes)), unit: 'ms' },
        {
          name: 'state change (fsync) p99',
          value: round(p99(changeTimes)),
          unit: 'ms',
          target: '<= 5 ms',
        },
        {
          name: 'reopen, 100k payments',
          value: round(median(reopens)),
          unit: 'ms',
          target: '<= 50 ms',
        },
        { name: 'reopen, slowest', value: round(Math.max(...reopens)), unit: 'ms' },
        ...results.flatMap((r) => [
          { name: `search ${r.name} median`, value: round(r.median, 3), unit: 'ms' },
          { name: `search ${r.name} p99`, value: round(r.p99, 3), unit: 'ms', target: '<= 10 ms' },
          { name: `search ${r.name} p99, CPU time`, value: round(r.cpuP99, 3), unit: 'ms' },
        ]),
        {
          name: 'slowest search no collection fell in',
          value: round(found.slowestClean, 3),
          unit: 'ms',
          target: '<= 10 ms',
        },
        { name: 'searches a collection fell in', value: found.paused, unit: `of ${found.runs}` },
        {
          name: 'slowest search a collection fell in',
          value: round(found.slowestPaused, 3),
          unit: 'ms',
        },
        { name: '  of which the collection', value: round(found.pauseInSlowest, 3), unit: 'ms' },
        { name: 'get one payment p99', value: round(found.getP99, 3), unit: 'ms' },
        {
          name: 'bytes per payment on disk',
          value: Math.round(bytes / RECORDS),
          unit: 'B',
          target: '<= 600 B',
        },
        { name: 'store size', value: round(bytes / 2 ** 20, 1), unit: 'MiB' },
        {
          name: 'heap held by the open store',
          value: round(found.heapHeld / 2 ** 20, 1),
          unit: 'MiB',
          target: '<= 30 MB',
        },
        { name: 'quick_check', value: round(quickMs), unit: 'ms' },
        { name: 'full check (quick_check + every checksum)', value: round(fullMs), unit: 'ms' },
      ]
      return {
        id: 'B4',
        measures: b4.measures,
        metrics,
        notes: [
          `${TIMED} payments written change by change (${changeTimes.length} transactions, each committed with synchronous=FULL in WAL); the other ${RECORDS - TIMED} through the same calls, ${BATCH} payments per transaction, in ${round(bulkMs / 1000, 1)} s; a year of history, 8 merchants x 4 terminals, 3-4 changes per payment`,
          `reopen = openPaymentStore until usable; the full check (${report.rows.toLocaleString('en')} rows, ${report.problems.length} problems) runs beside on a worker thread; searches: engine.search as the History screen asks it, in a fresh plain-Node process over the built code (out/main/headless.js), 40 runs each, limit 50, with the total count; a page read again comes from the store's 1,000 payments decoded last (each still checked against its row)`,
          `average hits: ${results.map((r) => `${r.name} ${round(r.hits, 1)}`).join(', ')}`,
          'heap: what closing the engine gives back after every search above (forced collections before and after)',
          `load average during the run: ${loadavg()
            .map((l) => round(l, 1))
            .join(
              ', ',
            )} on ${cpus().length} cores (wall-clock p99s include time the processor spent elsewhere; the CPU-time p99s do not)`,
        ],
      }
    } finally {
      dir.remove()
    }
  },
}
