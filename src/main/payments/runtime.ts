import type {
  PaymentRecord,
  PaymentState,
  PaymentStatusEvent,
} from '@shared/contract/payments.contract'
import { msg, type Message } from '@shared/messages'
import { maskCardNumbers } from '@shared/text/mask-pan'
import type { HandpointClient, TransactionResult } from '../handpoint/types'
import type { CallbackServer } from './callback-server'
import type { Journal } from './journal'
import type { PaymentMeta, StoredPayment } from './journal-schema'
import type { Clock, MerchantDirectory } from './ports'
import type { RateBudget } from './rate-budget'
import { mergeMissing, toResultView } from './result-view'
import { PHASES, canTransition, isFinal, stateForFinStatus } from './states'

export type CrashPoint =
  | 'before-journal'
  | 'after-journal-before-post'
  | 'after-post-before-202'
  | 'after-result-before-record'
  | 'mid-compaction'

export interface Settings {
  clock: Clock
  random: () => number
  /** UNDEFINED at the status host after this long since the POST = provably not charged. */
  notChargedAfterMs: number
  slowAfterMs: number
  /**
   * A fixed poll schedule (repeating the last step) instead of the adaptive one; benchmarks use
   * it to compare with a bare client on the same schedule.
   */
  pollDelaysMs?: number[]
  /** The adaptive schedule never polls one operation more often than this. */
  minPollMs: number
  /** In poll mode, also ask the status host once the terminal was silent this long. */
  statusFallbackAfterMs: number
  /** In callback mode, start asking the status host when no callback came this long. */
  callbackGraceMs: number
  maxBackoffMs: number
  crashPoint: (name: CrashPoint) => void
}

/** What the engine keeps in memory for an operation it is still watching. */
export interface Op {
  id: string
  /** Budget key: one API key per merchant. */
  key: string
  terminalKey: string
  client?: HandpointClient
  watching: boolean
  wake?: () => void
  finalWaiters: ((record: PaymentRecord) => void)[]
  /** transaction-result answered 404: only the status host can tell from now on. */
  resultGone: boolean
  lastProgressAt: number
}

const MAX_EVIDENCE = 60
export const terminalKeyOf = (merchantId: string, serial: string): string =>
  `${merchantId}\u0000${serial}`

/**
 * Shared state of the engine: the journal, the operations being watched, the per-terminal lock
 * and the one place where states change (`transition`), so every change is guarded, journalled
 * (fsync'd) and announced in the same order.
 */
export class Runtime {
  readonly ops = new Map<string, Op>()
  readonly terminals = new Map<string, string>()
  readonly finalListeners = new Set<(record: PaymentRecord) => void>()

  constructor(
    readonly journal: Journal,
    readonly settings: Settings,
    readonly directory: MerchantDirectory,
    readonly budget: RateBudget,
    readonly emit: (event: PaymentStatusEvent) => void,
    readonly callbacks?: CallbackServer,
  ) {}

  stored(id: string): StoredPayment {
    const s = this.journal.get(id)
    if (!s) throw new Error(`No journal entry ${id}`)
    return s
  }

  /** Writes a new version of the record (fsync'd), then announces it. */
  save(
    id: string,
    patch: Partial<PaymentRecord>,
    options: { meta?: Partial<PaymentMeta>; evidence?: Message; quiet?: boolean } = {},
  ): PaymentRecord {
    const current = this.stored(id)
    const now = this.settings.clock.now()
    // Evidence and errors may quote Handpoint or the network in a parameter: no card number.
    const evidence = options.evidence
      ? [...current.record.evidence, { at: now, ...withoutCardNumbers(options.evidence) }].slice(
          -MAX_EVIDENCE,
        )
      : current.record.evidence
    if (patch.lastError) patch = { ...patch, lastError: withoutCardNumbers(patch.lastError) }
    const record: PaymentRecord = { ...current.record, ...patch, evidence, updatedAt: now }
    const saved = this.journal.write(record, { ...current.meta, ...options.meta })
    if (!options.quiet) this.emit(this.event(saved.record))
    return saved.record
  }

  /** Guarded state change; returns false (and changes nothing) when the edge does not exist. */
  transition(
    id: string,
    to: PaymentState,
    patch: Partial<PaymentRecord> = {},
    options: { meta?: Partial<PaymentMeta>; evidence?: Message } = {},
  ): boolean {
    const from = this.stored(id).record.state
    if (from === to) {
      if (Object.keys(patch).length > 0 || options.evidence) this.save(id, patch, options)
      return true
    }
    if (!canTransition(from, to)) return false
    const now = this.settings.clock.now()
    const finalPatch = isFinal(to) ? { finalAt: now, phase: undefined } : { phase: PHASES[to] }
    const record = this.save(id, { ...patch, ...finalPatch, state: to }, options)
    if (isFinal(to)) this.finished(record)
    else {
      const op = this.ops.get(id)
      if (op) op.lastProgressAt = now
    }
    return true
  }

  event(record: PaymentRecord): PaymentStatusEvent {
    const elapsedMs = (record.finalAt ?? this.settings.clock.now()) - record.createdAt
    return {
      record,
      elapsedMs,
      cancelAllowed:
        (record.state === 'accepted' || record.state === 'in-progress') && !record.cancelRequested,
      slow: !isFinal(record.state) && elapsedMs >= this.settings.slowAfterMs,
    }
  }

  /**
   * Applies a result from a poll, a callback or the status host. Whatever arrives first wins;
   * later copies are recognised as duplicates (and may only fill in missing fields such as
   * receipts); a result that names another reference or terminal is never applied.
   */
  applyResult(
    id: string,
    result: TransactionResult,
    source: 'poll' | 'callback' | 'status',
  ): 'applied' | 'duplicate' | 'rejected' | 'pending' {
    const { record, meta } = this.stored(id)
    const ref = typeof result.transactionReference === 'string' ? result.transactionReference : ''
    const serial = result.deviceStatus?.serialNumber
    if (
      (meta.referenceSent && ref !== '' && ref !== record.transactionReference) ||
      (typeof serial === 'string' && serial !== '' && serial !== record.terminalSerial)
    ) {
      this.save(id, {}, { evidence: msg('evidence_other_payment_reply') })
      return 'rejected'
    }
    const state = stateForFinStatus(String(result.finStatus))
    const view = toResultView(result)
    if (isFinal(record.state)) {
      const merged = record.result ? mergeMissing(record.result, view) : view
      const note =
        state === undefined || state === record.state
          ? msg('evidence_repeated_reply')
          : msg('evidence_later_reply', { finStatus: String(result.finStatus).slice(0, 32) })
      this.save(id, merged && state === record.state ? { result: merged } : {}, {
        evidence: note,
        meta: { duplicates: (meta.duplicates ?? 0) + 1 },
        quiet: !merged,
      })
      return 'duplicate'
    }
    if (state === undefined) return 'pending'
    this.settings.crashPoint('after-result-before-record')
    const finStatus = String(result.finStatus)
    const what =
      source === 'status'
        ? msg('evidence_result_by_status', { finStatus })
        : source === 'poll'
          ? msg('evidence_result_by_poll', { finStatus })
          : msg('evidence_result_by_callback', { finStatus })
    this.transition(id, state, { result: view }, { evidence: what })
    return 'applied'
  }

  /** Final: free the terminal, wake waiters, tell listeners exactly once. */
  private finished(record: PaymentRecord): void {
    const op = this.ops.get(record.id)
    if (this.terminals.get(terminalKeyOf(record.merchantId, record.terminalSerial)) === record.id) {
      this.terminals.delete(terminalKeyOf(record.merchantId, record.terminalSerial))
    }
    if (op) {
      this.ops.delete(record.id)
      op.wake?.()
      for (const waiter of op.finalWaiters.splice(0)) waiter(record)
    }
    // Guarded transitions reach a final state once, so listeners hear of it once, even for an
    // operation no longer watched (a late callback for a linked operation left to the operator).
    for (const listener of this.finalListeners) {
      try {
        listener(record)
      } catch {
        // A listener's failure (receipts) must not undo or repeat a final payment.
      }
    }
  }

  /** Waits `ms` on the engine clock, or less if something wakes the operation. */
  sleep(op: Op, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.settings.clock.setTimeout(() => done(), Math.max(0, ms))
      const done = (): void => {
        timer.cancel()
        op.wake = undefined
        resolve()
      }
      op.wake = done
    })
  }

  /** `base` jittered to 50-100 % (never 0), as Stripe's clients do. */
  jitter(base: number): number {
    return Math.max(1, Math.round(base * (0.5 + this.settings.random() * 0.5)))
  }
}

/** A message whose text parameters carry no card number (evidence is kept for years). */
function withoutCardNumbers(message: Message): Message {
  if (!message.params) return message
  const params = Object.fromEntries(
    Object.entries(message.params).map(([k, v]) => [
      k,
      typeof v === 'string' ? maskCardNumbers(v) : v,
    ]),
  )
  return { ...message, params }
}
