import type { PaymentRecord } from '@shared/contract/payments.contract'
import type { LinkedOperation, PaymentStore } from '../store/port'
import { isFinal } from '../states'
import type { MoneyFacts } from './guard'
import { wentThrough, type CloseFact, type LinkedFact } from './settlement'

/** How far before a payment a day close is read (one answered after it may be requested before). */
const CLOSE_LOOKBACK_MS = 60 * 60_000
/** Day closes read per payment, newest first: one confirmed after it is all the rule needs. */
const CLOSES_READ = 200

/**
 * What the money rules read, from the payment store: the original by its Handpoint transaction
 * id, the operations linked to it (a refund's own reversals included), and the day closes of its
 * merchant and terminal. Synchronous, so the engine's check and its save have nothing between.
 */
export function storeFacts(store: PaymentStore): MoneyFacts {
  const transactionIdOf = (id: string): string | undefined =>
    store.get(id)?.record.result?.transactionId

  /** Whether a refund was itself reversed (went through) or is being reversed. */
  const reversalOf = (refund: LinkedOperation): LinkedFact['reversed'] => {
    const tx = transactionIdOf(refund.id)
    if (!tx) return undefined
    const reversals = store.linkedTo(tx).filter((l) => l.operation === 'refundReversal')
    if (reversals.some((l) => wentThrough(l.state))) return 'approved'
    return reversals.some((l) => !isFinal(l.state)) ? 'pending' : undefined
  }

  const toFact = (l: LinkedOperation): LinkedFact => {
    const fact: LinkedFact = { id: l.id, operation: l.operation, state: l.state }
    if (l.amountMinor !== undefined) fact.amountMinor = l.amountMinor
    if (l.approvedAmountMinor !== undefined) fact.approvedAmountMinor = l.approvedAmountMinor
    if (l.operation === 'refund' || l.operation === 'moToRefund') {
      const reversed = wentThrough(l.state) ? reversalOf(l) : undefined
      if (reversed) fact.reversed = reversed
    }
    return fact
  }

  return {
    originalOf(merchantId, transactionId) {
      const candidates = store
        .findByReference(transactionId)
        .map((s) => s.record)
        .filter((r) => r.merchantId === merchantId && r.result?.transactionId === transactionId)
      return candidates.find((r) => wentThrough(r.state)) ?? candidates[0]
    },
    factsOf(original: PaymentRecord) {
      const tx = original.result?.transactionId
      const linked = tx ? store.linkedTo(tx).filter((l) => l.id !== original.id) : []
      const closes: CloseFact[] = store
        .batchCloses({
          merchantId: original.merchantId,
          terminalSerial: original.terminalSerial,
          from: original.createdAt - CLOSE_LOOKBACK_MS,
          limit: CLOSES_READ,
        })
        .map((c) => ({
          state: c.state,
          requestedAt: c.requestedAt,
          ...(c.answeredAt !== undefined ? { answeredAt: c.answeredAt } : {}),
        }))
      return { original, linked: linked.map(toFact), closes }
    },
    get: (id) => store.get(id)?.record,
  }
}
