import type { DatabaseSync } from 'node:sqlite'
import type { HistoryPage, HistoryQuery, PaymentRecord } from '@shared/contract/payments.contract'
import { AppError } from '@shared/contract/result'
import { msg } from '@shared/messages'
import { StoreDamage, idFromDb, stateCode } from './codec'
import { Names } from './names'
import { PaymentReader, type HeadRow } from './payment-rows'
import type {
  BatchClosePatch,
  BatchCloseQuery,
  BatchCloseRow,
  IdempotencyClaim,
  IdempotencyKeyRow,
  InsertOutcome,
  LinkedOperation,
  NewBatchClose,
  NewPayment,
  PaymentChange,
  PaymentListQuery,
  PaymentStateChange,
  PaymentStore,
  RangeQuery,
  ReceiptStatusRow,
  StoreProblem,
  StoredPayment,
  TransactionOptions,
} from './port'
import { Queries } from './queries'
import { SideTables } from './side-tables'
import { PaymentWriter } from './payment-writer'
import { Statements } from './statements'
import { QuietCheckpoints } from './quiet-checkpoints'
import { DiskSync } from './disk-sync'
import { Transactions } from './transactions'

/** Payments kept decoded (the ones being worked on, and the last twenty pages read). */
const RECENT = 1_000

export interface SqliteStoreHooks {
  /** Told once per problem, as soon as it is found (the engine turns it into a notice). */
  onProblem?: (problem: StoreProblem) => void
  /** Told when a read found damage, so the next open checks and repairs the whole store. */
  onDamage?: () => void
  /** Told of an error thrown by what waited for a commit, run after the disk had it. */
  onError?: (error: unknown) => void
}

/**
 * The PaymentStore on one open SQLite database (see ./open-store.ts for how it is opened,
 * checked, repaired and migrated). Writes are one `BEGIN IMMEDIATE` transaction each, committed
 * with `synchronous=FULL`, or fsync'd off the app's thread when the caller asks (a payment's own
 * changes, ./disk-sync.ts); reads check every row they touch.
 */
export class SqlitePaymentStore implements PaymentStore {
  readonly problems: StoreProblem[] = []
  imported?: { payments: number; problems: number }
  private db!: DatabaseSync
  private names!: Names
  private statements!: Statements
  private reader!: PaymentReader
  private queries!: Queries
  private side!: SideTables
  private writer!: PaymentWriter
  private readonly reported = new Set<string>()
  /** Payments decoded last, by row number, and the row numbers of their ids. */
  private readonly recent = new Map<number, StoredPayment>()
  private readonly recentIds = new Map<string, number>()
  private closed = false
  /** Commits that wait for the disk off the app's thread (./disk-sync.ts). */
  private readonly disk = new DiskSync(
    () => this.db,
    (error) => {
      const cause = error.message.slice(0, 200)
      this.report({ code: 'payments_store_disk_failed', params: { cause } })
    },
    (error) => (this.hooks.onError ?? console.error)(error),
  )
  private readonly transactions = new Transactions(
    () => this.db,
    () => this.names.reload(),
    () => this.checkpoints.committed(),
    this.disk,
    (failure) => new AppError(msg('payments_store_disk_failed', { cause: failure.message })),
  )
  /** SQLite's checkpoints, between bursts of commits (./quiet-checkpoints.ts). */
  readonly checkpoints = new QuietCheckpoints(() => this.db)

  /** Throws StoreDamage when the merchants or terminals do not match their checksums. */
  constructor(
    db: DatabaseSync,
    readonly schemaVersion: number,
    private readonly hooks: SqliteStoreHooks = {},
  ) {
    this.use(db)
  }

  /** False once closed. */
  get isOpen(): boolean {
    return !this.closed && this.db.isOpen
  }

  /** The open database, for the integrity check, the repair and the legacy import. */
  get database(): DatabaseSync {
    return this.db
  }

  /**
   * Continues on another database (a repaired copy of this one): the swap happens between two
   * calls, so no caller sees half of each. The old one is closed.
   */
  replaceDatabase(db: DatabaseSync): void {
    const old = this.db
    this.use(db)
    if (old !== db && old.isOpen) old.close()
  }

  private use(db: DatabaseSync): void {
    // What the old database committed is on its disk before anything moves to the new one; what
    // waited for it runs once the new one is in place (the old one may be closed already).
    const swapping = this.db !== undefined
    if (swapping) this.disk.settle({ release: false })
    this.install(db)
    if (swapping) this.disk.release()
  }

  private install(db: DatabaseSync): void {
    this.recent.clear()
    this.recentIds.clear()
    const statements = new Statements(db)
    const names = new Names(statements)
    this.db = db
    this.checkpoints.apply()
    this.statements = statements
    this.names = names
    this.reader = new PaymentReader(statements, names)
    this.queries = new Queries(statements, names, (no) =>
      this.guard(String(no), () => this.atRow(no)?.stored),
    )
    this.side = new SideTables(statements, names, {
      idOf: (no) => this.guard(String(no), () => idFromDb(this.reader.head(no)?.id ?? '')),
      noOf: (id) => this.noOf(id),
    })
    this.writer = new PaymentWriter(statements, names, this.side)
  }

  insert(payment: NewPayment, once?: IdempotencyClaim): InsertOutcome {
    const outcome = this.transaction((): InsertOutcome | number => {
      if (once) {
        const existing = this.side.idempotencyKey(once.scope, once.key)
        if (existing) return { created: false, existing }
      }
      return this.insertRows(payment, once)
    })
    if (typeof outcome !== 'number') return outcome
    const stored = this.mustRead(outcome, payment.record.id)
    this.remember(outcome, stored)
    return { created: true, payment: stored }
  }

  change(id: string, change: PaymentChange): StoredPayment {
    return this.transaction(() => {
      const current = this.current(id)
      if (!current) throw new Error(`No payment ${id} in the payment store.`)
      const next = this.writer.append(current, change)
      this.remember(current.no, next)
      return next
    })
  }

  /** Writes a new payment's rows inside the caller's transaction; returns its row number. */
  insertRows(payment: NewPayment, once?: IdempotencyClaim): number {
    return this.writer.insert(payment, once)
  }

  /** The row number of a payment by id. */
  noOf(id: string): number | undefined {
    return this.writer.noOf(id)
  }

  get(id: string): StoredPayment | undefined {
    return this.guard(id, () => this.current(id)?.stored)
  }

  history(id: string): PaymentStateChange[] {
    const no = this.noOf(id)
    return no === undefined ? [] : (this.guard(id, () => this.reader.history(no)) ?? [])
  }

  unfinished(): StoredPayment[] {
    return this.queries
      .unfinishedNos()
      .flatMap((no) => this.guard(String(no), () => this.reader.read(no)) ?? [])
  }

  search(query: HistoryQuery): HistoryPage {
    return this.queries.search(query)
  }

  findByReference(reference: string): StoredPayment[] {
    return this.queries.findByReference(reference)
  }

  list(query: PaymentListQuery): PaymentRecord[] {
    return this.queries.list(query)
  }

  inRange(query: RangeQuery): PaymentRecord[] {
    return this.queries.inRange(query)
  }

  linkedTo(originalTransactionId: string): LinkedOperation[] {
    return this.queries.linkedTo(originalTransactionId)
  }

  callbackTokensSince(since: number): { paymentId: string; tokenHash: string }[] {
    return this.queries.callbackTokensSince(since)
  }

  findIdempotencyKey(scope: string, key: string): IdempotencyKeyRow | undefined {
    return this.guard(`${scope}/${key}`, () => this.side.idempotencyKey(scope, key))
  }

  setReceiptStatus(row: ReceiptStatusRow): void {
    this.transaction(() => this.side.setReceiptStatus(row))
  }

  receiptStatuses(paymentId: string): ReceiptStatusRow[] {
    return this.guard(paymentId, () => this.side.receiptStatuses(paymentId)) ?? []
  }

  receiptStatusesInRange(query: RangeQuery): ReceiptStatusRow[] {
    const rows =
      this.guard('receipts', () =>
        this.side.receiptStatusesInRange(query.merchantId, query.from, query.to),
      ) ?? []
    if (query.terminalSerial === undefined) return rows
    return rows.filter((r) => this.get(r.paymentId)?.record.terminalSerial === query.terminalSerial)
  }

  insertBatchClose(row: NewBatchClose): BatchCloseRow {
    return this.transaction(() => this.side.insertBatchClose(row))
  }

  updateBatchClose(id: number, patch: BatchClosePatch): BatchCloseRow {
    return this.transaction(() => this.side.updateBatchClose(id, patch))
  }

  getBatchClose(id: number): BatchCloseRow | undefined {
    return this.guard(`batch ${id}`, () => this.side.getBatchClose(id))
  }

  batchCloses(query: BatchCloseQuery): BatchCloseRow[] {
    return this.guard('batch closes', () => this.side.batchCloses(query)) ?? []
  }

  /** A small fact about the store (legacy import done, ...), checked like every row. */
  fact(name: string): string | undefined {
    return this.guard(name, () => this.side.fact(name))
  }

  /** Sets a fact; call inside `transaction` when it must commit with other rows. */
  setFact(name: string, value: string): void {
    this.transaction(() => this.side.setFact(name, value))
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.recent.clear()
    this.recentIds.clear()
    this.checkpoints.close()
    this.disk.settle()
    this.db.close()
  }

  /** Records a problem once and tells the hook. */
  report(problem: StoreProblem): void {
    const key = `${problem.code}:${JSON.stringify(problem.params)}`
    if (this.reported.has(key)) return
    this.reported.add(key)
    this.problems.push(problem)
    this.hooks.onProblem?.(problem)
  }

  /**
   * Runs `work` in one write transaction, committed (and fsync'd, unless `waitForDisk` is false)
   * before returning, then what waited for the commit; see ./transactions.ts.
   */
  transaction<T>(work: () => T, options?: TransactionOptions): T {
    return this.transactions.run(work, options)
  }

  flushed(): Promise<void> {
    return this.transactions.flushed()
  }

  afterCommit(action: () => void): void {
    this.transactions.afterCommit(action)
  }

  onRollback(undo: () => void): void {
    this.transactions.onRollback(undo)
  }

  private mustRead(no: number, id: string): StoredPayment {
    const stored = this.guard(id, () => this.reader.read(no))
    if (!stored) throw new StoreDamage(`payment ${id} could not be read back`)
    return stored
  }

  /** Runs a read; damage becomes a reported problem and an empty answer, never a crash. */
  private guard<T>(what: string, read: () => T): T | undefined {
    try {
      return read()
    } catch (error) {
      if (!(error instanceof StoreDamage)) throw error
      this.report({ code: 'payments_record_damaged', params: { id: what, problem: error.message } })
      this.hooks.onDamage?.()
      return undefined
    }
  }

  /** A payment as it now is, with its row (see `atRow`). Throws StoreDamage. */
  private current(id: string): { no: number; head: HeadRow; stored: StoredPayment } | undefined {
    const no = this.recentIds.get(id) ?? this.noOf(id)
    return no === undefined ? undefined : this.atRow(no)
  }

  /**
   * The payment of a row as it now is: the payments row is read and checked every time (it says
   * how many changes there are), the changes only when this store has not just written or read
   * them. Throws StoreDamage.
   */
  private atRow(no: number): { no: number; head: HeadRow; stored: StoredPayment } | undefined {
    const head = this.reader.head(no)
    if (!head) return undefined
    const cached = this.recent.get(no)
    if (cached && cached.version === head.changes) {
      this.remember(no, cached)
      return { no, head, stored: cached }
    }
    const stored = this.reader.foldRows(head)
    if (stateCode(stored.record.state) !== head.state) {
      throw new StoreDamage(`payment row ${no} disagrees with its history`)
    }
    this.remember(no, stored)
    return { no, head, stored }
  }

  /**
   * Keeps the payments used last decoded (the ones being worked on, the pages of history shown
   * last), so a change does not decode the history it just wrote and a page shown again is not
   * decoded again. Callers treat what they get as read-only.
   */
  private remember(no: number, stored: StoredPayment): void {
    this.recent.delete(no)
    this.recent.set(no, stored)
    this.recentIds.set(stored.record.id, no)
    if (this.recent.size > RECENT) {
      const [oldest, gone] = this.recent.entries().next().value!
      this.recent.delete(oldest)
      this.recentIds.delete(gone.record.id)
    }
  }
}
