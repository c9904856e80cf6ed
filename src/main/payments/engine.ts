import path from 'node:path'
import { AppError } from '@shared/contract/result'
import { msg } from '@shared/messages'
import type {
  CancelAnswer,
  HistoryPage,
  HistoryQuery,
  PaymentRecord,
  PaymentStatusEvent,
  StartPaymentRequest,
} from '@shared/contract/payments.contract'
import { startCallbackServer, type CallbackServerOptions } from './callback-server'
import { Journal } from './journal'
import { transactionResultSchema } from './result-view'
import { RateBudget, type RateBudgetOptions } from './rate-budget'
import { Runtime, type CrashPoint, type Op, type Settings, terminalKeyOf } from './runtime'
import { startOperation } from './start'
import type { Clock, MerchantDirectory } from './ports'
import { isFinal } from './states'
import { systemClock } from './system-clock'
import { watch } from './watcher'
import { cancelOperation } from './cancel'

export type { CrashPoint } from './runtime'

export interface PaymentEngineOptions {
  /** The journal lives in `<dataDir>/payments`. */
  dataDir: string
  directory: MerchantDirectory
  /** Called on every state change of every operation. */
  emit?: (event: PaymentStatusEvent) => void
  clock?: Clock
  random?: () => number
  /** Per-API-key budget; default 2 requests per 1.1 s window (the documented 2/s plus margin). */
  budget?: RateBudgetOptions
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
  /** Test hook for crash tests; production passes nothing. */
  crashPoint?: (name: CrashPoint) => void
}

export interface PaymentEngine {
  /** Journals, sends and starts watching one operation; resolves once Handpoint answered the POST. */
  start(request: StartPaymentRequest): Promise<PaymentRecord>
  /** Asks the terminal to stop its current operation; the original keeps being watched. */
  cancel(merchantId: string, terminalSerial: string): Promise<CancelAnswer>
  /** One record by our id. Throws AppError when unknown. */
  get(id: string): PaymentRecord
  /** Every operation not final yet, as status events. */
  active(): PaymentStatusEvent[]
  search(query: HistoryQuery): HistoryPage
  /** Asks Handpoint about an operation now (the "check again" button); returns the record. */
  resolve(id: string): Promise<PaymentRecord>
  /** Resolves when the operation is final (or automatic checking stopped). */
  waitForFinal(id: string): Promise<PaymentRecord>
  /** Ids resumed at start-up (unfinished journal entries). */
  readonly recovered: readonly string[]
  /** Damage found in the journal at start-up, in plain sentences. */
  readonly problems: readonly string[]
  /** Called once per operation when it becomes final (receipts hook). */
  onFinal(listener: (record: PaymentRecord) => void): () => void
  /** Compacts the journal when worthwhile. */
  compact(force?: boolean): void
  /** The callback URL, when the callback flow is enabled. */
  readonly callbackUrl?: string
  dispose(): Promise<void>
}

/**
 * Builds the payment engine over a journal in `dataDir` and resumes every unfinished operation
 * found there (recovery needs no user action).
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
  }
  const journal = Journal.open(path.join(options.dataDir, 'payments'), {
    crashPoint: (name) => crashPoint(name),
  })
  const budget = new RateBudget(options.budget)
  const emit = options.emit ?? (() => {})
  const ref: { rt?: Runtime } = {}
  const callbacks = options.callback
    ? await startCallbackServer(options.callback, async (id, body) => {
        const parsed = transactionResultSchema.safeParse(body)
        const rt = ref.rt
        if (!parsed.success || !rt || !journal.get(id)) return 'rejected'
        const outcome = rt.applyResult(id, parsed.data, 'callback')
        const op = rt.ops.get(id)
        if (outcome === 'pending' && op) {
          op.resultGone = true
          rt.transition(id, 'unknown', {}, { evidence: msg('evidence_no_clear_outcome') })
        }
        op?.wake?.()
        return outcome === 'rejected'
          ? 'rejected'
          : outcome === 'duplicate'
            ? 'duplicate'
            : 'applied'
      }).catch((err: unknown) => {
        journal.close() // the caller may retry without callbacks on the same journal
        throw err
      })
    : undefined
  const runtime = new Runtime(journal, settings, options.directory, budget, emit, callbacks)
  ref.rt = runtime
  // Compaction runs after a payment ended, outside the state change that finished it.
  let disposed = false
  let compactionQueued = false
  runtime.finalListeners.add(() => {
    if (compactionQueued) return
    compactionQueued = true
    setImmediate(() => {
      compactionQueued = false
      if (!disposed && journal.shouldCompact()) journal.compact()
    })
  })

  const follow = (id: string): Op => {
    const { record } = runtime.stored(id)
    let op = runtime.ops.get(id)
    if (!op) {
      op = {
        id,
        key: record.merchantId,
        terminalKey: terminalKeyOf(record.merchantId, record.terminalSerial),
        watching: false,
        finalWaiters: [],
        resultGone: false,
        lastProgressAt: settings.clock.now(),
      }
      runtime.ops.set(id, op)
      runtime.terminals.set(op.terminalKey, id)
    }
    void watch(runtime, op)
    return op
  }

  // Recovery: every unfinished entry resumes; a POST that never left is failed, never re-sent.
  const recovered: string[] = []
  for (const { record, meta } of journal.unfinished()) {
    recovered.push(record.id)
    if (meta.callbackTokenHash) callbacks?.bind(meta.callbackTokenHash, record.id)
    if (record.state === 'created') {
      runtime.ops.set(record.id, {
        id: record.id,
        key: record.merchantId,
        terminalKey: terminalKeyOf(record.merchantId, record.terminalSerial),
        watching: false,
        finalWaiters: [],
        resultGone: false,
        lastProgressAt: 0,
      })
      // Deferred one turn so that onFinal listeners registered right after start see it too.
      setImmediate(() => {
        if (!runtime.ops.has(record.id)) return
        runtime.transition(
          record.id,
          'failed',
          { lastError: msg('not_sent') },
          { evidence: msg('evidence_unsent_after_restart') },
        )
      })
      continue
    }
    if (record.state === 'sent') {
      // The request may have left just before the stop: the 90 s count restarts from now.
      runtime.transition(
        record.id,
        'unknown',
        {},
        {
          meta: { postEndedAt: settings.clock.now() },
          evidence: msg('evidence_stopped_before_answer'),
        },
      )
    } else {
      runtime.save(record.id, {}, { evidence: msg('evidence_resumed') })
    }
    follow(record.id)
  }
  // Late or repeated callbacks for recently finished operations still get their 200.
  if (callbacks) {
    const since = settings.clock.now() - 3 * 24 * 3600_000
    for (const { record, meta } of journal
      .search({ from: since, limit: 500 })
      .items.flatMap((r) => journal.get(r.id) ?? [])) {
      if (meta.callbackTokenHash && isFinal(record.state)) {
        callbacks.bind(meta.callbackTokenHash, record.id)
      }
    }
  }

  return {
    recovered,
    problems: journal.problems,
    callbackUrl: callbacks?.url,
    start: (request) => startOperation(runtime, request, follow),
    cancel: (merchantId, serial) => cancelOperation(runtime, merchantId, serial),
    get(id) {
      const stored = journal.get(id)
      if (!stored) {
        throw new AppError(msg('payment_not_found'))
      }
      return stored.record
    },
    active: () =>
      [...runtime.ops.keys()].flatMap((id) => {
        const stored = journal.get(id)
        return stored && !isFinal(stored.record.state) ? [runtime.event(stored.record)] : []
      }),
    search: (query) => journal.search(query),
    async resolve(id) {
      const stored = journal.get(id)
      if (!stored) {
        throw new AppError(msg('payment_not_found'))
      }
      if (isFinal(stored.record.state)) return stored.record
      const op = follow(id)
      op.wake?.()
      return journal.get(id)!.record
    },
    waitForFinal(id) {
      const stored = journal.get(id)
      const op = runtime.ops.get(id)
      if (!stored) return Promise.reject(new AppError(msg('payment_not_found')))
      if (isFinal(stored.record.state) || !op) return Promise.resolve(stored.record)
      return new Promise((resolve) => op.finalWaiters.push(resolve))
    },
    onFinal(listener) {
      runtime.finalListeners.add(listener)
      return () => runtime.finalListeners.delete(listener)
    },
    compact(force = false) {
      if (force || journal.shouldCompact()) journal.compact()
    },
    async dispose() {
      disposed = true
      budget.close()
      for (const op of runtime.ops.values()) op.wake?.()
      runtime.ops.clear()
      await callbacks?.close()
      journal.close()
    },
  }
}
