import type { OperationKind, PaymentRecord } from '@shared/contract/payments.contract'
import type { HandpointClient, TransactionResult } from '../handpoint/types'
import { applyNotChargedRule } from './not-charged'
import { asHandpointFailure } from './operation-input'
import type { PaymentOperation } from './payment-operation'
import type { PaymentStore } from './store/port'

/** Result `type`s a linked operation can show in its original's chain. */
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

/** The original of a linked operation, when this checkout took it with its own reference. */
export function originalOf(store: PaymentStore, record: PaymentRecord): PaymentRecord | undefined {
  const id = record.originalTransactionId
  if (!id) return undefined
  return store
    .findByReference(id)
    .find((s) => s.meta.referenceSent && s.record.result?.transactionId === id)?.record
}

/**
 * A linked operation carries no reference of its own (Handpoint chains it under the
 * original's), so an unknown outcome is looked up in the original's chain (`/status/all`): an
 * entry of the right type, linked to our original, and not already claimed by another payment
 * of this checkout. Absent long enough after the request, it was never processed
 * (./not-charged.ts). Returns the next delay.
 */
export async function askChain(
  op: PaymentOperation,
  store: PaymentStore,
  client: HandpointClient,
  original: PaymentRecord,
): Promise<number> {
  const { record } = op
  if (record.state === 'unknown') op.transition('resolving')
  let askedAt = op.settings.clock.now()
  let chain: TransactionResult[]
  try {
    chain = await op.gate(() => {
      askedAt = op.settings.clock.now()
      return client.getStatusChain(original.transactionReference, 'all')
    })
  } catch (err) {
    if (asHandpointFailure(err)?.kind !== 'not-found') throw err
    chain = []
  }
  if (!op.live) return 0
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
    return store.findByReference(txId).every((s) => s.record.id === op.id)
  })
  if (mine && op.applyResult(mine, 'status') !== 'pending') return 0
  if (mine) return op.jitter(5000)
  const rule = applyNotChargedRule(op, askedAt, 'chain')
  return rule === true ? 0 : op.jitter(5000)
}
