import type { DatabaseSync } from 'node:sqlite'
import { Worker } from 'node:worker_threads'
import { checksum, checksumWith } from './codec'
import { quickCheck } from './database'
import { CHECKED_TABLES } from './tables'

/** What a full check found: empty `problems` means every row matched its checksum. */
export interface CheckReport {
  problems: string[]
  /** Rows checked, all tables together. */
  rows: number
}

/** Keys checked per slice when the check runs a slice per turn (about a millisecond each). */
const SLICE = 250
const MAX_LISTED = 5
/**
 * The worker's young generation, in MB: small, so the bodies it reads are freed a few thousand at
 * a time instead of piling up in the process's memory before a collection (1 MB: 117 MB
 * resident after checking 100,000 payments; V8's default: 129 MB).
 */
const YOUNG_MB = 1

type CheckedTable = (typeof CHECKED_TABLES)[number]
type Checksum = (table: string, values: Parameters<typeof checksum>[1]) => number

/**
 * Checks the whole store: SQLite's structure (`PRAGMA quick_check`), then every row against its
 * checksum (`checkRows`). A generator so it can run all at once (`runCheck`: the CLI, a store
 * whose reads found damage) or one slice per turn of the event loop.
 */
export function* checkStore(
  db: DatabaseSync,
  structure: () => string[] = () => quickCheck(db),
): Generator<void, CheckReport> {
  const problems: string[] = []
  try {
    problems.push(...structure().slice(0, MAX_LISTED))
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error))
  }
  yield
  const rows = yield* checkRows(db, CHECKED_TABLES, checksum, SLICE, MAX_LISTED)
  return { problems: [...problems, ...rows.problems], rows: rows.rows }
}

/**
 * Every row of `tables` against its checksum, table by table, `slice` keys at a time (one yield
 * per slice), rows read one at a time as arrays (the checked columns, then the checksum) and
 * dropped at once. Self-contained, using nothing but its arguments: the check beside the app runs
 * its very text on a worker thread (`runCheckBeside`).
 */
export function* checkRows(
  db: DatabaseSync,
  tables: readonly CheckedTable[],
  checksumOf: Checksum,
  slice: number,
  maxListed: number,
): Generator<void, CheckReport> {
  const problems: string[] = []
  let rows = 0
  let damaged = 0
  for (const t of tables) {
    const list = `${t.columns.join(', ')}, checksum`
    const step = slice * (t.spread ?? 1)
    let last = 0
    let read
    try {
      if (t.key) {
        const top = db.prepare(`SELECT max(${t.key}) AS last FROM ${t.table}`).get()
        last = Number(top?.last ?? 0)
      }
      read = db.prepare(
        t.key
          ? `SELECT ${list} FROM ${t.table} WHERE ${t.key} > ? AND ${t.key} <= ?`
          : `SELECT ${list} FROM ${t.table}`,
      )
      read.setReturnArrays(true)
    } catch (error) {
      problems.push(`${t.table} cannot be read (${(error as Error).message})`)
      continue
    }
    for (let from = 0; t.key ? from < last : from === 0; from += step) {
      try {
        for (const row of t.key ? read.iterate(from, from + step) : read.iterate()) {
          const values = row as unknown as unknown[]
          rows += 1
          const content = values.slice(0, -1) as Parameters<Checksum>[1]
          if (checksumOf(t.table, content) !== values[values.length - 1]) {
            damaged += 1
            if (damaged <= maxListed) {
              problems.push(`row ${String(values[0])} of ${t.table} does not match its checksum`)
            }
          }
        }
      } catch (error) {
        problems.push(`${t.table} cannot be read (${(error as Error).message})`)
        break
      }
      yield
    }
  }
  if (damaged > maxListed) problems.push(`${damaged - maxListed} more damaged rows`)
  return { problems, rows }
}

/** Runs the whole check now. */
export function runCheck(db: DatabaseSync): CheckReport {
  const steps = checkStore(db)
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
  }
}

/**
 * Runs the check beside the caller: on a worker thread with its own read-only connection, so
 * neither `quick_check` (one long call) nor reading every row (hundreds of megabytes of short-
 * lived values for 100,000 payments) touches the app's event loop or its heap, whose memory
 * the worker gives back when it ends. A database without a file is checked a slice per turn.
 */
export async function runCheckBeside(db: DatabaseSync): Promise<CheckReport> {
  const file = db.location()
  if (file) return checkInWorker(file)
  const steps = checkStore(db)
  for (;;) {
    await new Promise<void>((resolve) => setImmediate(resolve))
    const next = steps.next()
    if (next.done) return next.value
  }
}

/**
 * The worker's whole program: plain CommonJS text around the very functions the app checks with
 * (`checkRows` and the checksum), so it runs the same from the sources (tests, CLI) and from the
 * bundled app, with no file of its own to ship.
 */
const CHECK_WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const { DatabaseSync } = require('node:sqlite')
const { crc32 } = require('node:zlib')
const checksumWith = ${checksumWith.toString()}
const checkRows = ${checkRows.toString()}
const { file, tables, slice, maxListed } = workerData
let report
try {
  const db = new DatabaseSync(file, { readOnly: true })
  try {
    const found = db.prepare('PRAGMA quick_check').all().map((row) => String(row.quick_check))
    const structure = found.length === 1 && found[0] === 'ok' ? [] : found.slice(0, maxListed)
    const steps = checkRows(db, tables, (t, v) => checksumWith(crc32, t, v), slice, maxListed)
    let next = steps.next()
    while (!next.done) next = steps.next()
    report = { problems: [...structure, ...next.value.problems], rows: next.value.rows }
  } finally {
    db.close()
  }
} catch (error) {
  report = { problems: [String((error && error.message) || error)], rows: 0 }
}
parentPort.postMessage(report)
`

/** The whole check of the database file on a worker thread. */
function checkInWorker(file: string): Promise<CheckReport> {
  return new Promise((resolve) => {
    const workerData = { file, tables: CHECKED_TABLES, slice: SLICE, maxListed: MAX_LISTED }
    const worker = new Worker(CHECK_WORKER, {
      eval: true,
      workerData,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB },
    })
    worker.once('message', (report: CheckReport) => resolve(report))
    worker.once('error', (error) => resolve({ problems: [error.message], rows: 0 }))
    worker.once('exit', (code) =>
      resolve({ problems: code === 0 ? [] : [`the check stopped (${code})`], rows: 0 }),
    )
  })
}
