import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { openPaymentStore } from '../../../../src/main/payments/store/open-store'
import type { SqlitePaymentStore } from '../../../../src/main/payments/store/sqlite-store'
import { tempDataDir } from '../support'
import { approvedResult, newSale, uuid } from './fixtures'

const open: SqlitePaymentStore[] = []
afterEach(() => {
  for (const store of open.splice(0)) store.close()
})

function openStore(dir: string, check: 'now' | 'beside' = 'now'): SqlitePaymentStore {
  const { store } = openPaymentStore({ dir, check })
  open.push(store)
  return store
}

/** Three approved sales and one still waiting; returns their ids, oldest first. */
function fill(dir: string): string[] {
  const store = openStore(dir)
  const ids: string[] = []
  for (let i = 0; i < 4; i += 1) {
    const sale = newSale({}, 1_800_000_000_000 + i * 60_000)
    store.insert(sale)
    const t = sale.record.createdAt
    store.change(sale.record.id, {
      at: t + 100,
      patch: { state: 'accepted', transactionResultId: `r${i}` },
    })
    if (i < 3) {
      store.change(sale.record.id, {
        at: t + 5000,
        patch: { state: 'approved', result: approvedResult(uuid(), `00${i}1`) },
        evidence: {
          at: t + 5000,
          code: 'evidence_result_by_poll',
          params: { finStatus: 'AUTHORISED' },
        },
      })
    }
    ids.push(sale.record.id)
  }
  store.close()
  return ids
}

/** Edits the database behind the store's back, as a flipped bit or a hand edit would. */
function tamper(dir: string, sql: string): void {
  const db = new DatabaseSync(path.join(dir, 'payments.db'))
  db.exec(sql)
  db.close()
}

describe('damage inside stored values', () => {
  it('notices an amount changed from 100 to 900 in a payment row and never returns it as if intact', () => {
    const dir = tempDataDir('tamper-')
    const [first] = fill(dir)
    tamper(dir, `UPDATE payments SET amount = 900 WHERE no = 1`)
    const store = openStore(dir, 'beside')
    expect(store.get(first!)).toBeUndefined()
    expect(store.problems).toEqual([
      {
        code: 'payments_record_damaged',
        params: { id: first, problem: 'row 1 of payments does not match its checksum' },
      },
    ])
  })

  it('notices approved turned into declined in the history', () => {
    const dir = tempDataDir('tamper-')
    const ids = fill(dir)
    tamper(dir, `UPDATE payment_changes SET state = 12 WHERE no / 65536 = 3 AND state = 10`)
    const store = openStore(dir, 'beside')
    const readable = ids.map((id) => store.get(id)?.record.state)
    expect(readable.filter((s) => s === undefined)).toHaveLength(1)
    expect(readable).not.toContain('declined')
    expect(store.problems[0]?.code).toBe('payments_record_damaged')
  })

  it('finds a flipped byte inside a change body on disk, moves the database aside and keeps every trustworthy payment', () => {
    const dir = tempDataDir('tamper-')
    const ids = fill(dir)
    // The third sale's final change, located by its bytes in the file, one bit flipped.
    const db = new DatabaseSync(path.join(dir, 'payments.db'))
    const body = db
      .prepare(`SELECT body FROM payment_changes WHERE state = 10 ORDER BY no DESC LIMIT 1`)
      .get()!.body as Uint8Array
    db.close()
    const file = path.join(dir, 'payments.db')
    const bytes = readFileSync(file)
    const at = bytes.indexOf(Buffer.from(body))
    expect(at).toBeGreaterThan(0)
    bytes[at + 10] = bytes[at + 10]! ^ 0x04
    writeFileSync(file, bytes)

    const store = openStore(dir, 'now')
    const [problem] = store.problems
    expect(problem?.code).toBe('payments_store_damaged')
    expect(problem?.params).toMatchObject({ kept: 4, lost: 0 })
    expect(String(problem?.params.problem)).toContain('does not match its checksum')
    const aside = readdirSync(dir).filter((f) => f.startsWith('payments.db.corrupt-'))
    expect(aside.length).toBeGreaterThanOrEqual(1)
    // The damaged sale comes back as it stood before its damaged change: unfinished, so
    // recovery asks Handpoint how it ended. The others are whole.
    expect(ids.map((id) => store.get(id)?.record.state)).toEqual([
      'approved',
      'approved',
      'accepted',
      'accepted',
    ])
    expect(store.unfinished().map((s) => s.record.id)).toEqual([ids[2], ids[3]])
    // The repaired store is sound: a full check at the next open finds nothing.
    store.close()
    expect(openStore(dir, 'now').problems).toEqual([])
  })

  it('checks a store whose reads found damage in full at the next open, and repairs it', async () => {
    const dir = tempDataDir('tamper-')
    const ids = fill(dir)
    tamper(dir, `UPDATE payments SET last_four = '9999' WHERE no = 2`)
    const damaged = openStore(dir, 'beside')
    expect(damaged.get(ids[1]!)).toBeUndefined()
    expect(existsSync(path.join(dir, 'payments.db.check-needed'))).toBe(true)
    damaged.close()
    const repaired = openStore(dir, 'beside')
    expect(repaired.problems.map((p) => p.code)).toEqual(['payments_store_damaged'])
    expect(repaired.problems[0]?.params).toMatchObject({ kept: 3, lost: 1 })
    expect(existsSync(path.join(dir, 'payments.db.check-needed'))).toBe(false)
    expect(ids.map((id) => store_state(repaired, id))).toEqual([
      'approved',
      undefined,
      'approved',
      'accepted',
    ])
  })

  it('finds damage with the check that runs beside the app, and repairs the store in place', async () => {
    const dir = tempDataDir('tamper-')
    const ids = fill(dir)
    tamper(dir, `UPDATE payment_changes SET after = after + 1 WHERE no = 65536`)
    const notices: string[] = []
    const opened = openPaymentStore({
      dir,
      check: 'beside',
      onProblem: (p) => notices.push(p.code),
    })
    open.push(opened.store)
    const report = await opened.checked
    expect(report?.problems.join()).toContain(
      'row 65536 of payment_changes does not match its checksum',
    )
    expect(notices).toEqual(['payments_store_damaged'])
    // The first sale's creation was damaged: nothing trustworthy is left of it; the rest stay.
    expect(opened.store.get(ids[0]!)).toBeUndefined()
    expect(ids.slice(1).map((id) => opened.store.get(id)?.record.state)).toEqual([
      'approved',
      'approved',
      'accepted',
    ])
  })

  it('starts afresh, and says so, when the file is not a database at all', () => {
    const dir = tempDataDir('tamper-')
    fill(dir)
    writeFileSync(path.join(dir, 'payments.db'), Buffer.alloc(8192, 0x5a))
    const store = openStore(dir)
    expect(store.problems).toMatchObject([{ code: 'payments_store_damaged', params: { kept: 0 } }])
    store.insert(newSale())
    expect(store.search({}).total).toBe(1)
  })
})

function store_state(store: SqlitePaymentStore, id: string): string | undefined {
  return store.get(id)?.record.state
}
