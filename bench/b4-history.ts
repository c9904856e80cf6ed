import { closeSync, openSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { HistoryIndex } from '../src/main/payments/history-index'
import { Journal } from '../src/main/payments/journal'
import { journalLineSchema, type StoredPayment } from '../src/main/payments/journal-schema'
import { median, p99, round, since } from './stats'
import type { Benchmark, Metric } from './types'
import { historyRecords } from './support/records'
import { tempDir } from './support/world'

const RECORDS = 100_000
/** Written one by one through Journal.write (fsync each) to time a write; the rest in bulk. */
const WRITE_SAMPLE = 300
const REOPEN_RUNS = 3
const BREAKDOWN_SAMPLE = 10_000
const SEARCH_RUNS = 25
const DAY = 24 * 3600_000
const END = Date.UTC(2026, 10, 24)

function fileSize(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

/**
 * Opens the journal in `dir` and checks it holds every record. Returns the last one opened and
 * every open time: repeated up to REOPEN_RUNS while the opens stay short (a slow open is timed
 * once, to keep the run short).
 */
function reopen(dir: string): { journal: Journal; times: number[] } {
  const times: number[] = []
  for (;;) {
    const start = performance.now()
    const journal = Journal.open(dir)
    times.push(since(start))
    const { size, problems } = journal
    if (size !== RECORDS || problems.length > 0) {
      journal.close()
      throw new Error(`The reopened journal holds ${size} records (${problems.join(' ')}).`)
    }
    const spent = times.reduce((a, b) => a + b, 0)
    if (times.length >= REOPEN_RUNS || spent > 3_000) return { journal, times }
    journal.close()
  }
}

/** Where an open's time goes, on a sample of lines: JSON.parse, zod, index (ms per 100,000). */
function openBreakdown(lines: StoredPayment[]): { parse: number; validate: number; index: number } {
  const sample = lines.slice(0, BREAKDOWN_SAMPLE).map((l) => JSON.stringify(l))
  const per100k = (ms: number): number => (ms * 100_000) / sample.length
  let start = performance.now()
  const parsed = sample.map((raw) => JSON.parse(raw) as unknown)
  const parse = per100k(since(start))
  start = performance.now()
  const valid = parsed.flatMap((p) => {
    const r = journalLineSchema.safeParse(p)
    return r.success ? [r.data] : []
  })
  const validate = per100k(since(start))
  start = performance.now()
  const index = new HistoryIndex()
  for (const line of valid) index.put(line.record)
  return { parse, validate, index: per100k(since(start)) }
}

function timeSearches(run: (i: number) => number): { median: number; p99: number; hits: number } {
  const times: number[] = []
  let hits = 0
  for (let i = 0; i < SEARCH_RUNS; i += 1) {
    const start = performance.now()
    hits += run(i)
    times.push(since(start))
  }
  return { median: median(times), p99: p99(times), hits: hits / SEARCH_RUNS }
}

export const b4: Benchmark = {
  id: 'B4',
  measures: `${RECORDS.toLocaleString('en')} journal records: write, reopen (recovery scan), search by last four and by date range, size on disk`,
  async run() {
    const dir = tempDir('history')
    const journalDir = join(dir.path, 'payments')
    try {
      const { lines } = historyRecords(RECORDS, 365, END)
      // 1. Real writes, each fsync'd, as the engine does on every state change.
      let journal = Journal.open(journalDir)
      const writes: number[] = []
      for (const line of lines.slice(0, WRITE_SAMPLE)) {
        const start = performance.now()
        journal.write(line.record, line.meta)
        writes.push(since(start))
      }
      journal.close()
      // 2. The rest appended in the journal's own line format (100,000 fsyncs would take minutes).
      const fd = openSync(join(journalDir, 'journal.jsonl'), 'a')
      const bulkStart = performance.now()
      let chunk = ''
      for (const line of lines.slice(WRITE_SAMPLE)) {
        chunk += `${JSON.stringify(line)}\n`
        if (chunk.length > 1 << 20) {
          writeSync(fd, chunk)
          chunk = ''
        }
      }
      writeSync(fd, chunk)
      closeSync(fd)
      const bulkMs = since(bulkStart)
      const journalBytes = fileSize(join(journalDir, 'journal.jsonl'))

      // 3. Reopen with everything in journal.jsonl, then compact and reopen from the snapshot.
      const first = reopen(journalDir)
      const reopenJournal = first.times
      journal = first.journal
      const compactStart = performance.now()
      journal.compact()
      const compactMs = since(compactStart)
      journal.close()
      const snapshotBytes = fileSize(join(journalDir, 'snapshot.jsonl'))
      const heapBefore = process.memoryUsage().heapUsed
      const second = reopen(journalDir)
      const reopenSnapshot = second.times
      journal = second.journal
      const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20
      const breakdown = openBreakdown(lines)

      // 4. Searches on the reopened history, as the history screen asks them.
      const cards = lines
        .filter((_, i) => i % 997 === 0)
        .map((l) => l.record.result!.maskedCardNumber!.slice(-4))
      const byCard = timeSearches(
        (i) => journal.search({ lastFour: cards[i % cards.length]!, limit: 50 }).total,
      )
      const byDay = timeSearches((i) => {
        const from = END - (i + 1) * 13 * DAY
        return journal.search({ from, to: from + DAY - 1, limit: 50 }).total
      })
      const byMonth = timeSearches((i) => {
        const from = END - (i % 11) * 30 * DAY - 30 * DAY
        return journal.search({ from, to: from + 30 * DAY - 1, limit: 50 }).total
      })
      const byMerchantMonth = timeSearches((i) => {
        const from = END - (i % 11) * 30 * DAY - 30 * DAY
        return journal.search({
          merchantId: `BenchShop${(i % 8) + 1}`,
          from,
          to: from + 30 * DAY - 1,
          limit: 50,
        }).total
      })
      const byStateMonth = timeSearches((i) => {
        const from = END - (i % 11) * 30 * DAY - 30 * DAY
        return journal.search({ states: ['approved'], from, to: from + 30 * DAY - 1, limit: 50 })
          .total
      })
      journal.close()

      const MiB = 2 ** 20
      const metrics: Metric[] = [
        { name: 'journal write (fsync) median', value: round(median(writes)), unit: 'ms' },
        { name: 'journal write (fsync) p99', value: round(p99(writes)), unit: 'ms' },
        {
          name: 'reopen, 100k lines in journal',
          value: round(median(reopenJournal)),
          unit: 'ms',
          target: '<= 300 ms',
        },
        { name: 'compaction', value: round(compactMs), unit: 'ms' },
        {
          name: 'reopen, 100k in snapshot',
          value: round(median(reopenSnapshot)),
          unit: 'ms',
          target: '<= 300 ms',
        },
        {
          name: 'search by last four median',
          value: round(byCard.median, 3),
          unit: 'ms',
          target: '<= 50 ms',
        },
        { name: 'search by last four p99', value: round(byCard.p99, 3), unit: 'ms' },
        {
          name: 'search one day median',
          value: round(byDay.median, 3),
          unit: 'ms',
          target: '<= 50 ms',
        },
        {
          name: 'search 30 days median',
          value: round(byMonth.median, 3),
          unit: 'ms',
          target: '<= 50 ms',
        },
        { name: 'search 30 days p99', value: round(byMonth.p99, 3), unit: 'ms' },
        {
          name: 'search merchant + 30 days median',
          value: round(byMerchantMonth.median, 3),
          unit: 'ms',
        },
        {
          name: 'search approved + 30 days median',
          value: round(byStateMonth.median, 3),
          unit: 'ms',
          target: '<= 50 ms',
        },
        { name: 'search approved + 30 days p99', value: round(byStateMonth.p99, 3), unit: 'ms' },
        { name: 'open: JSON.parse per 100k', value: round(breakdown.parse), unit: 'ms' },
        { name: 'open: zod validation per 100k', value: round(breakdown.validate), unit: 'ms' },
        { name: 'open: index build per 100k', value: round(breakdown.index), unit: 'ms' },
        { name: 'journal.jsonl size', value: round(journalBytes / MiB, 1), unit: 'MiB' },
        { name: 'snapshot.jsonl size', value: round(snapshotBytes / MiB, 1), unit: 'MiB' },
        { name: 'bytes per record', value: Math.round(snapshotBytes / RECORDS), unit: 'B' },
        { name: 'heap held by the open journal', value: round(heapMiB, 1), unit: 'MiB' },
      ]
      return {
        id: 'B4',
        measures: b4.measures,
        metrics,
        notes: [
          `${WRITE_SAMPLE} records written through Journal.write (one fsync each), the other ${RECORDS - WRITE_SAMPLE} appended in its line format in ${round(bulkMs)} ms; one line per record (final state), a year of history, 8 merchants x 4 terminals`,
          `reopen = Journal.open: from the journal it reads and zod-validates every line; from a snapshot it reads the checksummed index and loads records on demand; median of up to ${REOPEN_RUNS} (once when an open takes seconds); searches median of ${SEARCH_RUNS} with limit 50`,
          `average hits: last four ${round(byCard.hits, 1)}, one day ${round(byDay.hits)}, 30 days ${round(byMonth.hits)}, merchant + 30 days ${round(byMerchantMonth.hits)}, approved + 30 days ${round(byStateMonth.hits)}`,
          `open breakdown timed on ${BREAKDOWN_SAMPLE.toLocaleString('en')} lines and scaled to 100,000; heap figure is approximate (no forced GC)`,
        ],
      }
    } finally {
      dir.remove()
    }
  },
}
