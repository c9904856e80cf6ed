import type { OperationKind, PaymentRecord } from '@shared/contract/payments.contract'
import { msg } from '@shared/messages'
import type { HandpointClient, TransactionResult } from '../handpoint/types'
import { asHandpointFailure } from './operation-input'
import type { Op, Runtime } from './runtime'
import type { Gate } from './rate-budget'

/** Result `type`s a linked operation can show in its original's chain (docs/handpoint-api.md §4.3, §6). */
const TYPES: Partial<Record<OperationKind, readonly string[]>> = {
  refund: ['REFUND'],
  moToRefund: ['MOTO_REFUND', 'REFUND'],
  saleReversal: ['VOID_SALE', 'REVERSAL', 'CANCEL_SALE'],
  refundReversal: ['VOID_REFUND', 'REVERSAL', 'CANCEL_REFUND'],
  moToReversal: ['MOTO_REVERSAL', 'REVERSAL', 'VOID_SALE'],
  preAuthorizationIncrease: ['PRE_AUTHORIZATION_INCREASE'],
  preAuthorizationCapture: ['PRE_AUTHORIZATION_CAPTURE'],
  preAuthorizationReversal: ['PRE_AUTHORIZATION_REVERSAL', 'REVERSAL'],
}

/** The original of a linked operation, when this journal took it with its own reference. */
export function originalOf(rt: Runtime, record: PaymentRecord): PaymentRecord | undefined {
  const id = record.originalTransactionId
  if (!id) return undefined
  return rt.journal
    .findByReference(id)
    .find((s) => s.meta.referenceSent && s.record.result?.transactionId === id)?.record
}

/**
 * A linked operation carries no reference of its own (§2.6), so an unknown outcome is looked up
 * in the original's chain (`/status/all`): an entry of the right type, linked to our original,
 * and not already claimed by another operation of this journal. Absent 90 s after the request,
 * it was never processed. Returns the next delay.
 */
export async function askChain(
  rt: Runtime,
  op: Op,
  client: HandpointClient,
  gate: Gate,
  original: PaymentRecord,
): Promise<number> {
  const { record, meta } = rt.stored(op.id)
  if (record.state === 'unknown') rt.transition(op.id, 'resolving')
  let askedAt = rt.settings.clock.now()
  let chain: TransactionResult[]
  try {
    chain = await gate(() => {
      askedAt = rt.settings.clock.now()
      return client.getStatusChain(original.transactionReference, 'all')
    })
  } catch (err) {
    if (asHandpointFailure(err)?.kind !== 'not-found') throw err
    chain = []
  }
  if (!rt.ops.has(op.id)) return 0
  const types = TYPES[record.operation] ?? []
  const mine = chain.slice(1).find((entry) => {
    const txId = entry.transactionID
    if (!txId || txId === record.originalTransactionId) return false
    if (
      entry.originalEFTTransactionID &&
      entry.originalEFTTransactionID !== record.originalTransactionId
    ) {
      return false
    }
    if (!types.includes(String(entry.type))) return false
    return rt.journal.findByReference(txId).every((s) => s.record.id === op.id)
  })
  if (mine && rt.applyResult(op.id, mine, 'status') !== 'pending') return 0
  const since = askedAt - (meta.postEndedAt ?? meta.sentAt ?? record.createdAt)
  if (!mine && since >= rt.settings.notChargedAfterMs) {
    const seconds = Math.round(rt.settings.notChargedAfterMs / 1000)
    rt.transition(
      op.id,
      'failed',
      { lastError: msg('linked_not_processed', { seconds }) },
      { evidence: msg('evidence_linked_not_processed', { seconds }) },
    )
    return 0
  }
  return rt.jitter(5000)
}
