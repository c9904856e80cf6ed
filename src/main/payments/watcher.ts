import { causeOf, msg } from '@shared/messages'
import type { HandpointClient } from '../handpoint/types'
import { askChain, originalOf } from './linked-resolver'
import { applyNotChargedRule } from './not-charged'
import { asHandpointFailure } from './operation-input'
import type { OperationContext, PaymentOperation } from './payment-operation'
import { nextPollDelay } from './poll-schedule'
import { isFinal } from './states'

/**
 * Follows one operation until it is final. One loop per operation, and each loop awaits its
 * request before planning the next, so requests for an operation never overlap; every request
 * first waits for the key's shared budget. Never re-POSTs: an unknown outcome is resolved by
 * asking transaction-result (when we have its id) or the status host by reference (see
 * ./not-charged.ts for when "nothing found" proves nothing was charged).
 */
export async function watch(op: PaymentOperation, ctx: OperationContext): Promise<void> {
  if (op.watching) return
  op.watching = true
  const settings = ctx.settings
  // "Still waiting" is news for the screen even when nothing else changed.
  const slowIn = op.record.createdAt + settings.slowAfterMs - settings.clock.now()
  const slowTimer = settings.clock.setTimeout(
    () => {
      if (op.live) ctx.announce(op.event(op.shown))
    },
    Math.max(0, slowIn),
  )
  const pollDelay = (attempt: number): number =>
    nextPollDelay(op, ctx.pollersOn(op.merchantId), ctx.budget.slotMs, attempt)
  let attempt = 0
  let errors = 0
  let delayMs = op.record.state === 'unknown' || op.record.state === 'resolving' ? 0 : pollDelay(0)
  try {
    while (op.live && !isFinal(op.record.state)) {
      await op.sleep(delayMs)
      if (!op.live || isFinal(op.record.state)) return
      const plan = choose(op, ctx)
      if (typeof plan === 'number') {
        delayMs = plan
        continue
      }
      if (plan === 'give-up') {
        op.leaveToOperator(
          msg('needs_manual_check', { original: op.record.originalTransactionId ?? '' }),
          msg('evidence_manual_check'),
        )
        return
      }
      try {
        const client = await op.clientFor()
        if (!op.live) return
        if (plan === 'result') delayMs = await pollResult(op, client, () => pollDelay(attempt + 1))
        else if (plan === 'chain') {
          delayMs = await askChain(op, ctx.store, client, originalOf(ctx.store, op.record)!)
        } else delayMs = await askStatus(op, client)
        errors = 0
        attempt += 1
      } catch (err) {
        if (!op.live) return
        const failure = asHandpointFailure(err)
        if (failure?.kind === 'rate-limited') {
          // The whole key waits; each operation then comes back at its own jittered moment.
          const waitMs = failure.retryAfterMs ?? 1000
          ctx.budget.pause(op.merchantId, waitMs)
          delayMs = op.jitter(waitMs)
          continue
        }
        errors += 1
        delayMs = op.jitter(Math.min(settings.maxBackoffMs, 1000 * 2 ** (errors - 1)))
        if (errors === 1 || errors % 10 === 0) {
          op.save({}, { evidence: msg('evidence_unreachable', { cause: causeOf(failure?.kind) }) })
        }
      }
    }
  } finally {
    slowTimer.cancel()
    op.watching = false
  }
}

/** What to ask next; a number means: nothing to ask yet, wait that long (callback mode). */
function choose(
  op: PaymentOperation,
  ctx: OperationContext,
): 'result' | 'status' | 'chain' | 'give-up' | number {
  const { record, meta } = op
  const settings = ctx.settings
  const now = settings.clock.now()
  if (record.flow === 'poll' && record.transactionResultId && !op.resultGone) {
    // A terminal that dropped off never posts its result; the gateway still knows the outcome.
    const askGateway =
      meta.referenceSent &&
      now - op.lastProgressAt >= settings.statusFallbackAfterMs &&
      settings.random() < 0.5
    return askGateway ? 'status' : 'result'
  }
  if (!meta.referenceSent) return originalOf(ctx.store, record) ? 'chain' : 'give-up'
  if (
    record.flow === 'callback' &&
    (record.state === 'accepted' || record.state === 'in-progress')
  ) {
    const since = now - (meta.sentAt ?? record.createdAt)
    if (since < settings.callbackGraceMs) return settings.callbackGraceMs - since
  }
  return 'status'
}

/** One transaction-result poll; returns the delay before the next question. */
async function pollResult(
  op: PaymentOperation,
  client: HandpointClient,
  nextDelay: () => number,
): Promise<number> {
  const resultId = op.record.transactionResultId!
  const outcome = await op.gate(() => client.getTransactionResult(resultId))
  if (!op.live) return 0
  if (outcome.kind === 'in-progress') {
    const state = op.record.state
    if (state === 'accepted' || state === 'unknown' || state === 'resolving') {
      op.transition('in-progress')
    }
    return nextDelay()
  }
  if (outcome.kind === 'not-found') {
    op.resultGone = true
    op.transition('resolving', {}, { evidence: msg('evidence_result_id_gone') })
    return 0
  }
  const applied = op.applyResult(outcome.result, 'poll')
  if (applied === 'pending' || applied === 'rejected') {
    // The terminal itself could not learn the outcome (UNDEFINED): the gateway decides.
    op.resultGone = true
    op.transition('unknown', {}, { evidence: msg('evidence_no_clear_outcome') })
  }
  return 0
}

/** One question to the status host by reference; returns the delay before the next one. */
async function askStatus(op: PaymentOperation, client: HandpointClient): Promise<number> {
  const { record } = op
  if (record.state === 'unknown') op.transition('resolving')
  let askedAt = op.settings.clock.now()
  const result = await op.gate(() => {
    askedAt = op.settings.clock.now()
    return client.getStatusByReference(record.transactionReference)
  })
  if (!op.live) return 0
  const applied = op.applyResult(result, 'status')
  if (applied !== 'pending' && applied !== 'rejected') return 0
  if (String(result.finStatus) !== 'UNDEFINED') return op.jitter(5000)
  // While transaction-result still answers for this operation the terminal is known to be
  // working on it (a slow card, a MOTO form): the status host's UNDEFINED then proves nothing.
  const terminalAlive = record.flow === 'poll' && !!record.transactionResultId && !op.resultGone
  const rule = applyNotChargedRule(op, askedAt, 'status', !terminalAlive)
  return rule === true ? 0 : op.jitter(rule.waitMs)
}
