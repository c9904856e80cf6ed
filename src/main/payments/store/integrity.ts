import type { DatabaseSync } from 'node:sqlite'
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
export function* checkStore(db: DatabaseSync): Generator<void, CheckReport> {
  const problems: string[] = []
  let rows = 0
  try {
    problems.push(...quickCheck(db).slice(0, MAX_LISTED))
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

/** Runs the check one slice per turn of the event loop. */
export async function runCheckBeside(db: DatabaseSync): Promise<CheckReport> {
  const steps = checkStore(db)
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
}
