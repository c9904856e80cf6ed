import type { StatementSync } from 'node:sqlite'
import type { PaymentEvidence, PaymentRecord } from '@shared/contract/payments.contract'
import {
  FIRST_FINAL_CODE,
  StoreDamage,
  decodeBody,
  encodeBody,
  idFromDb,
  idToDb,
  refHash,
  stateCode,
  stateOf,
  verify,
} from './codec'
import type { Names } from './names'
import type { Statements } from './statements'
import { CHANGE_COLUMNS as CHANGE_COLUMN_LIST, PAYMENT_COLUMNS, SEQ_SPAN } from './tables'
import type { PaymentChange, PaymentMeta, PaymentStateChange, StoredPayment } from './port'

/**
 * A payment on disk: one `payments` row (what searches filter on) and its `payment_changes`
 * rows, sequence numbers 0, 1, 2, ... (row number = payment number x SEQ_SPAN + sequence). The
 * record is the fold of the changes; each change stores only what it changed. Every row read is checked against its checksum and its place in the
 * sequence; anything that does not add up throws StoreDamage.
 */

export interface HeadRow {
  no: number
  id: Uint8Array | string
  created_at: number
  merchant_no: number
  terminal_no: number
  state: number
  amount: number | null
  total: number | null
  last_four: string | null
  original_ref: number | null
  callback_token: Uint8Array | null
  changes: number
  checksum: number
}

/** A payment_changes row as stored. */
export interface ChangeRow {
  no: number
  /** Milliseconds after the payment's creation. */
  after: number
  state: number
  body: Uint8Array
  checksum: number
}

/** The row number of a payment's change `seq`. */
export const changeNo = (paymentNo: number, seq: number): number => paymentNo * SEQ_SPAN + seq

export const HEAD_COLUMNS = PAYMENT_COLUMNS.join(', ')
export const CHANGE_COLUMNS = CHANGE_COLUMN_LIST.join(', ')

export const headValues = (h: Omit<HeadRow, 'checksum'>) =>
  [
    h.no,
    h.id,
    h.created_at,
    h.merchant_no,
    h.terminal_no,
    h.state,
    h.amount,
    h.total,
    h.last_four,
    h.original_ref,
    h.callback_token,
    h.changes,
  ] as const
export const changeValues = (c: Omit<ChangeRow, 'checksum'>) =>
  [c.no, c.after, c.state, c.body] as const

export const verifyHead = (h: HeadRow): void => verify('payments', h.no, headValues(h), h.checksum)
export const verifyChange = (c: ChangeRow): void =>
  verify('payment_changes', c.no, changeValues(c), c.checksum)

/** Record fields kept in the payments row (or derived from its changes), never in a body. */
const NOT_IN_BODY = new Set([
  'id',
  'merchantId',
  'terminalSerial',
  'createdAt',
  'updatedAt',
  'state',
  'phase',
  'evidence',
])

const minorColumn = (value: string | undefined): number | null =>
  value !== undefined && /^-?(0|[1-9]\d{0,14})$/.test(value) ? Number(value) : null

/** Every reference a search by reference may name, for the payment_refs table. */
export function referencesOf(record: PaymentRecord): string[] {
  return [
    record.id,
    record.transactionReference,
    record.result?.transactionId,
    record.customerReference,
    record.transactionResultId,
    record.tillReference,
  ].filter((r): r is string => typeof r === 'string' && r !== '')
}

/** The searchable columns of a payments row for a record as it now is. */
export function headColumnsOf(record: PaymentRecord, meta: PaymentMeta) {
  const amount = minorColumn(record.amountMinor)
  const total = record.result?.totalAmountMinor
  const masked = record.result?.maskedCardNumber
  return {
    state: stateCode(record.state),
    amount,
    total: total !== undefined && total !== record.amountMinor ? minorColumn(total) : null,
    last_four: masked && /\d{4}$/.test(masked) ? masked.slice(-4) : null,
    original_ref: record.originalTransactionId ? refHash(record.originalTransactionId) : null,
    callback_token: meta.callbackTokenHash ? Buffer.from(meta.callbackTokenHash, 'hex') : null,
  }
}

const withoutAt = (e: PaymentEvidence, at: number): object =>
  e.at === at ? { ...e, at: undefined } : e

/** The body of the first change: the record as inserted, less what the payments row holds. */
export function creationBody(
  record: PaymentRecord,
  meta: PaymentMeta,
  amount: number | null,
): Uint8Array {
  const rest: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(record))
    if (!NOT_IN_BODY.has(k) && v !== undefined) rest[k] = v
  if (amount !== null && String(amount) === record.amountMinor) delete rest.amountMinor
  if (record.finalAt === record.createdAt) delete rest.finalAt
  // A payment imported as it stood was last changed after it was created.
  if (record.updatedAt !== record.createdAt) rest.updatedAt = record.updatedAt
  return encodeBody(
    { r: rest, m: meta, e: record.evidence.map((e) => withoutAt(e, record.createdAt)) },
    record.createdAt,
  )
}

/** The body of a later change: the patch (a cleared field as null), meta and evidence. */
export function changeBody(change: PaymentChange): Uint8Array {
  const body: Record<string, unknown> = {}
  const patch: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(change.patch ?? {})) {
    if (k === 'state' || k === 'phase' || (k === 'finalAt' && v === change.at)) continue
    patch[k] = v === undefined ? null : v
  }
  if (Object.keys(patch).length > 0) body.p = patch
  if (change.meta && Object.keys(change.meta).length > 0) body.m = change.meta
  if (change.evidence) body.e = withoutAt(change.evidence, change.at)
  return encodeBody(body, change.at)
}

/** Reads and checks the rows of one payment. */
export class PaymentReader {
  private readonly headByNo: StatementSync
  private readonly changesOf: StatementSync

  constructor(
    statements: Statements,
    private readonly names: Names,
  ) {
    this.headByNo = statements.sql(`SELECT ${HEAD_COLUMNS}, checksum FROM payments WHERE no = ?`)
    this.changesOf = statements.sql(
      `SELECT ${CHANGE_COLUMNS}, checksum FROM payment_changes WHERE no >= ? AND no < ? ORDER BY no`,
    )
  }

  head(no: number): HeadRow | undefined {
    const row = this.headByNo.get(no) as HeadRow | undefined
    if (row) verifyHead(row)
    return row
  }

  /** The changes of a payment, oldest first, each checked, none missing. */
  changes(head: HeadRow): ChangeRow[] {
    const first = changeNo(head.no, 0)
    const rows = this.changesOf.all(first, first + SEQ_SPAN) as unknown as ChangeRow[]
    rows.forEach((row, i) => {
      verifyChange(row)
      if (row.no !== first + i)
        throw new StoreDamage(`change ${i} of payment row ${head.no} is missing`)
    })
    if (rows.length !== head.changes) {
      throw new StoreDamage(
        `payment row ${head.no} has ${rows.length} of its ${head.changes} changes`,
      )
    }
    return rows
  }

  private decoded(head: HeadRow): DecodedChange[] {
    return this.changes(head).map((row) => decodeChange(row, Number(head.created_at)))
  }

  /** The fold of a payments row's changes (the row itself not checked: salvage rebuilds it). */
  foldRows(head: HeadRow): StoredPayment {
    return fold(head, this.decoded(head), this.names)
  }

  /** The payment as it now is, checked through and through. */
  read(no: number): StoredPayment | undefined {
    return this.readWithHead(no)?.stored
  }

  readWithHead(no: number): { head: HeadRow; stored: StoredPayment } | undefined {
    const head = this.head(no)
    if (!head) return undefined
    const stored = fold(head, this.decoded(head), this.names)
    if (stateCode(stored.record.state) !== head.state) {
      throw new StoreDamage(`payment row ${head.no} disagrees with its history`)
    }
    return { head, stored }
  }

  /** The decoded history of one payment. */
  history(no: number): PaymentStateChange[] {
    const head = this.head(no)
    return head ? this.decoded(head) : []
  }
}

export type DecodedChange = PaymentStateChange & {
  rest?: Record<string, unknown>
  all?: PaymentEvidence[]
}

export function decodeChange(row: ChangeRow, createdAt: number): DecodedChange {
  const at = createdAt + Number(row.after)
  const seq = Number(row.no) % SEQ_SPAN
  const body = decodeBody(row.body, at)
  const state = stateOf(Number(row.state))
  const withAt = (e: unknown): PaymentEvidence => ({ at, ...(e as object) }) as PaymentEvidence
  if (seq === 0) {
    const all = Array.isArray(body.e) ? body.e.map(withAt) : []
    return {
      seq: 0,
      at,
      state,
      patch: {},
      meta: body.m as PaymentMeta,
      rest: body.r as Record<string, unknown>,
      all,
    }
  }
  const change: DecodedChange = {
    seq,
    at,
    state,
    patch: (body.p ?? {}) as PaymentStateChange['patch'],
  }
  if (body.m) change.meta = body.m as Partial<PaymentMeta>
  if (body.e) change.evidence = withAt(body.e)
  return change
}

/** The record and meta after every change, in order. */
export function fold(head: HeadRow, changes: DecodedChange[], names: Names): StoredPayment {
  const [first, ...later] = changes
  if (!first?.rest || !first.meta) throw new StoreDamage(`payment row ${head.no} has no creation`)
  const record = {
    id: idFromDb(head.id),
    merchantId: names.merchantId(Number(head.merchant_no)),
    terminalSerial: names.serial(Number(head.terminal_no)),
    ...(head.amount !== null ? { amountMinor: String(head.amount) } : {}),
    createdAt: Number(head.created_at),
    updatedAt: first.at,
    ...first.rest,
    state: first.state,
    evidence: first.all ?? [],
  } as PaymentRecord
  if (stateCode(first.state) >= FIRST_FINAL_CODE) record.finalAt ??= first.at
  let stored: StoredPayment = { record, meta: { ...first.meta } as PaymentMeta, version: 1 }
  for (const change of later) stored = step(stored, change)
  return stored
}

/** One change applied to a payment (a cleared field comes as null in a stored patch). */
export function step(current: StoredPayment, change: PaymentStateChange): StoredPayment {
  const record = { ...current.record, evidence: [...current.record.evidence] }
  const fields = record as unknown as Record<string, unknown>
  for (const [k, v] of Object.entries(change.patch)) {
    if (k === 'state' || k === 'phase') continue
    if (v === null || v === undefined) delete fields[k]
    else fields[k] = v
  }
  if (change.evidence) record.evidence.push(change.evidence)
  if (
    stateCode(change.state) >= FIRST_FINAL_CODE &&
    stateCode(current.record.state) < FIRST_FINAL_CODE
  ) {
    record.finalAt ??= change.at
  }
  record.state = change.state
  record.updatedAt = change.at
  const meta = { ...current.meta, ...change.meta } as PaymentMeta
  return { record, meta, version: current.version + 1 }
}

export { idToDb }
