import { causeOf, msg } from '@shared/messages'
import type { HandpointClient } from '../handpoint/types'
import { asHandpointFailure } from './operation-input'
import { askChain, originalOf } from './linked-resolver'
import { isFinal } from './states'
import type { Gate } from './rate-budget'
import { nextPollDelay } from './poll-schedule'
import type { Op, Runtime } from './runtime'

type Step = { delayMs: number }

/**
 * Follows one operation until it is final. One loop per operation, and each loop awaits its
 * request before planning the next, so requests for an operation never overlap; every request
 * first waits for the key's shared budget. Never re-POSTs: an unknown outcome is resolved by
 * asking transaction-result (when we have its id) or the status host by reference, where
 * UNDEFINED more than 90 s after the POST proves nothing was charged.
 */
export async function watch(rt: Runtime, op: Op): Promise<void> {
  if (op.watching) return
  op.watching = true
  // "Still waiting" is news for the screen even when nothing else changed.
  const { record: first } = rt.stored(op.id)
  const slowIn = first.createdAt + rt.settings.slowAfterMs - rt.settings.clock.now()
  const slowTimer = rt.settings.clock.setTimeout(
    () => {
      const { record } = rt.stored(op.id)
      if (!isFinal(record.state) && rt.ops.has(op.id)) rt.emit(rt.event(record))
    },
    Math.max(0, slowIn),
  )
  let attempt = 0
  let errors = 0
  let delayMs = firstDelay(rt, op)
  try {
    while (!isFinal(rt.stored(op.id).record.state)) {
      await rt.sleep(op, delayMs)
      if (!rt.ops.has(op.id) || isFinal(rt.stored(op.id).record.state)) return
      const plan = choose(rt, op)
      if (typeof plan === 'number') {
        delayMs = plan
        continue
      }
      if (plan === 'give-up') {
        giveUp(rt, op)
        return
      }
      try {
        const client = await clientOf(rt, op)
        if (!rt.ops.has(op.id)) return
        const gate: Gate = (request) => rt.budget.send(op.key, op.id, request)
        const step =
          plan === 'result'
            ? await pollResult(rt, op, client, gate, attempt)
            : plan === 'chain'
              ? {
                  delayMs: await askChain(
                    rt,
                    op,
                    client,
                    gate,
                    originalOf(rt, rt.stored(op.id).record)!,
                  ),
                }
              : await askStatus(rt, op, client, gate)
        errors = 0
        attempt += 1
        delayMs = step.delayMs
      } catch (err) {
        if (!rt.ops.has(op.id)) return
        const failure = asHandpointFailure(err)
        if (failure?.kind === 'rate-limited') {
          // The whole key waits; each operation then comes back at its own jittered moment.
          const waitMs = failure.retryAfterMs ?? 1000
          rt.budget.pause(op.key, waitMs)
          delayMs = rt.jitter(waitMs)
          continue
        }
        errors += 1
        delayMs = rt.jitter(Math.min(rt.settings.maxBackoffMs, 1000 * 2 ** (errors - 1)))
        if (errors === 1 || errors % 10 === 0) {
          const cause = causeOf(failure?.kind)
          rt.save(op.id, {}, { evidence: msg('evidence_unreachable', { cause }) })
        }
      }
    }
  } finally {
    slowTimer.cancel()
    op.watching = false
  }
}

function firstDelay(rt: Runtime, op: Op): number {
  const { record } = rt.stored(op.id)
  if (record.state === 'unknown' || record.state === 'resolving') return 0
  return nextPollDelay(rt, op, 0)
}

/** What to ask next; a number means: nothing to ask yet, wait that long (callback mode). */
function choose(rt: Runtime, op: Op): 'result' | 'status' | 'chain' | 'give-up' | number {
  const { record, meta } = rt.stored(op.id)
  const now = rt.settings.clock.now()
  const silentFor = now - op.lastProgressAt
  if (record.flow === 'poll' && record.transactionResultId && !op.resultGone) {
    // A terminal that dropped off never posts its result; the gateway still knows the outcome.
    const askGateway =
      meta.referenceSent &&
      silentFor >= rt.settings.statusFallbackAfterMs &&
      rt.settings.random() < 0.5
    return askGateway ? 'status' : 'result'
  }
  if (!meta.referenceSent) return originalOf(rt, record) ? 'chain' : 'give-up'
  if (
    record.flow === 'callback' &&
    (record.state === 'accepted' || record.state === 'in-progress')
  ) {
    const since = now - (meta.sentAt ?? record.createdAt)
    if (since < rt.settings.callbackGraceMs) return rt.settings.callbackGraceMs - since
  }
  return 'status'
}

async function clientOf(rt: Runtime, op: Op): Promise<HandpointClient> {
  op.client ??= await rt.directory.clientFor(rt.stored(op.id).record.merchantId)
  return op.client
}

async function pollResult(
  rt: Runtime,
  op: Op,
  client: HandpointClient,
  gate: Gate,
  attempt: number,
): Promise<Step> {
  const resultId = rt.stored(op.id).record.transactionResultId!
  const outcome = await gate(() => client.getTransactionResult(resultId))
  if (!rt.ops.has(op.id)) return { delayMs: 0 }
  const { record } = rt.stored(op.id)
  if (outcome.kind === 'in-progress') {
    if (record.state === 'accepted' || record.state === 'unknown' || record.state === 'resolving') {
      rt.transition(op.id, 'in-progress')
    }
    return { delayMs: nextPollDelay(rt, op, attempt + 1) }
  }
  if (outcome.kind === 'not-found') {
    op.resultGone = true
    rt.transition(op.id, 'resolving', {}, { evidence: msg('evidence_result_id_gone') })
    return { delayMs: 0 }
  }
  const applied = rt.applyResult(op.id, outcome.result, 'poll')
  if (applied === 'pending' || applied === 'rejected') {
    // The terminal itself could not learn the outcome (UNDEFINED): the gateway decides.
    op.resultGone = true
    rt.transition(op.id, 'unknown', {}, { evidence: msg('evidence_no_clear_outcome') })
    return { delayMs: 0 }
  }
  return { delayMs: 0 }
}

async function askStatus(rt: Runtime, op: Op, client: HandpointClient, gate: Gate): Promise<Step> {
  const { record, meta } = rt.stored(op.id)
  if (record.state === 'unknown') rt.transition(op.id, 'resolving')
  // The 90-second rule is judged at the moment the question leaves, never after the answer.
  let askedAt = rt.settings.clock.now()
  const result = await gate(() => {
    askedAt = rt.settings.clock.now()
    return client.getStatusByReference(record.transactionReference)
  })
  if (!rt.ops.has(op.id)) return { delayMs: 0 }
  const applied = rt.applyResult(op.id, result, 'status')
  if (applied !== 'pending' && applied !== 'rejected') return { delayMs: 0 }
  const sinceSent = askedAt - (meta.postEndedAt ?? meta.sentAt ?? record.createdAt)
  // While transaction-result still answers for this operation the terminal is known to be
  // working on it (a slow card, a MOTO form): the status host's UNDEFINED then proves nothing.
  const terminalAlive = record.flow === 'poll' && !!record.transactionResultId && !op.resultGone
  if (
    String(result.finStatus) === 'UNDEFINED' &&
    !terminalAlive &&
    sinceSent >= rt.settings.notChargedAfterMs
  ) {
    const seconds = Math.round(rt.settings.notChargedAfterMs / 1000)
    rt.transition(
      op.id,
      'failed',
      { lastError: msg('not_charged', { seconds }) },
      { evidence: msg('evidence_not_charged', { seconds }) },
    )
    return { delayMs: 0 }
  }
  const waitMs =
    String(result.finStatus) === 'UNDEFINED'
      ? Math.min(5000, Math.max(500, rt.settings.notChargedAfterMs - sinceSent))
      : 5000
  return { delayMs: rt.jitter(waitMs) }
}

/** A linked operation with no result id cannot be looked up by reference (§2.6). */
function giveUp(rt: Runtime, op: Op): void {
  const { record } = rt.stored(op.id)
  rt.save(
    op.id,
    { lastError: msg('needs_manual_check', { original: record.originalTransactionId ?? '' }) },
    { evidence: msg('evidence_manual_check') },
  )
  // The terminal is free again: repeating a linked operation cannot charge twice.
  rt.terminals.delete(op.terminalKey)
  rt.ops.delete(op.id)
  const current = rt.stored(op.id).record
  for (const waiter of op.finalWaiters.splice(0)) waiter(current)
}
