import fs from 'node:fs'
import path from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { AppError } from '@shared/contract/result'
import { StoreDamage } from './codec'
import { migrate, moveAside, openDatabase, refuseNewer } from './database'
import { runCheck, runCheckBeside, type CheckReport } from './integrity'
import { importLegacyJournal } from './legacy/import-legacy'
import { MIGRATIONS, type Migration } from './migrations'
import type { StoreProblem } from './port'
import { salvage } from './salvage'
import { SqlitePaymentStore } from './sqlite-store'

export const STORE_FILE = 'payments.db'
/** Left beside the database when a read found damage: the next open checks it whole. */
const CHECK_MARKER = 'payments.db.check-needed'

export interface OpenStoreOptions {
  /** The folder of the store (`<dataDir>/payments`); the old journal's files are looked for here. */
  dir: string
  /**
   * When to check every row: `now` before returning (CLI, tests), `beside` after returning, one
   * slice per turn of the event loop (the app: a large store opens in milliseconds). Damage found
   * either way is repaired at once. A store whose reads found damage is checked `now` regardless.
   */
  check: 'now' | 'beside'
  /** Told about every problem as it is found (the notice port). */
  onProblem?: (problem: StoreProblem) => void
  now?: () => number
  /** Tests: another migration list. */
  migrations?: readonly Migration[]
  /** Crash tests: called half way through a legacy import. */
  crashPoint?: (name: 'mid-import') => void
}

/** The store, and (with `check: 'beside'`) the check running beside the caller. */
export interface OpenedStore {
  store: SqlitePaymentStore
  checked: Promise<CheckReport | undefined>
}

/**
 * Opens the payment store in `dir`: creates or migrates the schema (a newer schema is refused),
 * repairs a damaged database (moved aside, every trustworthy payment read back into a fresh one,
 * reported), and imports the old journal's files once. Throws AppError `payments_store_newer`
 * when the database belongs to a newer version of the app; never opens it then.
 */
export function openPaymentStore(options: OpenStoreOptions): OpenedStore {
  const now = options.now ?? Date.now
  const file = path.join(options.dir, STORE_FILE)
  const marker = path.join(options.dir, CHECK_MARKER)
  const migrations = options.migrations ?? MIGRATIONS
  const pending: StoreProblem[] = []
  let marked = false
  const hooks = {
    onProblem: options.onProblem,
    onDamage: () => {
      if (!marked) fs.writeFileSync(marker, `${new Date(now()).toISOString()}\n`, { mode: 0o600 })
      marked = true
    },
  }
  refuseNewer(file, migrations.length)
  let store: SqlitePaymentStore
  try {
    const db = openDatabase(file)
    try {
      store = new SqlitePaymentStore(db, migrate(db, file, migrations), hooks)
    } catch (error) {
      db.close()
      throw error
    }
  } catch (error) {
    if (error instanceof AppError || !isDamage(error)) throw error
    const repaired = repair(file, describeError(error), now(), migrations)
    pending.push(repaired.problem)
    store = new SqlitePaymentStore(repaired.db, migrations.length, hooks)
  }
  const fix = (report: CheckReport): void => {
    if (report.problems.length === 0) return
    const repaired = repair(file, report.problems.join('; '), now(), migrations, store)
    store.replaceDatabase(repaired.db)
    store.report(repaired.problem)
  }
  if (options.check === 'now' || fs.existsSync(marker)) {
    fix(runCheck(store.database))
    fs.rmSync(marker, { force: true })
  }
  for (const problem of pending) store.report(problem)
  const legacy = importLegacyJournal(store, options.dir, {
    now: now(),
    crashPoint: options.crashPoint,
  })
  for (const problem of legacy) store.report(problem)
  const checked =
    options.check === 'beside'
      ? runCheckBeside(store.database)
          .then((report) => {
            if (!store.isOpen) return undefined // closed while checking: the next open checks again
            fix(report)
            return report
          })
          .catch((error: unknown) => {
            if (store.isOpen) {
              store.report({
                code: 'payments_record_damaged',
                params: { id: STORE_FILE, problem: describeError(error) },
              })
            }
            return undefined
          })
      : Promise.resolve(undefined)
  return { store, checked }
}

/**
 * Moves the damaged database aside and builds a fresh one from every payment in it that can be
 * trusted. `open`, when given, is the store still using the damaged file (closed here first).
 */
function repair(
  file: string,
  problem: string,
  now: number,
  migrations: readonly Migration[],
  open?: SqlitePaymentStore,
): { db: DatabaseSync; problem: StoreProblem } {
  open?.database.close()
  const aside = moveAside(file, now)
  const fresh = openDatabase(file)
  migrate(fresh, file, migrations)
  let kept = 0
  let lost = 0
  let source: DatabaseSync | undefined
  try {
    source = openDatabase(aside)
    ;({ kept, lost } = salvage(source, fresh))
  } catch {
    // Nothing readable at all (not a database any more): the fresh store starts empty.
  } finally {
    source?.close()
  }
  const params = { problem, copy: path.basename(aside), kept, lost }
  return { db: fresh, problem: { code: 'payments_store_damaged', params } }
}

/** SQLite's ways of saying the file is damaged, and ours. */
function isDamage(error: unknown): boolean {
  if (error instanceof StoreDamage) return true
  const code = (error as { errcode?: number }).errcode
  // SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), with their extended codes.
  return typeof code === 'number' && ((code & 0xff) === 11 || (code & 0xff) === 26)
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
