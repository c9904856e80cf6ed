import { checksum, verify } from './codec'
import type { Names } from './names'
import type { Statements } from './statements'
import type {
  BatchClosePatch,
  BatchCloseQuery,
  BatchCloseRow,
  BatchCloseState,
  IdempotencyKeyRow,
  NewBatchClose,
  ReceiptKind,
  ReceiptState,
  ReceiptStatusRow,
} from './port'

/** Finds a payment's id by row number and row number by id (the store's own lookups). */
export interface PaymentIds {
  idOf(no: number): string | undefined
  noOf(id: string): number | undefined
}

type Row = Record<string, unknown>
const opt = <T>(v: unknown): T | undefined => (v === null || v === undefined ? undefined : (v as T))

/** Idempotency keys, receipt status and batch closes: small tables beside the payments. */
export class SideTables {
  constructor(
    private readonly db: Statements,
    private readonly names: Names,
    private readonly ids: PaymentIds,
  ) {}

  // --- idempotency keys ---

  idempotencyKey(scope: string, key: string): IdempotencyKeyRow | undefined {
    const row = this.db
      .sql(
        'SELECT scope, key, fingerprint, payment_no, created_at, checksum FROM idempotency_keys WHERE scope = ? AND key = ?',
      )
      .get(scope, key)
    if (!row) return undefined
    verify(
      'idempotency_keys',
      `${scope}/${key}`,
      [
        row.scope as string,
        row.key as string,
        row.fingerprint as string,
        Number(row.payment_no),
        Number(row.created_at),
      ],
      row.checksum,
    )
    const paymentId = this.ids.idOf(Number(row.payment_no))
    if (paymentId === undefined) return undefined
    return {
      scope,
      key,
      fingerprint: String(row.fingerprint),
      paymentId,
      createdAt: Number(row.created_at),
    }
  }

  /** Call inside the transaction that inserts the payment. */
  insertIdempotencyKey(row: Omit<IdempotencyKeyRow, 'paymentId'>, paymentNo: number): void {
    const values = [row.scope, row.key, row.fingerprint, paymentNo, row.createdAt] as const
    this.db
      .sql(
        'INSERT INTO idempotency_keys (scope, key, fingerprint, payment_no, created_at, checksum) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(...values, checksum('idempotency_keys', values))
  }

  // --- receipts status ---

  setReceiptStatus(row: ReceiptStatusRow): void {
    const no = this.ids.noOf(row.paymentId)
    if (no === undefined) throw new Error(`No payment ${row.paymentId} in the payment store.`)
    const values = [no, row.kind, row.state, row.updatedAt, row.code ?? null] as const
    this.db
      .sql(
        'INSERT OR REPLACE INTO receipt_status (payment_no, kind, state, updated_at, code, checksum) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(...values, checksum('receipt_status', values))
  }

  receiptStatuses(paymentId: string): ReceiptStatusRow[] {
    const no = this.ids.noOf(paymentId)
    if (no === undefined) return []
    return this.db
      .sql(
        'SELECT payment_no, kind, state, updated_at, code, checksum FROM receipt_status WHERE payment_no = ? ORDER BY kind',
      )
      .all(no)
      .map((r) => this.receiptRow(r, paymentId))
  }

  receiptStatusesInRange(merchantId: string, from: number, to: number): ReceiptStatusRow[] {
    const merchantNo = this.names.merchantNo(merchantId)
    if (merchantNo === undefined) return []
    return this.db
      .sql(
        `SELECT r.payment_no, r.kind, r.state, r.updated_at, r.code, r.checksum FROM receipt_status r
         JOIN payments p ON p.no = r.payment_no
         WHERE p.merchant_no = ? AND p.created_at BETWEEN ? AND ? ORDER BY p.created_at, p.no, r.kind`,
      )
      .all(merchantNo, from, to)
      .flatMap((r) => {
        const id = this.ids.idOf(Number(r.payment_no))
        return id === undefined ? [] : [this.receiptRow(r, id)]
      })
  }

  private receiptRow(r: Row, paymentId: string): ReceiptStatusRow {
    const values = [
      Number(r.payment_no),
      String(r.kind),
      String(r.state),
      Number(r.updated_at),
      opt<string>(r.code) ?? null,
    ] as const
    verify('receipt_status', `${paymentId}/${String(r.kind)}`, values, r.checksum)
    const row: ReceiptStatusRow = {
      paymentId,
      kind: r.kind as ReceiptKind,
      state: r.state as ReceiptState,
      updatedAt: Number(r.updated_at),
    }
    const code = opt<string>(r.code)
    if (code !== undefined) row.code = code
    return row
  }

  // --- facts about the store itself ---

  fact(name: string): string | undefined {
    const row = this.db
      .sql('SELECT name, value, checksum FROM store_facts WHERE name = ?')
      .get(name)
    if (!row) return undefined
    verify('store_facts', name, [String(row.name), String(row.value)], row.checksum)
    return String(row.value)
  }

  setFact(name: string, value: string): void {
    this.db
      .sql('INSERT OR REPLACE INTO store_facts (name, value, checksum) VALUES (?, ?, ?)')
      .run(name, value, checksum('store_facts', [name, value]))
  }

  // --- batch closes ---

  insertBatchClose(input: NewBatchClose): BatchCloseRow {
    const { merchantNo, terminalNo } = this.names.numbersFor(input.merchantId, input.terminalSerial)
    const no = this.db.nextNo('batch_closes')
    const row: BatchCloseRow = { ...input, id: no, state: input.state ?? 'requested' }
    this.writeBatchClose(row, merchantNo, terminalNo, 'INSERT')
    return row
  }

  updateBatchClose(id: number, patch: BatchClosePatch): BatchCloseRow {
    const current = this.getBatchClose(id)
    if (!current) throw new Error(`No batch close ${id} in the payment store.`)
    const row = { ...current, ...patch }
    const { merchantNo, terminalNo } = this.names.numbersFor(row.merchantId, row.terminalSerial)
    this.writeBatchClose(row, merchantNo, terminalNo, 'REPLACE')
    return row
  }

  getBatchClose(id: number): BatchCloseRow | undefined {
    const row = this.db
      .sql(`SELECT ${BATCH_COLUMNS}, checksum FROM batch_closes WHERE no = ?`)
      .get(id)
    return row ? this.batchRow(row) : undefined
  }

  batchCloses(query: BatchCloseQuery): BatchCloseRow[] {
    const sql: string[] = []
    const args: (string | number)[] = []
    if (query.merchantId !== undefined) {
      const no = this.names.merchantNo(query.merchantId)
      if (no === undefined) return []
      sql.push('merchant_no = ?')
      args.push(no)
    }
    if (query.terminalSerial !== undefined) {
      const nos = this.names.terminalNosBySerial(query.terminalSerial)
      if (nos.length === 0) return []
      sql.push(`terminal_no IN (${nos.map(() => '?').join(', ')})`)
      args.push(...nos)
    }
    const add = (condition: string, value: string | number | undefined): void => {
      if (value === undefined) return
      sql.push(condition)
      args.push(value)
    }
    add('state = ?', query.state)
    add('requested_at >= ?', query.from)
    add('requested_at <= ?', query.to)
    const where = sql.length > 0 ? `WHERE ${sql.join(' AND ')}` : ''
    return this.db
      .sql(
        `SELECT ${BATCH_COLUMNS}, checksum FROM batch_closes ${where} ORDER BY requested_at DESC, no DESC LIMIT ?`,
      )
      .all(...args, Math.max(1, Math.floor(query.limit)))
      .map((r) => this.batchRow(r))
  }

  private writeBatchClose(
    row: BatchCloseRow,
    merchantNo: number,
    terminalNo: number,
    verb: 'INSERT' | 'REPLACE',
  ): void {
    const values = [
      row.id,
      merchantNo,
      terminalNo,
      row.requestedAt,
      row.answeredAt ?? null,
      row.state,
      row.batchNumber ?? null,
      row.closeBatchGuid ?? null,
      row.answerJson ?? null,
    ] as const
    this.db
      .sql(
        `${verb === 'INSERT' ? 'INSERT' : 'INSERT OR REPLACE'} INTO batch_closes (${BATCH_COLUMNS}, checksum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...values, checksum('batch_closes', values))
  }

  private batchRow(r: Row): BatchCloseRow {
    const values = [
      Number(r.no),
      Number(r.merchant_no),
      Number(r.terminal_no),
      Number(r.requested_at),
      opt<number>(r.answered_at) ?? null,
      String(r.state),
      opt<string>(r.batch_number) ?? null,
      opt<string>(r.close_batch_guid) ?? null,
      opt<string>(r.answer_json) ?? null,
    ] as const
    verify('batch_closes', r.no, values, r.checksum)
    const row: BatchCloseRow = {
      id: Number(r.no),
      merchantId: this.names.merchantId(Number(r.merchant_no)),
      terminalSerial: this.names.serial(Number(r.terminal_no)),
      requestedAt: Number(r.requested_at),
      state: r.state as BatchCloseState,
    }
    const answeredAt = opt<number>(r.answered_at)
    if (answeredAt !== undefined) row.answeredAt = Number(answeredAt)
    const batchNumber = opt<string>(r.batch_number)
    if (batchNumber !== undefined) row.batchNumber = batchNumber
    const guid = opt<string>(r.close_batch_guid)
    if (guid !== undefined) row.closeBatchGuid = guid
    const answer = opt<string>(r.answer_json)
    if (answer !== undefined) row.answerJson = answer
    return row
  }
}

const BATCH_COLUMNS =
  'no, merchant_no, terminal_no, requested_at, answered_at, state, batch_number, close_batch_guid, answer_json'
