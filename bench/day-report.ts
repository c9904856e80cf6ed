import { join } from 'node:path'
import { businessDayOf, dayWindow, systemZone } from '../src/main/day/business-day'
import { journalLines, matchBatch } from '../src/main/day/reconcile-match'
import { buildDayReport } from '../src/main/day/report'
import { createStoreDayJournal } from '../src/main/day/store-journal'
import { openPaymentStore } from '../src/main/payments/store/open-store'
import { median, p99, round, since } from './stats'
import type { Benchmark } from './types'
import { dayYear } from './support/day-year'
import { tempDir } from './support/world'

const PAYMENTS = 100_000
const END = Date.UTC(2026, 10, 24)
const DAYS = 30
const YEAR_RUNS = 5
const BATCH = 1_000

/**
 * The day report over a busy year kept in the payment store (SQLite): one business day as the
 * Day tab asks for it (the store's range query, reading the records, linked operations, the
 * report), and the whole year in one report as the worst case. Then matching a busy day's batch.
 */
export const dayReport: Benchmark = {
  id: 'DAY',
  measures: `Day report over ${PAYMENTS.toLocaleString('en')} stored payments (a busy year): one day, the whole year, batch matching`,
  async run() {
    const dir = tempDir('day')
    const { store } = openPaymentStore({ dir: join(dir.path, 'payments'), check: 'now' })
    try {
      const records = dayYear(PAYMENTS, END)
      const loadStart = performance.now()
      for (let i = 0; i < records.length; i += BATCH) {
        store.transaction(() => {
          for (const record of records.slice(i, i + BATCH)) {
            store.insert({ record, meta: { referenceSent: !record.originalTransactionId } })
          }
        })
      }
      const loadMs = since(loadStart)
      const journal = createStoreDayJournal(store, () => END)
      const merchantId = 'BusyShop'

      const oneDay: number[] = []
      const reading: number[] = []
      let rows = 0
      // One warm-up day first: the first query compiles statements and fills the page cache.
      for (let i = -1; i < DAYS; i += 1) {
        const date = businessDayOf(END - (Math.max(0, i) * 11 + 1) * 86_400_000, systemZone)
        const window = dayWindow(date, systemZone)
        const start = performance.now()
        const payments = journal.paymentsBetween({ merchantId, ...window })
        const linked = journal.linkedTo(merchantId, payments)
        const read = since(start)
        buildDayReport({ date, window, payments, linked, now: END, defaultCurrency: 'EUR' })
        if (i < 0) continue
        oneDay.push(since(start))
        reading.push(read)
        rows += payments.length
      }

      const year: number[] = []
      const query: number[] = []
      for (let i = 0; i < YEAR_RUNS; i += 1) {
        const start = performance.now()
        const payments = journal.paymentsBetween({ merchantId, from: 0, to: END + 1 })
        query.push(since(start))
        buildDayReport({
          date: 'year',
          window: { from: 0, to: END + 1 },
          payments,
          now: END,
          defaultCurrency: 'EUR',
        })
        year.push(since(start))
      }

      const busy = journal.paymentsBetween({
        merchantId,
        ...dayWindow(businessDayOf(END - 3 * 86_400_000, systemZone), systemZone),
      })
      const lines = journalLines(busy)
      const batch = {
        batchNumber: '1',
        lines: lines.map((l) => ({
          type: l.kind.toUpperCase(),
          amountMinor: l.amount,
          rrn: l.rrn,
        })),
      }
      const matchStart = performance.now()
      const differences = matchBatch(lines, batch).length
      const matchMs = since(matchStart)

      return {
        id: 'DAY',
        measures: dayReport.measures,
        metrics: [
          {
            name: 'one day (store query + report) median',
            value: round(median(oneDay), 3),
            unit: 'ms',
            target: '<= 100 ms',
          },
          { name: 'one day p99', value: round(p99(oneDay), 3), unit: 'ms', target: '<= 100 ms' },
          {
            name: 'of which reading the day from the store',
            value: round(median(reading), 3),
            unit: 'ms',
          },
          {
            name: 'whole year in one report median',
            value: round(median(year)),
            unit: 'ms',
          },
          {
            name: 'of which reading the year from the store',
            value: round(median(query)),
            unit: 'ms',
          },
          { name: 'payments per day (average)', value: round(rows / DAYS), unit: 'payments' },
          { name: `match a ${lines.length}-line batch`, value: round(matchMs, 3), unit: 'ms' },
        ],
        notes: [
          `${PAYMENTS} payments loaded into the SQLite store in ${round(loadMs / 1000, 1)} s (${BATCH} per transaction)`,
          `batch differences found in a matching batch: ${differences}`,
          "the target is for a business day's report (what the Day tab and the Z report compute) with a busy year in the store; the whole year in one report is the worst case, shown for scale: every record is read through the store port (decoded and checked), and the report itself is the rest",
        ],
      }
    } finally {
      store.close()
      dir.remove()
    }
  },
}
