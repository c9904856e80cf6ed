import type { SQLInputValue } from 'node:sqlite'
import type {
  HistoryPage,
  HistoryQuery,
  PaymentRecord,
  PaymentState,
} from '@shared/contract/payments.contract'
import { FIRST_FINAL_CODE, refHash, stateCode } from './codec'
import type { Names } from './names'
import { referencesOf } from './payment-rows'
import type { Statements } from './statements'
import type { LinkedOperation, PaymentListQuery, RangeQuery, StoredPayment } from './port'

/** Reads one payment by row number; undefined when missing or damaged (reported by the caller). */
export type ReadRow = (no: number) => StoredPayment | undefined

interface Where {
  sql: string[]
  args: SQLInputValue[]
  /** A condition that can match nothing (an unknown merchant): answer empty without asking. */
  empty: boolean
  /** Checked on each record read, for conditions the SQL answers only approximately. */
  check: ((r: PaymentRecord) => boolean)[]
}

const NEWEST_FIRST = 'ORDER BY created_at DESC, no DESC'

/**
 * The store's read queries: each narrows by indexed columns in SQL, then reads the rows it
 * returns through the checked reader. Conditions on hashed references are confirmed on the record.
 */
export class Queries {
  constructor(
    private readonly db: Statements,
    private readonly names: Names,
    private readonly read: ReadRow,
  ) {}

  search(query: HistoryQuery): HistoryPage {
    const where = this.where()
    if (query.merchantId !== undefined) this.merchant(where, query.merchantId)
    if (query.terminalSerial !== undefined) this.terminal(where, query.terminalSerial)
    if (query.from !== undefined) add(where, 'created_at >= ?', query.from)
    if (query.to !== undefined) add(where, 'created_at <= ?', query.to)
    if (query.states && query.states.length > 0) {
      const codes = query.states.flatMap((s) => {
        const code = stateCode(s as PaymentState)
        return code === undefined ? [] : [code]
      })
      if (codes.length === 0) where.empty = true
      else add(where, `state IN (${codes.map(() => '?').join(', ')})`, ...codes)
    }
    if (query.amountMinor !== undefined) {
      const amount = Number(query.amountMinor)
      add(where, '(amount = ? OR total = ?)', amount, amount)
    }
    if (query.lastFour !== undefined) add(where, 'last_four = ?', query.lastFour)
    if (query.reference !== undefined) this.reference(where, query.reference)
    const limit = query.limit ?? 50
    const offset = query.offset ?? 0
    if (where.empty) return { items: [], total: 0 }
    const clause = where.sql.length > 0 ? `WHERE ${where.sql.join(' AND ')}` : ''
    if (where.check.length > 0) {
      // Reference searches: few candidates, each confirmed on its record before counting.
      const all = this.rows(`SELECT no FROM payments ${clause} ${NEWEST_FIRST}`, where.args)
      const items = all.filter((r) => where.check.every((c) => c(r)))
      return { items: items.slice(offset, offset + limit), total: items.length }
    }
    const total = Number(
      this.db.sql(`SELECT count(*) AS n FROM payments ${clause}`).get(...where.args)?.n ?? 0,
    )
    const items = this.rows(`SELECT no FROM payments ${clause} ${NEWEST_FIRST} LIMIT ? OFFSET ?`, [
      ...where.args,
      limit,
      offset,
    ])
    return { items, total }
  }

  findByReference(reference: string): StoredPayment[] {
    const nos = this.refNos(reference)
    return nos.flatMap((no) => {
      const stored = this.read(no)
      return stored && referencesOf(stored.record).includes(reference) ? [stored] : []
    })
  }

  list(query: PaymentListQuery): PaymentRecord[] {
    const where = this.where()
    if (query.merchantId !== undefined) this.merchant(where, query.merchantId)
    if (query.terminalSerial !== undefined) this.terminal(where, query.terminalSerial)
    if (query.tillReference !== undefined) {
      this.reference(where, query.tillReference)
      where.check = [(r) => r.tillReference === query.tillReference]
    }
    if (query.idempotencyKey !== undefined) {
      const scoped = query.scope !== undefined ? ' AND scope = ?' : ''
      add(
        where,
        `no IN (SELECT payment_no FROM idempotency_keys WHERE key = ?${scoped})`,
        query.idempotencyKey,
        ...(query.scope !== undefined ? [query.scope] : []),
      )
    }
    if (where.empty) return []
    const clause = where.sql.length > 0 ? `WHERE ${where.sql.join(' AND ')}` : ''
    const limit = Math.max(1, Math.floor(query.limit))
    if (where.check.length === 0)
      return this.rows(`SELECT no FROM payments ${clause} ${NEWEST_FIRST} LIMIT ?`, [
        ...where.args,
        limit,
      ])
    return this.rows(`SELECT no FROM payments ${clause} ${NEWEST_FIRST}`, where.args)
      .filter((r) => where.check.every((c) => c(r)))
      .slice(0, limit)
  }

  inRange(query: RangeQuery): PaymentRecord[] {
    const where = this.where()
    this.merchant(where, query.merchantId)
    if (query.terminalSerial !== undefined) this.terminal(where, query.terminalSerial)
    add(where, 'created_at BETWEEN ? AND ?', query.from, query.to)
    if (where.empty) return []
    return this.rows(
      `SELECT no FROM payments WHERE ${where.sql.join(' AND ')} ORDER BY created_at, no`,
      where.args,
    )
  }

  linkedTo(originalTransactionId: string): LinkedOperation[] {
    const rows = this.rows(
      'SELECT no FROM payments WHERE original_ref = ? ORDER BY created_at, no',
      [refHash(originalTransactionId)],
    )
    return rows
      .filter((r) => r.originalTransactionId === originalTransactionId)
      .map((r) => {
        const linked: LinkedOperation = {
          id: r.id,
          operation: r.operation,
          state: r.state,
          createdAt: r.createdAt,
        }
        if (r.amountMinor !== undefined) linked.amountMinor = r.amountMinor
        if (r.result?.totalAmountMinor !== undefined)
          linked.approvedAmountMinor = r.result.totalAmountMinor
        if (r.currency !== undefined) linked.currency = r.currency
        if (r.finalAt !== undefined) linked.finalAt = r.finalAt
        return linked
      })
  }

  /** Row numbers of payments not final yet, oldest first. */
  unfinishedNos(): number[] {
    return this.db
      .sql(`SELECT no FROM payments WHERE state < ? ORDER BY created_at, no`)
      .all(FIRST_FINAL_CODE)
      .map((r) => Number(r.no))
  }

  callbackTokensSince(since: number): { paymentId: string; tokenHash: string }[] {
    return this.db
      .sql(
        'SELECT no FROM payments WHERE created_at >= ? AND state >= ? AND callback_token IS NOT NULL ORDER BY created_at, no',
      )
      .all(since, FIRST_FINAL_CODE)
      .flatMap((row) => {
        const stored = this.read(Number(row.no))
        const tokenHash = stored?.meta.callbackTokenHash
        return stored && tokenHash ? [{ paymentId: stored.record.id, tokenHash }] : []
      })
  }

  refNos(reference: string): number[] {
    return this.db
      .sql('SELECT payment_no FROM payment_refs WHERE ref = ?')
      .all(refHash(reference))
      .map((r) => Number(r.payment_no))
  }

  private rows(sql: string, args: SQLInputValue[]): PaymentRecord[] {
    return this.db
      .sql(sql)
      .all(...args)
      .flatMap((row) => this.read(Number(row.no))?.record ?? [])
  }

  private where(): Where {
    return { sql: [], args: [], empty: false, check: [] }
  }

  private merchant(where: Where, merchantId: string): void {
    const no = this.names.merchantNo(merchantId)
    if (no === undefined) where.empty = true
    else add(where, 'merchant_no = ?', no)
  }

  private terminal(where: Where, serial: string): void {
    const nos = this.names.terminalNosBySerial(serial)
    if (nos.length === 0) where.empty = true
    else add(where, `terminal_no IN (${nos.map(() => '?').join(', ')})`, ...nos)
  }

  private reference(where: Where, reference: string): void {
    add(where, 'no IN (SELECT payment_no FROM payment_refs WHERE ref = ?)', refHash(reference))
    where.check.push((r) => referencesOf(r).includes(reference))
  }
}

function add(where: Where, sql: string, ...args: SQLInputValue[]): void {
  where.sql.push(sql)
  where.args.push(...args)
}
