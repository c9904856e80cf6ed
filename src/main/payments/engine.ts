import path from 'node:path'
import { AppError } from '@shared/contract/result'
import { msg } from '@shared/messages'
import type { PaymentSettlement } from '@shared/contract/money.contract'
import type {
  CancelAnswer,
  HistoryPage,
  HistoryQuery,
  PaymentRecord,
  PaymentStatusEvent,
  StartPaymentRequest,
} from '@shared/contract/payments.contract'
import type { TransactionResult } from '../handpoint/types'
import { deliverCallback, repeatCallback } from './callback-flow'
import { GroupWriter } from './group-writer'
import { startCallbackServer, type CallbackServerOptions } from './callback-server'
import { cancelOperation } from './cancel'
import type { Notices } from '../notices/notices'
import { storeFacts } from './money/facts'
import { completeFromResult } from './result-details'
import { MoneyGuard, type ManagerApproval } from './money/guard'
import { withPhase } from './payment-operation'
import type { Clock, MerchantDirectory } from './ports'
import { RateBudget, type Gate, type RateBudgetOptions } from './rate-budget'
import { recoverUnfinished } from './recovery'
import type { CrashPoint, Settings } from './settings'
import { startOnce, startOperation, type OnceOptions, type StartDeps } from './start'
import { isFinal } from './states'
import { openPaymentStore } from './store/open-store'
import type { PaymentListQuery, PaymentStore, StoreProblem } from './store/port'
import { systemClock } from './system-clock'
import { TerminalLocks } from './terminal-locks'
import { OperationTracker } from './tracker'

export type { CrashPoint } from './settings'
export type { OnceOptions } from './start'

export interface PaymentEngineOptions {
  /** The payment store lives in `<dataDir>/payments`. */
  dataDir: string
  directory: MerchantDirectory
  /** Called on every state change of every operation (the same events `subscribe` gets). */
  emit?: (event: PaymentStatusEvent) => void
  /** Where what the store finds (damage, an old journal moved in) is told (the notices port). */
  notices?: Notices
  /**
   * When the store checks every row: `beside` (default) after it opened, without holding up the
   * start; `now` before (the CLI: it exits soon, and its report must include the check).
   */
  storeCheck?: 'now' | 'beside'
  clock?: Clock
  random?: () => number
  /**
   * Per-API-key budget; default 2 requests per 1.1 s window (the documented 2/s plus margin).
   * Pass a RateBudget to share it with the key's other requests (terminal checks, commands).
   */
  budget?: RateBudgetOptions | RateBudget
  /** Awaited once a payment is saved, before it is sent (terminal care). */
  beforeSend?: (merchantId: string, terminalSerial: string) => Promise<void>
  /** A final result about to be applied, as received, before its status event (terminal care). */
  onResult?: (record: PaymentRecord, result: TransactionResult) => void
  /** Enables the callback flow; the server binds where these options say. */
  callback?: CallbackServerOptions
  notChargedAfterMs?: number
  slowAfterMs?: number
  /** A fixed poll schedule; default: adaptive, as often as the key's budget allows, shared. */
  pollDelaysMs?: number[]
  /** Shortest interval between two polls of one operation; default 500 ms. */
  minPollMs?: number
  statusFallbackAfterMs?: number
  callbackGraceMs?: number
  maxBackoffMs?: number
  /**
   * The merchant's ceiling and the manager PIN: refunds and reversals above the ceiling need the
   * PIN. The app and the CLI always pass it; without it no ceiling applies (what is left of an
   * original is enforced either way).
   */
  approval?: ManagerApproval
  /** Test hook for crash tests; production passes nothing. */
  crashPoint?: (name: CrashPoint) => void
}

export interface PaymentEngine {
  /** Saves, sends and starts watching one operation; resolves once Handpoint answered the POST. */
  start(request: StartPaymentRequest): Promise<PaymentRecord>
  /**
   * At most one operation per (scope, key), ever: the key row is written in the same
   * transaction as the payment, before anything is sent. Same key and fingerprint again (also
   * while the first is still being sent, also after a restart) gives the same payment with
   * `replayed: true`; same key with another fingerprint throws AppError `idempotency_key_reused`.
   */
  startOnce(
    request: StartPaymentRequest,
    once: OnceOptions,
  ): Promise<{ record: PaymentRecord; replayed: boolean }>
  /** The payment an idempotency key stands for, if any. */
  findByIdempotencyKey(scope: string, key: string): PaymentRecord | undefined
  /** Payments by till reference, terminal, merchant or idempotency key, newest first. */
  list(query: PaymentListQuery): PaymentRecord[]
  /** Asks the terminal to stop its current operation; the original keeps being watched. */
  cancel(merchantId: string, terminalSerial: string): Promise<CancelAnswer>
  /** One record by our id. Throws AppError when unknown. */
  get(id: string): PaymentRecord
  /** This checkout runs (or is starting) an operation on the terminal: it is taken. */
  terminalBusy(merchantId: string, terminalSerial: string): boolean
  /** Every operation being followed, as status events. */
  active(): PaymentStatusEvent[]
  search(query: HistoryQuery): HistoryPage
  /** Asks Handpoint about an operation now (the "check again" button); returns the record. */
  resolve(id: string): Promise<PaymentRecord>
  /** Resolves when the operation is final (or automatic checking stopped). */
  waitForFinal(id: string): Promise<PaymentRecord>
  /** Every status event (what `emit` gets), for the window, event streams and long polls. */
  subscribe(listener: (event: PaymentStatusEvent) => void): () => void
  /**
   * Called when a final payment's result gains details it lacked (receipts read from the
   * terminal's result, or a late callback, after the status service settled it).
   */
  onDetails(listener: (record: PaymentRecord) => void): () => void
  /** Called once per operation when it becomes final (receipts hook). */
  onFinal(listener: (record: PaymentRecord) => void): () => void
  /** Ids resumed at start-up (unfinished payments of the store). */
  readonly recovered: readonly string[]
  /** What the store found at start-up and since (codes of src/shared/messages/payments.ts). */
  readonly problems: readonly StoreProblem[]
  /** The store itself, for the day close, the day report and money rules (read its port). */
  readonly store: PaymentStore
  /**
   * Sends requests of another part of the app (the day close's batch and status calls) through
   * the merchant key's request budget, so they and the payments together stay within it.
   */
  gateFor(merchantId: string, owner: string): Gate
  /** Resolves when the store's full check (started at open) is done. */
  readonly checked: Promise<unknown>
  /** The callback URL, when the callback flow is enabled. */
  readonly callbackUrl?: string
  /**
   * What is left of each payment and which follow-ups the money rules accept now (unknown ids
   * are left out): what History shows and offers.
   */
  settlements(ids: readonly string[]): Promise<PaymentSettlement[]>
  /** Repeated callbacks answered from memory, and requests turned away by the per-source budget. */
  callbackStats(): { repeats: number; limited: number } | undefined
  dispose(): Promise<void>
}

/**
 * Builds the payment engine: opens the store in `<dataDir>/payments` (checked, repaired and an
 * old journal moved in as needed), starts the callback listener when asked, and resumes every
 * unfinished payment (recovery needs no user action). Composition only: the rules live in the
 * objects it wires (see docs/architecture.md, "The payment engine").
 */
export async function createPaymentEngine(options: PaymentEngineOptions): Promise<PaymentEngine> {
  const crashPoint = options.crashPoint ?? (() => {})
  const settings: Settings = {
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    notChargedAfterMs: options.notChargedAfterMs ?? 90_000,
    slowAfterMs: options.slowAfterMs ?? 60_000,
    pollDelaysMs: options.pollDelaysMs,
    minPollMs: options.minPollMs ?? 500,
    statusFallbackAfterMs: options.statusFallbackAfterMs ?? 120_000,
    callbackGraceMs: options.callbackGraceMs ?? 20_000,
    maxBackoffMs: options.maxBackoffMs ?? 30_000,
    crashPoint,
    ...(options.beforeSend ? { beforeSend: options.beforeSend } : {}),
    ...(options.onResult ? { onResult: options.onResult } : {}),
  }
  const { store, checked } = openPaymentStore({
    dir: path.join(options.dataDir, 'payments'),
    check: options.storeCheck ?? 'beside',
    now: () => settings.clock.now(),
    onProblem: (problem) => tell(options.notices, problem),
    crashPoint,
  })
  const budget =
    options.budget instanceof RateBudget ? options.budget : new RateBudget(options.budget)
  const locks = new TerminalLocks()
  const tracker = new OperationTracker({
    store,
    settings,
    locks,
    budget,
    directory: options.directory,
  })
  const callbacks = options.callback
    ? await startCallbackServer(
        options.callback,
        deliverCallback({
          store,
          tracker,
          writer: new GroupWriter(store, (id) => tracker.commitOptions(id)),
        }),
        repeatCallback({ store, settings, completed: (record) => completed(record) }),
      ).catch((err: unknown) => {
        store.close() // the caller may retry without callbacks on the same store
        throw err
      })
    : undefined
  if (options.emit) tracker.subscribe(options.emit)
  const detailListeners = new Set<(record: PaymentRecord) => void>()
  const completed = (record: PaymentRecord): void => {
    for (const listener of detailListeners) {
      try {
        listener(record)
      } catch {
        // A listener's failure (receipts) changes nothing about the payment.
      }
    }
  }
  const details = completeFromResult({
    store,
    budget,
    directory: options.directory,
    settings,
    completed,
  })
  tracker.onFinal(details.onFinal)
  // A final payment's callback token is settled: its repeats are answered from memory.
  tracker.onFinal((record) => {
    const tokenHash = store.get(record.id)?.meta.callbackTokenHash
    if (tokenHash) callbacks?.settle(tokenHash, record.id)
  })
  const money = new MoneyGuard({
    facts: storeFacts(store),
    ...(options.approval ? { approval: options.approval } : {}),
    now: () => settings.clock.now(),
  })
  const deps: StartDeps = {
    store,
    settings,
    locks,
    budget,
    directory: options.directory,
    tracker,
    callbacks,
    money,
  }
  const pendingKeys = new Map<string, Promise<void>>()
  const recovered = recoverUnfinished({ store, tracker, settings, callbacks })
  const stored = (id: string) => {
    const found = store.get(id)
    if (!found) throw new AppError(msg('payment_not_found'))
    return found
  }

  return {
    recovered,
    problems: store.problems,
    store,
    checked,
    gateFor: (merchantId, owner) => (request) => budget.send(merchantId, owner, request),
    callbackUrl: callbacks?.url,
    callbackStats: () => callbacks?.stats(),
    settlements: (ids) => money.settlements(ids),
    start: async (request) => (await startOperation(deps, request)).record,
    startOnce: (request, once) => startOnce(deps, pendingKeys, request, once),
    findByIdempotencyKey(scope, key) {
      const row = store.findIdempotencyKey(scope, key)
      const found = row ? store.get(row.paymentId) : undefined
      return found ? withPhase(found.record) : undefined
    },
    list: (query) => store.list(query).map(withPhase),
    cancel: (merchantId, serial) => cancelOperation({ locks, tracker, budget }, merchantId, serial),
    terminalBusy: (merchantId, serial) => locks.holder(merchantId, serial) !== undefined,
    // A live payment as its last change on disk left it (see PaymentOperation.shown).
    get: (id) => tracker.get(id)?.shown ?? withPhase(stored(id).record),
    active: () => tracker.active(),
    search: (query) => {
      const page = store.search(query)
      return { items: page.items.map(withPhase), total: page.total }
    },
    async resolve(id) {
      const payment = stored(id)
      if (isFinal(payment.record.state)) return payment.record
      return tracker.track(payment).record
    },
    waitForFinal(id) {
      const op = tracker.get(id)
      if (op) return op.waitForFinal()
      try {
        return Promise.resolve(withPhase(stored(id).record))
      } catch (error) {
        return Promise.reject(error)
      }
    },
    subscribe: (listener) => tracker.subscribe(listener),
    onFinal: (listener) => tracker.onFinal(listener),
    onDetails(listener) {
      detailListeners.add(listener)
      return () => detailListeners.delete(listener)
    },
    async dispose() {
      details.stop()
      budget.close()
      tracker.abandonAll()
      await callbacks?.close()
      // The last changes on disk and announced in a turn of their own, not inside the close.
      await store.flushed().catch(() => {})
      store.close()
    },
  }
}

/** How a store problem reaches people: an old journal moved in is news; damage is a warning. */
function tell(notices: Notices | undefined, problem: StoreProblem): void {
  const level = problem.code === 'payments_legacy_imported' ? 'info' : 'warning'
  notices?.notify(problem.code, problem.params as never, level)
}
