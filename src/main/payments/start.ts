import { randomUUID } from 'node:crypto'
import { AppError } from '@shared/contract/result'
import type { PaymentRecord, StartPaymentRequest } from '@shared/contract/payments.contract'
import { causeOf, msg } from '@shared/messages'
import type { Accepted, HandpointClient } from '../handpoint/types'
import {
  asHandpointFailure,
  buildTransactionInput,
  isLinked,
  prepareAmount,
  refusal,
} from './operation-input'
import { BudgetClosedError } from './rate-budget'
import { terminalKeyOf, type Op, type Runtime } from './runtime'
import { PHASES } from './states'

/** Retries of a POST that Handpoint refused with 429 (refused = not processed, so safe). */
const MAX_RATE_LIMITED_POSTS = 3

/**
 * Starts one operation: validate, take the terminal, journal it as `sent` (fsync'd) BEFORE
 * the POST, send it once, record the answer. An ambiguous failure leaves the
 * operation `unknown` for the watcher to resolve; it is never re-POSTed.
 */
export async function startOperation(
  rt: Runtime,
  request: StartPaymentRequest,
  follow: (id: string) => Op,
): Promise<PaymentRecord> {
  const { merchantId, terminalSerial } = request
  const device = await rt.directory.terminalOf(merchantId, terminalSerial)
  if (!device) {
    throw new AppError(msg('terminal_not_found', { serial: terminalSerial }))
  }
  // A request that names no flow follows the merchant's "how results arrive" setting.
  const flow = request.flow ?? (await rt.directory.defaultFlow?.(merchantId)) ?? 'poll'
  if (flow === 'callback' && !rt.callbacks) {
    throw new AppError(msg('callback_disabled'))
  }
  const money = prepareAmount(request, await rt.directory.defaultCurrency(merchantId))
  const client = await rt.directory.clientFor(merchantId)
  // No await between this check and taking the terminal: two starts cannot both pass it.
  const terminalKey = terminalKeyOf(merchantId, terminalSerial)
  const busyWith = rt.terminals.get(terminalKey)
  if (busyWith) {
    throw new AppError(msg('terminal_in_use', { serial: terminalSerial }), {
      paymentId: busyWith,
    })
  }
  const id = randomUUID()
  rt.terminals.set(terminalKey, id)
  try {
    return await send(
      rt,
      { ...request, flow },
      { id, client, terminalType: device.terminalType, ...money },
      follow,
    )
  } finally {
    if (!rt.ops.has(id) && rt.terminals.get(terminalKey) === id) rt.terminals.delete(terminalKey)
  }
}

async function send(
  rt: Runtime,
  request: StartPaymentRequest,
  prepared: {
    id: string
    client: HandpointClient
    terminalType: string
    amountMinor?: string
    currency?: string
  },
  follow: (id: string) => Op,
): Promise<PaymentRecord> {
  const { id, client } = prepared
  const now = rt.settings.clock.now()
  const flow = request.flow ?? 'poll'
  const referenceSent = !isLinked(request.operation, request.originalTransactionId)
  const record: PaymentRecord = {
    id,
    merchantId: request.merchantId,
    terminalSerial: request.terminalSerial,
    terminalType: prepared.terminalType,
    operation: request.operation,
    transactionReference: randomUUID(),
    flow,
    // Written as `sent` straight away (one fsync, not `created` then `sent`): the request may
    // leave any moment after this write, so recovery must never take it for unsent. A crash
    // before the request left is resolved by the 90-second rule, never by sending again.
    state: 'sent',
    phase: PHASES.sent,
    createdAt: now,
    updatedAt: now,
    evidence: [{ at: now, ...msg('evidence_saved_sending', { serial: request.terminalSerial }) }],
  }
  if (prepared.amountMinor) record.amountMinor = prepared.amountMinor
  if (prepared.currency) record.currency = prepared.currency
  if (request.originalTransactionId) record.originalTransactionId = request.originalTransactionId
  if (request.customerReference) record.customerReference = request.customerReference

  rt.settings.crashPoint('before-journal')
  const token = flow === 'callback' ? rt.callbacks!.issueToken() : undefined
  rt.journal.write(record, { referenceSent, callbackTokenHash: token?.hash, sentAt: now })
  const op: Op = {
    id,
    key: request.merchantId,
    terminalKey: terminalKeyOf(request.merchantId, request.terminalSerial),
    client,
    watching: false,
    finalWaiters: [],
    resultGone: false,
    lastProgressAt: now,
  }
  rt.ops.set(id, op)
  if (token) rt.callbacks!.bind(token.hash, id)
  rt.emit(rt.event(rt.stored(id).record))
  const callback = token && rt.callbacks ? { url: rt.callbacks.url, token: token.token } : undefined

  let accepted: Accepted | undefined
  for (let attempt = 1; !accepted; attempt += 1) {
    try {
      // Journalled before asking the budget: the budget sends the moment it grants, so no disk
      // write can stand between its decision and the request leaving.
      const input = buildTransactionInput(
        rt.stored(id).record,
        { referenceSent, receipt: request.receipt, tipPercentages: request.tipPercentages },
        callback,
      )
      rt.settings.crashPoint('after-journal-before-post')
      accepted = await rt.budget.send(op.key, id, () => client.startTransaction(input))
    } catch (err) {
      // The engine is shutting down and the request never left: the journal keeps it `sent`
      // and the next start resolves it by asking Handpoint.
      if (err instanceof BudgetClosedError) throw err
      const ended = { postEndedAt: rt.settings.clock.now() }
      const failure = asHandpointFailure(err)
      if (
        failure?.kind === 'rate-limited' &&
        !failure.ambiguous &&
        attempt < MAX_RATE_LIMITED_POSTS
      ) {
        rt.budget.pause(op.key, failure.retryAfterMs ?? 1000)
        continue
      }
      const cause = causeOf(failure?.kind)
      if (!failure || failure.ambiguous) {
        rt.transition(
          id,
          'unknown',
          { lastError: msg('no_clear_answer', { cause }) },
          { meta: ended, evidence: msg('evidence_no_clear_answer', { cause }) },
        )
        follow(id)
        return rt.stored(id).record
      }
      const refused = refusal(failure, request.terminalSerial)
      rt.transition(
        id,
        'failed',
        { lastError: refused },
        { meta: ended, evidence: msg('evidence_refused', { cause }) },
      )
      throw new AppError(refused, { paymentId: id })
    }
  }
  rt.settings.crashPoint('after-post-before-202')
  const ended = { postEndedAt: rt.settings.clock.now() }
  if (rt.stored(id).record.state === 'sent') {
    const patch: Partial<PaymentRecord> = {}
    if (accepted.transactionResultId) patch.transactionResultId = accepted.transactionResultId
    rt.transition(id, 'accepted', patch, {
      meta: ended,
      evidence: msg('evidence_accepted'),
    })
  } else rt.save(id, {}, { meta: ended, quiet: true })
  follow(id)
  return rt.stored(id).record
}
