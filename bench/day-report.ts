import { businessDayOf, dayWindow, systemZone } from '../src/main/day/business-day'
import { MemoryDayJournal } from '../src/main/day/memory-journal'
import { journalLines, matchBatch } from '../src/main/day/reconcile-match'
import { toDayPayment } from '../src/main/day/record-mapping'
import { buildDayReport } from '../src/main/day/report'
import { median, p99, round, since } from './stats'
import type { Benchmark } from './types'
import { dayYear } from './support/day-year'

const PAYMENTS = 100_000
const END = Date.UTC(2026, 10, 24)
const DAYS = 30
const FULL_RUNS = 5

/**
 * The day report over a busy year kept in the journal: one business day as the Day tab asks for
 * it (query + reading the records + the report), and the whole year in one report as the worst
 * case. Then matching a busy day's batch to the journal.
 */
export const dayReport: Benchmark = {
  id: 'DAY',
  measures: `Day report over ${PAYMENTS.toLocaleString('en')} stored payments (a busy year): one day, the whole year, batch matching`,
  async run() {
    const records = dayYear(PAYMENTS, END)
    const journal = new MemoryDayJournal()
    journal.add('BusyShop', ...records.map((r) => toDayPayment(r)))

    const oneDay: number[] = []
    let rows = 0
    for (let i = 0; i < DAYS; i += 1) {
      const date = businessDayOf(END - (i * 11 + 1) * 86_400_000, systemZone)
      const window = dayWindow(date, systemZone)
      const start = performance.now()
      const payments = journal.paymentsBetween({ merchantId: 'BusyShop', ...window })
      const report = buildDayReport({
        date,
        window,
        payments,
        linked: journal.linkedTo('BusyShop', payments),
        now: END,
        defaultCurrency: 'EUR',
      })
      oneDay.push(since(start))
      rows += payments.length + report.terminals.length * 0
    }

    const year: number[] = []
    for (let i = 0; i < FULL_RUNS; i += 1) {
      const start = performance.now()
      const payments = records.map((r) => toDayPayment(r))
      buildDayReport({
        date: 'year',
        window: { from: 0, to: END },
        payments,
        now: END,
        defaultCurrency: 'EUR',
      })
      year.push(since(start))
    }

    const busiest = journal.paymentsBetween({
      merchantId: 'BusyShop',
      ...dayWindow(businessDayOf(END - 3 * 86_400_000, systemZone), systemZone),
    })
    const lines = journalLines(busiest)
    const batch = {
      batchNumber: '1',
      lines: lines.map((l) => ({ type: l.kind.toUpperCase(), amountMinor: l.amount, rrn: l.rrn })),
    }
    const matchStart = performance.now()
    const differences = matchBatch(lines, batch).length
    const matchMs = since(matchStart)

    return {
      id: 'DAY',
      measures: dayReport.measures,
      metrics: [
        {
          name: 'one day (query + report) median',
          value: round(median(oneDay), 3),
          unit: 'ms',
          target: '<= 100 ms',
        },
        {
          name: 'one day (query + report) p99',
          value: round(p99(oneDay), 3),
          unit: 'ms',
          target: '<= 100 ms',
        },
        {
          name: 'whole year in one report median',
          value: round(median(year)),
          unit: 'ms',
          target: '<= 100 ms',
        },
        { name: 'payments per day (average)', value: round(rows / DAYS), unit: 'payments' },
        { name: `match a ${lines.length}-line batch`, value: round(matchMs, 3), unit: 'ms' },
      ],
      notes: [
        'journal: in-memory day journal (the SQLite store adapter replaces it once the store lands)',
        `batch differences found in a matching batch: ${differences}`,
      ],
    }
  },
}
