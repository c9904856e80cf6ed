import { randomUUID } from 'node:crypto'
import { AppError } from '@shared/contract/result'
import type {
  PaymentOrigin,
  PaymentRecord,
  StartPaymentRequest,
} from '@shared/contract/payments.contract'
import { causeOf, msg } from '@shared/messages'
import type { Accepted } from '../handpoint/types'
import type { CallbackServer } from './callback-server'
import {
  asHandpointFailure,
  buildTransactionInput,
  isLinked,
  prepareAmount,
  refusal,
} from './operation-input'
import { withPhase, type PaymentOperation } from './payment-operation'
import { timing } from './timing'
import type { MoneyGuard } from './money/guard'
import type { MerchantDirectory } from './ports'
import { BudgetClosedError, type RateBudget } from './rate-budget'
import type { Settings } from './settings'
import type { IdempotencyKeyRow, PaymentStore } from './store/port'
import type { TerminalLocks } from './terminal-locks'
import type { OperationTracker } from './tracker'

/** Retries of a POST that Handpoint refused with 429 (refused = not processed, so safe). */
const MAX_RATE_LIMITED_POSTS = 3

export interface StartDeps {
  store: PaymentStore
  settings: Settings
  locks: TerminalLocks
  budget: RateBudget
  directory: MerchantDirectory
  tracker: OperationTracker
  callbacks?: CallbackServer
  /** The money rules every start passes (./money/guard.ts). */
  money: MoneyGuard
}

/** A till's idempotency key with what it says about the payment (see PaymentEngine.startOnce). */
export interface OnceOptions {
  scope: string
  key: string
  fingerprint: string
  origin?: PaymentOrigin
  tillReference?: string
}

export interface Started {
  record: PaymentRecord
  replayed: boolean
}

/**
 * Starts one operation: check it, take the terminal, save it as `sent` (committed and on disk,
 * with the idempotency key when a till gave one) BEFORE the POST, send it once, record the
 * answer. An ambiguous failure leaves it `unknown` for the watcher to resolve: never re-POSTed.
 * `saved` is called once the payment (and its key) is stored, or when the start ends without.
 */
export async function startOperation(
  deps: StartDeps,
  request: StartPaymentRequest,
  once?: OnceOptions,
  saved: () => void = () => {},
): Promise<Started> {
  const { merchantId, terminalSerial } = request
  const device = await deps.directory.terminalOf(merchantId, terminalSerial)
  if (!device) throw new AppError(msg('terminal_not_found', { serial: terminalSerial }))
  // A request that names no flow follows the merchant's "how results arrive" setting.
  const flow = request.flow ?? (await deps.directory.defaultFlow?.(merchantId)) ?? 'poll'
  if (flow === 'callback' && !deps.callbacks) throw new AppError(msg('callback_disabled'))
  const money = prepareAmount(request, await deps.directory.defaultCurrency(merchantId))
  // What is left of an original, and the manager above the ceiling: refused before anything else.
  await deps.money.approve({ ...request, ...money })
  const client = await deps.directory.clientFor(merchantId)
  // No await between here and the save below: two starts cannot both take the terminal.
  const id = randomUUID()
  const busyWith = deps.locks.acquire(merchantId, terminalSerial, id)
  if (busyWith) {
    throw new AppError(msg('terminal_in_use', { serial: terminalSerial }), { paymentId: busyWith })
  }
  let op: PaymentOperation | undefined
  try {
    // Again, on what the store holds now: nothing can be saved between this and the insert below,
    // so two follow-ups of one original never pass on the same "what is left".
    deps.money.check({ ...request, ...money })
    const now = deps.settings.clock.now()
    const record: PaymentRecord = {
      id,
      merchantId,
      terminalSerial,
      terminalType: device.terminalType,
      operation: request.operation,
      transactionReference: randomUUID(),
      flow,
      // Saved as `sent` straight away: the request may leave any moment after this write, so
      // recovery must never take it for unsent. A crash before the request left is resolved
      // by the 90-second rule, never by sending again.
      state: 'sent',
      createdAt: now,
      updatedAt: now,
      evidence: [{ at: now, ...msg('evidence_saved_sending', { serial: terminalSerial }) }],
    }
    if (money.amountMinor) record.amountMinor = money.amountMinor
    if (money.currency) record.currency = money.currency
    if (request.originalTransactionId) record.originalTransactionId = request.originalTransactionId
    if (request.customerReference) record.customerReference = request.customerReference
    if (once?.origin) record.origin = once.origin
    if (once?.tillReference) record.tillReference = once.tillReference
    if (once) record.idempotencyKey = once.key
    const referenceSent = !isLinked(request.operation, request.originalTransactionId)

    deps.settings.crashPoint('before-save')
    const token = flow === 'callback' ? deps.callbacks!.issueToken() : undefined
    const committing = timing.now()
    // While other payments are followed, committed without waiting for the disk here: the
    // request waits for it below (`flushed`), and so does all else that acts on this save.
    const outcome = deps.store.transaction(
      () =>
        deps.store.insert(
          { record, meta: { referenceSent, callbackTokenHash: token?.hash, sentAt: now } },
          once && { scope: once.scope, key: once.key, fingerprint: once.fingerprint },
        ),
      deps.tracker.commitOptions(),
    )
    timing.mark(id, 'commit', committing)
    deps.store.afterCommit(saved)
    // Another process (the CLI beside the app) took this key first: its payment it is.
    if (!outcome.created) return replay(deps.store, outcome.existing, once!.fingerprint)
    op = deps.tracker.track(outcome.payment, { client, watch: false })
    if (token) deps.callbacks!.bind(token.hash, id)
    const event = op.event()
    deps.store.afterCommit(() => deps.tracker.announce(event))
    const durable = timing.now()
    await deps.store.flushed()
    timing.mark(id, 'durable', durable)
    const callback = token ? { url: deps.callbacks!.url, token: token.token } : undefined
    const input = buildTransactionInput(
      op.record,
      { referenceSent, receipt: request.receipt, tipPercentages: request.tipPercentages },
      callback,
    )
    await deps.settings.beforeSend?.(merchantId, terminalSerial)
    return { record: await send(deps, op, input), replayed: false }
  } finally {
    if (!op) deps.locks.release(merchantId, terminalSerial, id)
  }
}

/** Sends the saved request once (a 429 refusal excepted) and records Handpoint's answer. */
async function send(
  deps: StartDeps,
  op: PaymentOperation,
  input: ReturnType<typeof buildTransactionInput>,
): Promise<PaymentRecord> {
  const client = op.client!
  let accepted: Accepted | undefined
  for (let attempt = 1; !accepted; attempt += 1) {
    try {
      // Saved (and on disk) before asking the budget: the budget sends the moment it grants, so
      // no disk write can stand between its decision and the request leaving.
      deps.settings.crashPoint('after-save-before-post')
      accepted = await op.gate(() => client.startTransaction(input))
    } catch (err) {
      // The engine is shutting down and the request never left: the store keeps it `sent`
      // and the next start resolves it by asking Handpoint.
      if (err instanceof BudgetClosedError) throw err
      const ended = { postEndedAt: deps.settings.clock.now() }
      const failure = asHandpointFailure(err)
      if (
        failure?.kind === 'rate-limited' &&
        !failure.ambiguous &&
        attempt < MAX_RATE_LIMITED_POSTS
      ) {
        deps.budget.pause(op.merchantId, failure.retryAfterMs ?? 1000)
        continue
      }
      const cause = causeOf(failure?.kind)
      if (!failure || failure.ambiguous) {
        op.transition(
          'unknown',
          { lastError: msg('no_clear_answer', { cause }) },
          { meta: ended, evidence: msg('evidence_no_clear_answer', { cause }) },
        )
        deps.tracker.follow(op)
        return await settled(deps, op)
      }
      const refused = refusal(failure, op.serial)
      op.transition(
        'failed',
        { lastError: refused },
        { meta: ended, evidence: msg('evidence_refused', { cause }) },
      )
      await deps.store.flushed()
      throw new AppError(refused, { paymentId: op.id })
    }
  }
  deps.settings.crashPoint('after-post-before-202')
  const ended = { postEndedAt: deps.settings.clock.now() }
  if (op.record.state === 'sent') {
    const patch = accepted.transactionResultId
      ? { transactionResultId: accepted.transactionResultId }
      : {}
    op.transition('accepted', patch, { meta: ended, evidence: msg('evidence_accepted') })
  } else if (op.live) op.save({}, { meta: ended, quiet: true })
  if (op.live) deps.tracker.follow(op)
  return await settled(deps, op)
}

/** The record as the start left it, once that is on disk (and announced). */
async function settled(deps: StartDeps, op: PaymentOperation): Promise<PaymentRecord> {
  const record = op.record
  await deps.store.flushed()
  return record
}

/** The payment an idempotency key already stands for, when the request is the same. */
export function replay(
  store: PaymentStore,
  existing: IdempotencyKeyRow,
  fingerprint: string,
): Started {
  if (existing.fingerprint !== fingerprint) throw new AppError(msg('idempotency_key_reused'))
  const stored = store.get(existing.paymentId)
  if (!stored) throw new AppError(msg('payment_not_found'))
  return { record: withPhase(stored.record), replayed: true }
}

/**
 * At most one operation per (scope, key), ever. A repeat finds the key row (written with the
 * payment, before anything is sent) and answers with that payment; a repeat that arrives while
 * the first is still being checked waits until its key is written (or the first failed without
 * one), then looks again.
 */
export async function startOnce(
  deps: StartDeps,
  pending: Map<string, Promise<void>>,
  request: StartPaymentRequest,
  once: OnceOptions,
): Promise<Started> {
  const slot = `${once.scope}\u0000${once.key}`
  let waited: Promise<void> | undefined
  for (;;) {
    // A start of this key under way first: its key row may be committed but not yet on disk, and
    // it lets repeats look only once it is (or once the start ended without one).
    const first = pending.get(slot)
    if (first && first !== waited) {
      waited = first
      await first
      continue
    }
    const existing = deps.store.findIdempotencyKey(once.scope, once.key)
    if (existing) return replay(deps.store, existing, once.fingerprint)
    break
  }
  let saved!: () => void
  const written = new Promise<void>((resolve) => (saved = resolve))
  pending.set(slot, written)
  try {
    return await startOperation(deps, request, once, saved)
  } finally {
    saved()
    if (pending.get(slot) === written) pending.delete(slot)
  }
}
