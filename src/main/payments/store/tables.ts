import { verify } from './codec'

/** The columns of a payments row that its checksum covers (all but the checksum). */
export const PAYMENT_COLUMNS = [
  'no',
  'id',
  'created_at',
  'merchant_no',
  'terminal_no',
  'state',
  'amount',
  'total',
  'last_four',
  'original_ref',
  'callback_token',
  'changes',
] as const

/** The columns of a payment_changes row that its checksum covers. */
export const CHANGE_COLUMNS = ['no', 'after', 'state', 'body'] as const

/** A change's row number is its payment's number times this, plus its sequence number. */
export const SEQ_SPAN = 65_536

/**
 * Every table whose rows carry a checksum, with the columns the checksum covers, in order. The
 * writers compute checksums over exactly these values (with the JavaScript types SQLite gives
 * back: numbers for INTEGER, strings for TEXT, bytes for BLOB, null), and the full check and the
 * salvage of a damaged store read them from here. A migration that adds a checked table adds it
 * here too. `key` is an integer column to read the table in slices by (small tables have none).
 */
export const CHECKED_TABLES: readonly {
  table: string
  key?: string
  columns: readonly string[]
  /** Key values per row at most (payment_changes: SEQ_SPAN), to size the slices (default 1). */
  spread?: number
}[] = [
  { table: 'merchants', key: 'no', columns: ['no', 'id'] },
  { table: 'terminals', key: 'no', columns: ['no', 'merchant_no', 'serial'] },
  { table: 'payments', key: 'no', columns: PAYMENT_COLUMNS },
  { table: 'payment_changes', key: 'no', columns: CHANGE_COLUMNS, spread: SEQ_SPAN },
  {
    table: 'idempotency_keys',
    columns: ['scope', 'key', 'fingerprint', 'payment_no', 'created_at'],
  },
  {
    table: 'receipt_status',
    columns: ['payment_no', 'kind', 'state', 'updated_at', 'code'],
  },
  {
    table: 'batch_closes',
    key: 'no',
    columns: [
      'no',
      'merchant_no',
      'terminal_no',
      'requested_at',
      'answered_at',
      'state',
      'batch_number',
      'close_batch_guid',
      'answer_json',
    ],
  },
  { table: 'store_facts', columns: ['name', 'value'] },
]

type Stored = string | number | null | Uint8Array

/** The values a row's checksum covers, as read from SQLite. */
export const checkedValues = (columns: readonly string[], row: Record<string, unknown>): Stored[] =>
  columns.map((c) => (row[c] ?? null) as Stored)

/** Throws StoreDamage when the row read from `table` does not match its checksum. */
export function verifyRow(
  table: string,
  columns: readonly string[],
  row: Record<string, unknown>,
): void {
  verify(table, row[columns[0]!], checkedValues(columns, row), row.checksum)
}
