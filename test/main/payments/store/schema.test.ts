import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../../src/shared/contract/result'
import { MIGRATIONS, type Migration } from '../../../../src/main/payments/store/migrations'
import { openPaymentStore } from '../../../../src/main/payments/store/open-store'
import { tempDataDir } from '../support'
import { newSale } from './fixtures'

const digest = (file: string): string =>
  createHash('sha256').update(readFileSync(file)).digest('hex')
const userVersion = (file: string): number => {
  const db = new DatabaseSync(file)
  const version = Number(db.prepare('PRAGMA user_version').get()?.user_version)
  db.close()
  return version
}

describe('schema migrations', () => {
  it('creates the schema of every migration in a new store, numbered by migrations applied', () => {
    const dir = tempDataDir('schema-')
    const { store } = openPaymentStore({ dir, check: 'now' })
    expect(store.schemaVersion).toBe(MIGRATIONS.length)
    store.close()
    expect(userVersion(path.join(dir, 'payments.db'))).toBe(MIGRATIONS.length)
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })

  it('runs a migration appended later once, on the payments already stored', () => {
    const dir = tempDataDir('schema-')
    const first = openPaymentStore({ dir, check: 'now' }).store
    const sale = newSale()
    first.insert(sale)
    first.close()
    let runs = 0
    const next: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'a column for a later feature',
      up(db) {
        runs += 1
        db.exec('ALTER TABLE payments ADD COLUMN tip INTEGER')
      },
    }
    for (let i = 0; i < 2; i += 1) {
      const { store } = openPaymentStore({ dir, check: 'now', migrations: [...MIGRATIONS, next] })
      expect(store.schemaVersion).toBe(MIGRATIONS.length + 1)
      expect(store.get(sale.record.id)?.record).toMatchObject({ id: sale.record.id, state: 'sent' })
      store.close()
    }
    expect(runs).toBe(1)
  })

  it('applies a failing migration not at all, and the store opens again once it is fixed', () => {
    const dir = tempDataDir('schema-')
    openPaymentStore({ dir, check: 'now' }).store.close()
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'breaks half way',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER)')
        throw new Error('disk full')
      },
    }
    expect(() =>
      openPaymentStore({ dir, check: 'now', migrations: [...MIGRATIONS, broken] }),
    ).toThrow('disk full')
    const file = path.join(dir, 'payments.db')
    expect(userVersion(file)).toBe(MIGRATIONS.length)
    const { store } = openPaymentStore({ dir, check: 'now' })
    expect(
      store.database.prepare("SELECT name FROM sqlite_schema WHERE name = 'half_done'").all(),
    ).toEqual([])
    store.close()
  })

  it('refuses a store written by a newer version in words, and leaves its file exactly as it was', () => {
    const dir = tempDataDir('schema-')
    const { store } = openPaymentStore({ dir, check: 'now' })
    store.insert(newSale())
    store.close()
    const file = path.join(dir, 'payments.db')
    const db = new DatabaseSync(file)
    db.exec(`PRAGMA user_version = ${MIGRATIONS.length + 5}`)
    db.close()
    const before = { digest: digest(file), mtime: statSync(file).mtimeMs }
    let refusal: unknown
    try {
      openPaymentStore({ dir, check: 'now' })
    } catch (error) {
      refusal = error
    }
    expect(refusal).toBeInstanceOf(AppError)
    expect(refusal).toMatchObject({
      code: 'payments_store_newer',
      message: `The payment store ${file} was written by a newer version of POS Companion (schema ${MIGRATIONS.length + 5}; this version knows up to ${MIGRATIONS.length}). It was left untouched: update POS Companion to use it.`,
    })
    expect({ digest: digest(file), mtime: statSync(file).mtimeMs }).toEqual(before)
  })
})

describe('file modes', () => {
  it.skipIf(process.platform === 'win32')(
    'keeps the folder 0700 and the database, -wal and -shm 0600',
    () => {
      const dir = path.join(tempDataDir('modes-'), 'payments')
      const { store } = openPaymentStore({ dir, check: 'now' })
      store.insert(newSale())
      const mode = (f: string): string => (statSync(f).mode & 0o777).toString(8)
      expect(mode(dir)).toBe('700')
      for (const suffix of ['', '-wal', '-shm'])
        expect(mode(path.join(dir, `payments.db${suffix}`))).toBe('600')
      store.close()
    },
  )
})
