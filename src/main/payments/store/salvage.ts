import type { DatabaseSync } from 'node:sqlite'
import { StoreDamage, checksum } from './codec'
import { Names } from './names'
import {
  CHANGE_COLUMNS,
  HEAD_COLUMNS,
  PaymentReader,
  changeNo,
  changeValues,
  headColumnsOf,
  headValues,
  verifyChange,
  verifyHead,
  type ChangeRow,
  type HeadRow,
} from './payment-rows'
import { Statements } from './statements'
import { CHECKED_TABLES, SEQ_SPAN, checkedValues, verifyRow } from './tables'

export interface SalvageReport {
  /** Payments read back whole or up to their last intact change. */
  kept: number
  /** Payments nothing usable was left of (their row or first change was damaged). */
  lost: number
}

type Row = Record<string, unknown>

/**
 * Copies every payment that can still be trusted from a damaged database (`from`, moved aside)
 * into a fresh one (`to`), in one transaction. Rows are copied as stored, checksums and all; a
 * payment whose history is damaged part way keeps the changes before the damage, so it comes
 * back in an earlier, unfinished state, and recovery asks Handpoint how it ended (that is how a
 * crash is recovered, too). Reading stops at the first row SQLite cannot read in a table.
 */
export function salvage(from: DatabaseSync, to: DatabaseSync): SalvageReport {
  const source = new Statements(from)
  const target = new Statements(to)
  to.exec('BEGIN IMMEDIATE')
  try {
    copyTable(source, target, 'merchants')
    copyTable(source, target, 'terminals')
    const heads = new Map<number, HeadRow>()
    let lost = 0
    for (const row of readAll(
      source,
      `SELECT ${HEAD_COLUMNS}, checksum FROM payments ORDER BY no`,
    )) {
      if (intact(() => verifyHead(row as unknown as HeadRow)))
        heads.set(Number(row.no), row as unknown as HeadRow)
      else lost += 1
    }
    // Each payment keeps the unbroken run of its changes from the first one on.
    const runs = new Map<number, { next: number; broken: boolean }>()
    const insertChange = target.sql(
      `INSERT INTO payment_changes (${CHANGE_COLUMNS}, checksum) VALUES (?, ?, ?, ?, ?)`,
    )
    for (const row of readAll(
      source,
      `SELECT ${CHANGE_COLUMNS}, checksum FROM payment_changes ORDER BY no`,
    )) {
      const change = row as unknown as ChangeRow
      const paymentNo = Math.floor(Number(change.no) / SEQ_SPAN)
      if (!heads.has(paymentNo)) continue
      const run = runs.get(paymentNo) ?? { next: 0, broken: false }
      runs.set(paymentNo, run)
      if (
        run.broken ||
        change.no !== changeNo(paymentNo, run.next) ||
        !intact(() => verifyChange(change))
      ) {
        run.broken = true
        continue
      }
      insertChange.run(...changeValues(change), change.checksum)
      run.next += 1
    }
    const names = new Names(target)
    const reader = new PaymentReader(target, names)
    const insertHead = target.sql(
      `INSERT INTO payments (${HEAD_COLUMNS}, checksum) VALUES (${'?, '.repeat(12)}?)`,
    )
    const kept = new Set<number>()
    for (const [no, head] of heads) {
      const run = runs.get(no)
      if (!run || run.next === 0) {
        lost += 1
        continue
      }
      if (run.next === head.changes) {
        insertHead.run(...headValues(head), head.checksum)
      } else {
        // Cut short by damage: the row follows the changes that survived.
        const shortened = { ...head, changes: run.next }
        const rebuilt = intact(() => {
          const stored = reader.foldRows(shortened)
          const values = headValues({ ...shortened, ...headColumnsOf(stored.record, stored.meta) })
          insertHead.run(...values, checksum('payments', values))
        })
        if (!rebuilt) {
          lost += 1
          continue
        }
      }
      kept.add(no)
    }
    // Changes of payments that were not kept go too.
    to.exec(`DELETE FROM payment_changes WHERE no / ${SEQ_SPAN} NOT IN (SELECT no FROM payments)`)
    const insertRef = target.sql(
      'INSERT OR IGNORE INTO payment_refs (ref, payment_no) VALUES (?, ?)',
    )
    for (const row of readAll(source, 'SELECT ref, payment_no FROM payment_refs')) {
      if (kept.has(Number(row.payment_no))) insertRef.run(Number(row.ref), Number(row.payment_no))
    }
    const ofKept = (r: Row): boolean => kept.has(Number(r.payment_no))
    copyTable(source, target, 'idempotency_keys', ofKept)
    copyTable(source, target, 'receipt_status', ofKept)
    copyTable(source, target, 'batch_closes')
    copyTable(source, target, 'store_facts')
    to.exec('COMMIT')
    return { kept: kept.size, lost }
  } catch (error) {
    if (to.isTransaction) to.exec('ROLLBACK')
    throw error
  }
}

function intact(check: () => void): boolean {
  try {
    check()
    return true
  } catch (error) {
    if (error instanceof StoreDamage) return false
    throw error
  }
}

/** Every row SQLite can still read, in order; a read error ends the table there. */
function readAll(source: Statements, sql: string): Row[] {
  const rows: Row[] = []
  try {
    for (const row of source.sql(sql).iterate()) rows.push(row as Row)
  } catch {
    // The rest of this table is unreadable; what was read is kept.
  }
  return rows
}

/** Copies the rows of a checked table that match their checksums (and `keep`, when given). */
function copyTable(
  source: Statements,
  target: Statements,
  table: string,
  keep: (r: Row) => boolean = () => true,
): void {
  const { columns } = CHECKED_TABLES.find((t) => t.table === table)!
  const list = `${columns.join(', ')}, checksum`
  const insert = target.sql(
    `INSERT OR IGNORE INTO ${table} (${list}) VALUES (${columns.map(() => '?, ').join('')}?)`,
  )
  for (const row of readAll(source, `SELECT ${list} FROM ${table}`)) {
    if (keep(row) && intact(() => verifyRow(table, columns, row))) {
      insert.run(...checkedValues(columns, row), row.checksum as number)
    }
  }
}
