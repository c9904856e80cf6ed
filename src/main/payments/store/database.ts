import fs from 'node:fs'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { msg } from '@shared/messages'
import { AppError } from '@shared/contract/result'
import type { Migration } from './migrations'

/** Suffixes of the files SQLite keeps next to a WAL database. */
export const SIDE_FILES = ['-wal', '-shm'] as const

/**
 * WAL pages after which a commit copies the log back into the file (SQLite's default is 1,000).
 * That copy and its fsync run inside the commit that crosses the mark, on the app's thread: at
 * 1,000 pages (4 MiB, some 100 sales) one commit in a hundred held the loop for 5 to 20 ms; at
 * 200 pages the same work comes in fifths of about a millisecond each (bench/README.md, B3). The
 * open store does better still: it checkpoints between bursts of commits and leaves SQLite five
 * times this as a backstop (./quiet-checkpoints.ts).
 */
export const CHECKPOINT_PAGES = 200

/**
 * Opens (creating if needed) the database file with the settings every payment write relies on:
 * WAL with `synchronous=FULL`, so a committed change is on disk before the call returns. The
 * folder is made owner-only (0700) and the file is created 0600 before SQLite touches it, so its
 * -wal and -shm files, which SQLite creates with the database file's mode, are owner-only too.
 */
export function openDatabase(file: string): DatabaseSync {
  const dir = path.dirname(file)
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  chmodQuietly(dir, 0o700)
  fs.closeSync(fs.openSync(file, 'a', 0o600))
  for (const suffix of ['', ...SIDE_FILES]) chmodQuietly(file + suffix, 0o600)
  const db = new DatabaseSync(file)
  try {
    db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA wal_autocheckpoint = ${CHECKPOINT_PAGES};
      PRAGMA trusted_schema = OFF;
      PRAGMA cell_size_check = ON;
      PRAGMA foreign_keys = OFF;
    `)
    // A -wal or -shm file created just now inherits the mode; make sure of it anyway.
    for (const suffix of SIDE_FILES) chmodQuietly(file + suffix, 0o600)
  } catch (error) {
    db.close()
    throw error
  }
  return db
}

/**
 * Refuses a database written by a newer version of the app before anything else opens it (the
 * settings `openDatabase` applies are harmless, but a refused file is left exactly as it was).
 */
export function refuseNewer(file: string, known: number): void {
  if (!fs.existsSync(file)) return
  const found = readVersion(file)
  if (found !== undefined && found > known) {
    const params = { file, found, known }
    throw new AppError(msg('payments_store_newer', params))
  }
}

/** The schema version of a file, read without changing it; undefined when it is no database. */
function readVersion(file: string): number | undefined {
  try {
    const db = new DatabaseSync(file, { readOnly: true })
    try {
      return schemaVersion(db)
    } finally {
      db.close()
    }
  } catch {
    return undefined // The open that follows finds the damage.
  }
}

/** The schema version stored in the file (0 for a new, empty database). */
export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version?: number } | undefined
  return row?.user_version ?? 0
}

/**
 * Brings the schema up to date, one migration per transaction. A database written by a newer
 * version of the app is refused, never opened: its tables may mean things this version does not
 * know, and writing to it could damage it.
 */
export function migrate(db: DatabaseSync, file: string, migrations: readonly Migration[]): number {
  const known = migrations.length
  const found = schemaVersion(db)
  if (found > known) {
    const params = { file, found, known }
    throw new AppError(msg('payments_store_newer', params))
  }
  for (const migration of migrations.slice(found)) {
    db.exec('BEGIN IMMEDIATE')
    try {
      migration.up(db)
      db.exec(`PRAGMA user_version = ${migration.version}`)
      db.exec('COMMIT')
    } catch (error) {
      db.exec('ROLLBACK')
      throw error
    }
  }
  return known
}

/** What `PRAGMA quick_check` reports; empty when the file's structure is sound. */
export function quickCheck(db: DatabaseSync): string[] {
  const rows = db.prepare('PRAGMA quick_check').all() as { quick_check?: string }[]
  const found = rows.map((r) => String(r.quick_check))
  return found.length === 1 && found[0] === 'ok' ? [] : found
}

/**
 * Moves a damaged database (with its -wal and -shm, which belong to it) aside as
 * `<name>.corrupt-<time>`, where nothing will write to it again. Returns the new path.
 */
export function moveAside(file: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-')
  let aside = `${file}.corrupt-${stamp}`
  for (let n = 2; fs.existsSync(aside); n += 1) aside = `${file}.corrupt-${stamp}-${n}`
  for (const suffix of ['', ...SIDE_FILES]) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix)
  }
  syncDir(path.dirname(file))
  return aside
}

/** fsync a folder so a rename in it survives a power cut (Windows journals renames itself). */
export function syncDir(dir: string): void {
  let fd: number | undefined
  try {
    fd = fs.openSync(dir, 'r')
    fs.fsyncSync(fd)
  } catch {
    // Windows cannot open or fsync a directory.
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
}

function chmodQuietly(file: string, mode: number): void {
  try {
    fs.chmodSync(file, mode)
  } catch {
    // Missing (a side file not created yet) or a file system without modes.
  }
}
