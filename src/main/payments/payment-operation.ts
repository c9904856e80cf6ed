import type {
  PaymentRecord,
  PaymentState,
  PaymentStatusEvent,
} from '@shared/contract/payments.contract'
import { msg, type Message } from '@shared/messages'
import { maskCardNumbers } from '@shared/text/mask-pan'
import type { HandpointClient, TransactionResult } from '../handpoint/types'
import type { MerchantDirectory } from './ports'
import type { Gate, RateBudget } from './rate-budget'
import { mergeMissing, toResultView } from './result-view'
import { jitter, type Settings } from './settings'
import { PHASES, canTransition, isFinal, stateForFinStatus } from './states'
import type {
  PaymentMeta,
  PaymentPatch,
  PaymentStore,
  StoredPayment,
  TransactionOptions,
} from './store/port'
import type { TerminalLocks } from './terminal-locks'
import { timing } from './timing'

export type ResultSource = 'poll' | 'callback' | 'status'
export type ResultOutcome = 'applied' | 'duplicate' | 'rejected' | 'pending'

/** What an operation works with; the tracker (./tracker.ts) provides it. */
export interface OperationContext {
  readonly store: PaymentStore
  readonly settings: Settings
  readonly locks: TerminalLocks
  readonly budget: RateBudget
  readonly directory: MerchantDirectory
  /** Tells subscribers (the window, the till link) about a change. */
  announce(event: PaymentStatusEvent): void
  /** Called once when an operation stops being followed: final, or left to the operator. */
  ended(op: PaymentOperation, record: PaymentRecord, final: boolean): void
  /** Operations of this API key being followed by polling (the poll schedule shares the budget). */
  pollersOn(key: string): number
  /** How this payment's commits meet the disk (see OperationTracker.commitOptions). */
  commitOptions(id: string): TransactionOptions
}

/** A message whose text parameters carry no card number. */
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

/** A record as the screen shows it: the phase follows from the state (it is not stored). */
export function withPhase(record: PaymentRecord): PaymentRecord {
  const phase = isFinal(record.state) ? undefined : PHASES[record.state]
  if (record.phase === phase) return record
  const shown = { ...record }
  if (phase) shown.phase = phase
  else delete shown.phase
  return shown
}

/**
 * One payment being followed, and the only way its state changes: every change is checked
 * against the lifecycle (./states.ts), stored (committed and fsync'd) and only then announced.
 * Created by the tracker's `track()` (for a start, a recovery and a "check again" alike); holds
 * its terminal from creation until it ends.
 */
export class PaymentOperation {
  readonly id: string
  readonly merchantId: string
  readonly serial: string
  client?: HandpointClient
  /** transaction-result cannot tell any more (404, or UNDEFINED): only the status host can. */
  resultGone = false
  /** When the state last moved (the status fallback counts silence from here). */
  lastProgressAt: number
  /** A watch loop runs for it (./watcher.ts). */
  watching = false
  /** Budget key (one API key per merchant) and owner: every request of this operation. */
  readonly gate: Gate
  private current: StoredPayment
  private wakeUp?: () => void
  private readonly waiters: ((record: PaymentRecord) => void)[] = []
  private ended = false
  /** Its end is on disk (waiters told), or it was abandoned. */
  private endedOnDisk = false
  /** The record as its last change on disk left it: what readers outside the engine are shown. */
  private shownRecord: PaymentRecord
  /** Repeated or stray replies seen, counted here: a reply repeated 10,000 times writes nothing. */
  private readonly notedReplies = new Set<string>()
  repeatedReplies = 0

  constructor(
    private readonly ctx: OperationContext,
    stored: StoredPayment,
    client?: HandpointClient,
  ) {
    this.current = stored
    this.shownRecord = withPhase(stored.record)
    this.id = stored.record.id
    this.merchantId = stored.record.merchantId
    this.serial = stored.record.terminalSerial
    this.client = client
    this.lastProgressAt = ctx.settings.clock.now()
    this.gate = (request) => ctx.budget.send(this.merchantId, this.id, request)
    ctx.locks.acquire(this.merchantId, this.serial, this.id, true)
  }

  get settings(): Settings {
    return this.ctx.settings
  }

  get record(): PaymentRecord {
    return withPhase(this.current.record)
  }

  /**
   * The record as its last change on disk left it. A change committed but not yet on disk (a
   * commit whose fsync runs off the thread) is shown from the moment it is.
   */
  get shown(): PaymentRecord {
    return this.shownRecord
  }

  get meta(): PaymentMeta {
    return this.current.meta
  }

  /** False once final or left to the operator: nothing more may be sent for it. */
  get live(): boolean {
    return !this.ended
  }

  /**
   * Stores one change, then announces it unless `quiet`. While other payments are followed the
   * commit does not wait for the disk on the app's thread; either way the event, the terminal
   * freed and whoever waits for the outcome are told once the change is on disk (`afterCommit`),
   * and nothing else here acts on it before then.
   */
  save(
    patch: PaymentPatch,
    options: { meta?: Partial<PaymentMeta>; evidence?: Message; quiet?: boolean } = {},
  ): PaymentRecord {
    const at = this.ctx.settings.clock.now()
    // Evidence and errors may quote Handpoint or the network in a parameter: no card number
    // is ever stored (the history is kept for years).
    const evidence = options.evidence ? { at, ...withoutCardNumbers(options.evidence) } : undefined
    if (patch.lastError) patch = { ...patch, lastError: withoutCardNumbers(patch.lastError) }
    const { store } = this.ctx
    const committing = timing.now()
    const before = this.current
    const change = { at, patch, meta: options.meta, evidence }
    this.current = store.transaction(
      () => store.change(this.id, change),
      this.ctx.commitOptions(this.id),
    )
    timing.mark(this.id, 'commit', committing)
    // Inside a group commit (./group-writer.ts) the change is on disk only when the group is:
    // the event waits for it, and a rollback puts this operation back as it was.
    store.onRollback(() => {
      this.current = before
    })
    const written = timing.now()
    const record = this.record
    store.afterCommit(() => {
      this.shownRecord = record
      if (written) timing.mark(this.id, 'durable', written)
    })
    if (!options.quiet) {
      const event = this.event()
      store.afterCommit(() => {
        const announcing = timing.now()
        this.ctx.announce(event)
        timing.mark(this.id, 'announce', announcing)
      })
    }
    return this.record
  }

  /** A checked state change; false (and nothing changed) when the lifecycle has no such edge. */
  transition(
    to: PaymentState,
    patch: PaymentPatch = {},
    options: { meta?: Partial<PaymentMeta>; evidence?: Message } = {},
  ): boolean {
    const from = this.current.record.state
    if (from === to) {
      if (Object.keys(patch).length > 0 || options.evidence) this.save(patch, options)
      return true
    }
    if (!canTransition(from, to)) return false
    const now = this.ctx.settings.clock.now()
    const record = this.save(
      { ...patch, state: to, ...(isFinal(to) ? { finalAt: now } : {}) },
      options,
    )
    if (isFinal(to)) this.end(record, true)
    else this.lastProgressAt = now
    return true
  }

  /**
   * Applies a result from a poll, a callback or the status host. The first final result wins;
   * repeats are counted, not stored (one of them may still add fields the first lacked, such as
   * receipts); a result naming another payment or terminal is never applied.
   */
  applyResult(result: TransactionResult, source: ResultSource): ResultOutcome {
    const { record, meta } = this.current
    const reference =
      typeof result.transactionReference === 'string' ? result.transactionReference : ''
    const serial = result.deviceStatus?.serialNumber
    if (
      (meta.referenceSent && reference !== '' && reference !== record.transactionReference) ||
      (typeof serial === 'string' && serial !== '' && serial !== record.terminalSerial)
    ) {
      // A callback for another payment (a token used twice, a forged body) is refused without a
      // write; our own poll or status answer naming another payment is noted once.
      if (source === 'callback') this.repeatedReplies += 1
      else this.noteOnce('other', msg('evidence_other_payment_reply'))
      return 'rejected'
    }
    const state = stateForFinStatus(String(result.finStatus))
    const view = toResultView(result)
    if (isFinal(record.state)) {
      this.repeatedReplies += 1
      const merged = record.result ? mergeMissing(record.result, view) : view
      if (merged && state === record.state) this.save({ result: merged }, { quiet: false })
      else if (state !== undefined && state !== record.state) {
        const finStatus = String(result.finStatus).slice(0, 32)
        this.noteOnce(`later:${finStatus}`, msg('evidence_later_reply', { finStatus }))
      }
      return 'duplicate'
    }
    if (state === undefined) return 'pending'
    this.ctx.settings.onResult?.(record, result)
    this.ctx.settings.crashPoint('after-result-before-record')
    const finStatus = String(result.finStatus)
    const what =
      source === 'status'
        ? msg('evidence_result_by_status', { finStatus })
        : source === 'poll'
          ? msg('evidence_result_by_poll', { finStatus })
          : msg('evidence_result_by_callback', { finStatus })
    this.transition(state, { result: view }, { evidence: what })
    return 'applied'
  }

  /**
   * Automatic checking stops without a final state (a linked operation Handpoint cannot be asked
   * about): the reason is stored, the terminal is free again, and whoever waits gets the record
   * as it stands. A later callback may still finish it.
   */
  leaveToOperator(lastError: Message, evidence: Message): void {
    const record = this.save({ lastError }, { evidence })
    this.end(record, false)
  }

  /** Stops following it without a change (a callback looked at it and it stays as it was). */
  standDown(): void {
    this.end(this.record, false)
  }

  /** What subscribers are told about this operation now (or about `record`, one of its states). */
  event(record: PaymentRecord = this.record): PaymentStatusEvent {
    const elapsedMs = (record.finalAt ?? this.ctx.settings.clock.now()) - record.createdAt
    return {
      record,
      elapsedMs,
      cancelAllowed:
        (record.state === 'accepted' || record.state === 'in-progress') && !record.cancelRequested,
      slow: !isFinal(record.state) && elapsedMs >= this.ctx.settings.slowAfterMs,
    }
  }

  /** Resolves when the operation is final or left to the operator. */
  waitForFinal(): Promise<PaymentRecord> {
    if (this.endedOnDisk) return Promise.resolve(this.shownRecord)
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  /** Waits `ms` on the engine clock, or less when something wakes the operation. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.ctx.settings.clock.setTimeout(() => done(), Math.max(0, ms))
      const done = (): void => {
        timer.cancel()
        this.wakeUp = undefined
        resolve()
      }
      this.wakeUp = done
    })
  }

  /** Ends a wait now (a callback arrived, a cancel was sent, "check again", shutdown). */
  wake(): void {
    this.wakeUp?.()
  }

  jitter(base: number): number {
    return jitter(this.ctx.settings, base)
  }

  async clientFor(): Promise<HandpointClient> {
    this.client ??= await this.ctx.directory.clientFor(this.merchantId)
    return this.client
  }

  /** The engine is shutting down: stop waiting, keep the terminal (nothing more is sent). */
  abandon(): void {
    this.ended = true
    this.endedOnDisk = true
    this.wake()
  }

  /** Stores a note about a stray or conflicting reply once per kind, never once per reply. */
  private noteOnce(kind: string, evidence: Message): void {
    this.repeatedReplies += 1
    if (this.notedReplies.has(kind)) return
    this.notedReplies.add(kind)
    this.ctx.store.onRollback(() => this.notedReplies.delete(kind))
    this.save({}, { evidence, quiet: true })
  }

  /**
   * Stops following it: nothing more is sent from now on; the terminal is freed and whoever
   * waits is told once the change that ended it is on disk (at once, outside a group commit).
   */
  private end(record: PaymentRecord, final: boolean): void {
    if (this.ended) return
    this.ended = true
    const { store } = this.ctx
    store.onRollback(() => {
      this.ended = false
    })
    store.afterCommit(() => {
      this.endedOnDisk = true
      this.ctx.locks.release(this.merchantId, this.serial, this.id)
      this.wake()
      for (const waiter of this.waiters.splice(0)) waiter(record)
      this.ctx.ended(this, record, final)
    })
  }
}
