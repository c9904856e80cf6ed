import type { DatabaseSync } from 'node:sqlite'
import { Worker } from 'node:worker_threads'
import { StoreDamage } from './codec'
import { quickCheck } from './database'
import { CHECKED_TABLES, verifyRow } from './tables'

/** What a full check found: empty `problems` means every row matched its checksum. */
export interface CheckReport {
  problems: string[]
  /** Rows checked, all tables together. */
  rows: number
}

/** Keys checked per slice when the check runs beside the app (a few milliseconds each). */
const SLICE = 1_000
const MAX_LISTED = 5

/**
 * Checks the whole store: SQLite's structure (`PRAGMA quick_check`), then every row against its
 * checksum, table by table in slices. A generator so the app can run it beside its work (one
 * slice per turn of the event loop) and the CLI all at once (`runCheck`).
 */
export function* checkStore(
  db: DatabaseSync,
  structure: () => string[] = () => quickCheck(db),
): Generator<void, CheckReport> {
  const problems: string[] = []
  let rows = 0
  try {
    problems.push(...structure().slice(0, MAX_LISTED))
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error))
  }
  yield
  let damaged = 0
  for (const { table, key, columns, spread } of CHECKED_TABLES) {
    const list = `${columns.join(', ')}, checksum`
    for (const slice of slices(db, table, key, list, SLICE * (spread ?? 1))) {
      if (slice instanceof Error) {
        problems.push(`${table} cannot be read (${slice.message})`)
        break
      }
      for (const row of slice) {
        try {
          verifyRow(table, columns, row)
        } catch (error) {
          if (!(error instanceof StoreDamage)) throw error
          damaged += 1
          if (damaged <= MAX_LISTED) problems.push(error.message)
        }
      }
      rows += slice.length
      yield
    }
  }
  if (damaged > MAX_LISTED) problems.push(`${damaged - MAX_LISTED} more damaged rows`)
  return { problems, rows }
}

type Slice = Record<string, unknown>[] | Error

/** A table's rows, SLICE keys at a time (all at once without a key); an Error ends it. */
function* slices(
  db: DatabaseSync,
  table: string,
  key: string | undefined,
  list: string,
  step: number,
): Generator<Slice> {
  try {
    if (!key) return void (yield db.prepare(`SELECT ${list} FROM ${table}`).all())
    const last = Number(db.prepare(`SELECT max(${key}) AS last FROM ${table}`).get()?.last ?? 0)
    const read = db.prepare(`SELECT ${list} FROM ${table} WHERE ${key} > ? AND ${key} <= ?`)
    for (let from = 0; from < last; from += step) yield read.all(from, from + step)
  } catch (error) {
    yield error instanceof Error ? error : new Error(String(error))
  }
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
 * Runs the check beside the caller: `quick_check` (one long call, a few hundred milliseconds
 * for a large store) on a worker thread with its own read-only connection, then the rows one
 * slice per turn of the event loop.
 */
export async function runCheckBeside(db: DatabaseSync): Promise<CheckReport> {
  const file = db.location()
  const structure = file ? await quickCheckInWorker(file) : quickCheck(db)
  const steps = checkStore(db, () => structure)
  for (;;) {
    await new Promise<void>((resolve) => setImmediate(resolve))
    const next = steps.next()
    if (next.done) return next.value
  }
}

/**
 * The worker's whole program: plain CommonJS text, so it runs the same from the sources (tests,
 * CLI) and from the bundled app, with no file of its own to ship.
 */
const QUICK_CHECK_WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const { DatabaseSync } = require('node:sqlite')
let found
try {
  const db = new DatabaseSync(workerData.file, { readOnly: true })
  try {
    found = db.prepare('PRAGMA quick_check').all().map((row) => String(row.quick_check))
  } finally {
    db.close()
  }
} catch (error) {
  found = [String((error && error.message) || error)]
}
parentPort.postMessage(found.length === 1 && found[0] === 'ok' ? [] : found)
`

/** `PRAGMA quick_check` of the database file on a worker thread. */
function quickCheckInWorker(file: string): Promise<string[]> {
  return new Promise((resolve) => {
    const worker = new Worker(QUICK_CHECK_WORKER, { eval: true, workerData: { file } })
    worker.once('message', (found: string[]) => resolve(found))
    worker.once('error', (error) => resolve([error.message]))
    worker.once('exit', (code) => resolve(code === 0 ? [] : [`the check stopped (${code})`]))
  })
}
