import type {
  HistoryPage,
  HistoryQuery,
  OperationKind,
  PaymentEvidence,
  PaymentRecord,
  PaymentState,
} from '@shared/contract/payments.contract'
import type { Message } from '@shared/messages'

/**
 * The PaymentStore port: everything the payment engine and its neighbours (till link, day close,
 * money rules, receipts) keep about payments on this checkout. The adapter is SQLite on
 * `node:sqlite` (./sqlite-store.ts); tests may use the same adapter on a temporary folder.
 *
 * Rules every adapter keeps:
 * - A payment is written once (`insert`) and then only grows by state changes (`change`): each
 *   change is one durable transaction (committed and fsync'd before the call returns), so a
 *   request that depends on a state may leave the process as soon as the call returns.
 * - The history of a payment is append-only evidence: changes are never edited or deleted.
 *   The record returned by `get` is the fold of its changes; only what changed is stored.
 * - Every stored row carries a checksum over its canonical content. A row whose checksum does not
 *   match is damage: it is reported in `problems` (and through the notice the engine raises),
 *   never returned as if it were intact and never silently dropped.
 * - All methods are synchronous: SQLite answers in microseconds, and no other work can slip in
 *   between a check and the write that depends on it.
 */
export interface PaymentStore {
  /** Damage found at open or while reading, as message codes (see src/shared/messages). */
  readonly problems: readonly StoreProblem[]
  /** The schema version of the open database (the number of migrations applied). */
  readonly schemaVersion: number
  /** Legacy journal import done at this open (count of payments imported), if one ran. */
  readonly imported?: { payments: number; problems: number }

  // --- payments and their append-only history ---

  /**
   * Saves a new payment (its first state change, seq 0) in one durable transaction. With `once`,
   * the idempotency key row is written in the same transaction: if (scope, key) already exists,
   * nothing is written and the existing row is returned instead (`created: false`), whatever its
   * fingerprint (the caller compares fingerprints and decides). Throws when `record.id` exists.
   */
  insert(payment: NewPayment, once?: IdempotencyClaim): InsertOutcome
  /**
   * Appends one state change to a payment and returns the payment as it now is. One durable
   * transaction: the change row and the updated search columns commit together. Fields left out
   * of `patch` keep their value; `evidence`, when given, is appended to the record's evidence.
   * Throws when the payment does not exist or its stored rows are damaged.
   */
  change(id: string, change: PaymentChange): StoredPayment
  /**
   * Runs `work` as one durable transaction: every write inside it commits together, with one
   * fsync, before this returns (a group commit: results that arrive together wait for the disk
   * once). A write that fails inside it is undone alone (a savepoint); an error thrown out of
   * `work`, or a failed commit, undoes everything. Nested calls join as savepoints. With
   * `waitForDisk: false` the commit returns before the fsync, which runs off the app's thread:
   * for writes whose every consequence waits in `afterCommit` or on `flushed()`.
   */
  transaction<T>(work: () => T, options?: TransactionOptions): T
  /**
   * Runs `action` once what was written so far is on disk: as soon as every commit so far is
   * (now, usually, when no transaction is open), else once the open one is (in the order given);
   * dropped when it is rolled back. Whatever acts on a stored fact (an event, a waiting caller,
   * a request that relies on it) goes through here or `flushed()`.
   */
  afterCommit(action: () => void): void
  /**
   * Resolves once every commit so far is on disk; rejects when the disk failed (the store then
   * refuses every write: `payments_store_disk_failed`).
   */
  flushed(): Promise<void>
  /** Runs `undo` when the open transaction (or savepoint) is rolled back; nothing when none is open. */
  onRollback(undo: () => void): void
  /** The payment as it now is (fold of its changes), or undefined when unknown or damaged. */
  get(id: string): StoredPayment | undefined
  /** Every state change of one payment, oldest first (the evidence trail). */
  history(id: string): PaymentStateChange[]
  /** Every payment whose state is not final yet (what recovery resumes), oldest first. */
  unfinished(): StoredPayment[]
  /**
   * One page of history, newest first, and the number of matches: by date range (createdAt),
   * state, amount (requested or result total), last four, reference (our id, transaction
   * reference, Handpoint transaction id, customer reference or result id), terminal, merchant.
   */
  search(query: HistoryQuery): HistoryPage
  /** Payments that carry `reference` as id, transaction reference, transaction id, customer reference or result id. */
  findByReference(reference: string): StoredPayment[]
  /**
   * Payments by till reference, terminal, merchant or idempotency key (any that is given must
   * match), newest first, at most `limit`. What the till link lists.
   */
  list(query: PaymentListQuery): PaymentRecord[]
  /** Payments of one merchant created in [from, to] (inclusive, ms), oldest first: the day report. */
  inRange(query: RangeQuery): PaymentRecord[]
  /**
   * Operations linked to an original (same `originalTransactionId`), oldest first, with their
   * states and amounts: what money rules need to know what is left to refund or reverse.
   */
  linkedTo(originalTransactionId: string): LinkedOperation[]
  /** Final callback-flow payments created since `since` that still carry a callback token hash. */
  callbackTokensSince(since: number): { paymentId: string; tokenHash: string }[]

  // --- idempotency keys (till link) ---

  /** The idempotency key row for (scope, key), if one was ever written. Keys are kept for good. */
  findIdempotencyKey(scope: string, key: string): IdempotencyKeyRow | undefined

  // --- receipts status (day report: "receipt missing") ---

  /** Records where one receipt of a payment stands (insert or replace per payment and kind). */
  setReceiptStatus(row: ReceiptStatusRow): void
  /** Receipt statuses of one payment (at most one per kind). */
  receiptStatuses(paymentId: string): ReceiptStatusRow[]
  /** Receipt statuses of the payments of one merchant created in [from, to]. */
  receiptStatusesInRange(query: RangeQuery): ReceiptStatusRow[]

  // --- batch closes (day close) ---

  /** Saves a batch close attempt before its request leaves; returns it with its id. */
  insertBatchClose(row: NewBatchClose): BatchCloseRow
  /** Records what came back (or that nobody knows): answer, state, batch number. */
  updateBatchClose(id: number, patch: BatchClosePatch): BatchCloseRow
  /** One batch close by id, or undefined. */
  getBatchClose(id: number): BatchCloseRow | undefined
  /** Batch closes, newest first (requestedAt), filtered by merchant, terminal, state and time. */
  batchCloses(query: BatchCloseQuery): BatchCloseRow[]

  /** Closes the database. Further calls throw. */
  close(): void
}

/** Engine bookkeeping that never crosses the IPC bridge. */
export interface PaymentMeta {
  /** When the POST started. */
  sentAt?: number
  /**
   * When the POST attempt ended (answer, error, or the restart that found it cut off): the
   * request cannot reach Handpoint later than this, so the 90-second rule counts from here.
   */
  postEndedAt?: number
  /** SHA-256 (hex) of the callback token: the token itself is never stored. */
  callbackTokenHash?: string
  /** False for linked operations, which must not carry their own reference. */
  referenceSent: boolean
}

/** A payment as stored: the record (fold of its changes), the engine's meta, and its version. */
export interface StoredPayment {
  record: PaymentRecord
  meta: PaymentMeta
  /** Number of state changes stored for it (1 after `insert`); grows by one per `change`. */
  version: number
}

/** What `insert` saves: the record as first written (its `evidence` at most one entry). */
export interface NewPayment {
  record: PaymentRecord
  meta: PaymentMeta
}

/**
 * Fields a change may set. `id`, `createdAt` and the creation fields never change. `phase` is
 * accepted but not stored: it follows from the state, and the engine adds it to what it reads.
 * A field set to `undefined` is cleared.
 */
export type PaymentPatch = Partial<
  Pick<
    PaymentRecord,
    | 'state'
    | 'phase'
    | 'transactionResultId'
    | 'result'
    | 'lastError'
    | 'cancelRequested'
    | 'finalAt'
  >
>

/** One state change to append. `at` becomes the record's `updatedAt`. */
export interface PaymentChange {
  at: number
  patch?: PaymentPatch
  meta?: Partial<PaymentMeta>
  /** Appended to the record's evidence. */
  evidence?: PaymentEvidence
}

/** One stored entry of a payment's history. */
export interface PaymentStateChange {
  /** 0 for the payment as inserted, then 1, 2, ... */
  seq: number
  at: number
  /** The state after this change. */
  state: PaymentState
  patch: PaymentPatch
  meta?: Partial<PaymentMeta>
  evidence?: PaymentEvidence
}

/** An idempotency key to claim together with a new payment. */
export interface IdempotencyClaim {
  /** Who owns the key space, e.g. `till:<tillId>`. */
  scope: string
  /** The caller's key (1-255 printable ASCII for the till link). */
  key: string
  /** A digest of the request the key was first used with. */
  fingerprint: string
}

export interface IdempotencyKeyRow extends IdempotencyClaim {
  paymentId: string
  createdAt: number
}

export type InsertOutcome =
  { created: true; payment: StoredPayment } | { created: false; existing: IdempotencyKeyRow }

export interface PaymentListQuery {
  merchantId?: string
  tillReference?: string
  terminalSerial?: string
  idempotencyKey?: string
  /** Narrows `idempotencyKey` to one key space. */
  scope?: string
  limit: number
}

export interface RangeQuery {
  merchantId: string
  /** Inclusive, ms since the epoch (createdAt). */
  from: number
  to: number
  terminalSerial?: string
}

/** A linked operation as money rules see it. */
export interface LinkedOperation {
  id: string
  operation: OperationKind
  state: PaymentState
  /** What was asked for (minor units). */
  amountMinor?: string
  /** What Handpoint reported as moved (result total), when it answered. */
  approvedAmountMinor?: string
  currency?: string
  createdAt: number
  finalAt?: number
}

export type ReceiptKind = 'customer' | 'merchant'
/**
 * `expected`: the result named a receipt, not fetched yet; `stored`: kept on this checkout;
 * `printed`: stored and printed; `failed`: fetching gave up (see `code`); `none`: Handpoint gave
 * no receipt for it.
 */
export type ReceiptState = 'expected' | 'stored' | 'printed' | 'failed' | 'none'

export interface ReceiptStatusRow {
  paymentId: string
  kind: ReceiptKind
  state: ReceiptState
  updatedAt: number
  /** A message code saying why (for `failed` and `none`). */
  code?: string
}

/** `unknown`: the request may have reached Handpoint but no answer came (never re-sent blindly). */
export type BatchCloseState = 'requested' | 'closed' | 'failed' | 'unknown'

export interface BatchCloseRow {
  id: number
  merchantId: string
  terminalSerial: string
  requestedAt: number
  answeredAt?: number
  state: BatchCloseState
  batchNumber?: string
  closeBatchGuid?: string
  /** Handpoint's answer as received (JSON text), kept as evidence. */
  answerJson?: string
}

export type NewBatchClose = Omit<BatchCloseRow, 'id' | 'state'> & { state?: BatchCloseState }
export type BatchClosePatch = Partial<
  Pick<BatchCloseRow, 'answeredAt' | 'state' | 'batchNumber' | 'closeBatchGuid' | 'answerJson'>
>

export interface BatchCloseQuery {
  merchantId?: string
  terminalSerial?: string
  state?: BatchCloseState
  from?: number
  to?: number
  limit: number
}

/** A problem the store found, as a message code of src/shared/messages/payments.ts. */
export type StoreProblem = Required<Message>

export interface TransactionOptions {
  /**
   * False: commit without waiting for the disk on the app's thread; what waits for the commit
   * (`afterCommit`, `flushed()`) is told once an fsync off the thread has covered it.
   */
  waitForDisk?: boolean
}
