import { FIRST_FINAL_CODE, checksum, idToDb, refHash, stateCode } from './codec'
import type { Names } from './names'
import {
  CHANGE_COLUMNS,
  HEAD_COLUMNS,
  changeBody,
  changeNo,
  changeValues,
  creationBody,
  headColumnsOf,
  headValues,
  referencesOf,
  step,
  type HeadRow,
} from './payment-rows'
import type {
  IdempotencyClaim,
  NewPayment,
  PaymentChange,
  PaymentStateChange,
  StoredPayment,
} from './port'
import type { SideTables } from './side-tables'
import type { Statements } from './statements'
import { SEQ_SPAN } from './tables'

/**
 * Writes payments: the first change with its payments row, references and idempotency key, and
 * each later change with the row's new search columns. Callers hold the transaction; every row
 * gets its checksum here. The store's own rules are kept here too: a final state never changes.
 */
export class PaymentWriter {
  constructor(
    private readonly statements: Statements,
    private readonly names: Names,
    private readonly side: SideTables,
  ) {}

  /** A new payment's rows; returns its row number. */
  insert(payment: NewPayment, once?: IdempotencyClaim): number {
    const { record, meta } = payment
    if (this.noOf(record.id) !== undefined)
      throw new Error(`Payment ${record.id} is already stored.`)
    const { merchantNo, terminalNo } = this.names.numbersFor(
      record.merchantId,
      record.terminalSerial,
    )
    const paymentNo = this.statements.nextNo('payments')
    const columns = headColumnsOf(record, meta)
    this.writeChange({
      no: changeNo(paymentNo, 0),
      after: 0,
      state: columns.state,
      body: creationBody(record, meta, columns.amount),
    })
    const head = {
      no: paymentNo,
      id: idToDb(record.id),
      created_at: record.createdAt,
      merchant_no: merchantNo,
      terminal_no: terminalNo,
      ...columns,
      changes: 1,
    }
    this.insertHead(head)
    this.addReferences(paymentNo, referencesOf(record))
    if (once) this.side.insertIdempotencyKey({ ...once, createdAt: record.createdAt }, paymentNo)
    return paymentNo
  }

  /** One more change of a payment as it now is; returns the payment after it. */
  append(
    current: { no: number; head: HeadRow; stored: StoredPayment },
    change: PaymentChange,
  ): StoredPayment {
    const { no, head, stored } = current
    const id = stored.record.id
    const state = change.patch?.state ?? stored.record.state
    if (head.state >= FIRST_FINAL_CODE && stateCode(state) !== head.state) {
      throw new Error(
        `Payment ${id} is final (${stored.record.state}); its state cannot change to ${state}.`,
      )
    }
    if (stored.version >= SEQ_SPAN) throw new Error(`Payment ${id} has too many changes.`)
    const next = step(stored, {
      seq: stored.version,
      at: change.at,
      state,
      patch: change.patch ?? {},
      meta: change.meta,
      evidence: change.evidence,
    } as PaymentStateChange)
    this.writeChange({
      no: changeNo(no, stored.version),
      after: change.at - stored.record.createdAt,
      state: stateCode(state),
      body: changeBody(change),
    })
    this.updateHead({ ...head, ...headColumnsOf(next.record, next.meta), changes: next.version })
    const known = new Set(referencesOf(stored.record))
    this.addReferences(
      no,
      referencesOf(next.record).filter((r) => !known.has(r)),
    )
    return next
  }

  /** The row number of a payment by id; a hash hit is confirmed on the stored id. */
  noOf(id: string): number | undefined {
    const key = idToDb(id)
    for (const row of this.statements
      .sql(
        'SELECT p.no, p.id FROM payment_refs r JOIN payments p ON p.no = r.payment_no WHERE r.ref = ?',
      )
      .all(refHash(id))) {
      const stored = row.id
      const same =
        typeof key === 'string'
          ? stored === key
          : stored instanceof Uint8Array && Buffer.from(stored).equals(key)
      if (same) return Number(row.no)
    }
    return undefined
  }

  private writeChange(row: Parameters<typeof changeValues>[0]): void {
    const values = changeValues(row)
    this.statements
      .sql(`INSERT INTO payment_changes (${CHANGE_COLUMNS}, checksum) VALUES (?, ?, ?, ?, ?)`)
      .run(...values, checksum('payment_changes', values))
  }

  private insertHead(row: Omit<HeadRow, 'checksum'>): void {
    const values = headValues(row)
    this.statements
      .sql(`INSERT INTO payments (${HEAD_COLUMNS}, checksum) VALUES (${'?, '.repeat(12)}?)`)
      .run(...values, checksum('payments', values))
  }

  /** Sets only the columns a change can move, so the indexes of the others stay untouched. */
  private updateHead(row: Omit<HeadRow, 'checksum'>): void {
    this.statements
      .sql(
        'UPDATE payments SET state = ?, total = ?, last_four = ?, callback_token = ?, changes = ?, checksum = ? WHERE no = ?',
      )
      .run(
        row.state,
        row.total,
        row.last_four,
        row.callback_token,
        row.changes,
        checksum('payments', headValues(row)),
        row.no,
      )
  }

  private addReferences(paymentNo: number, references: string[]): void {
    const insert = this.statements.sql(
      'INSERT OR IGNORE INTO payment_refs (ref, payment_no) VALUES (?, ?)',
    )
    for (const reference of new Set(references)) insert.run(refHash(reference), paymentNo)
  }
}
