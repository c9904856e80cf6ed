/**
 * B4's history as the engine writes it: each payment saved as `sent`, then one state change
 * per fact (accepted, in-progress for polled ones, the final result), each its own transaction.
 */
import type { PaymentChange, PaymentMeta, NewPayment } from '../../src/main/payments/store/port'
import type { PaymentRecord } from '../../src/shared/contract/payments.contract'

export interface PaymentWrites {
  insert: NewPayment
  changes: PaymentChange[]
}

/** The writes that lead to `record` (a final record of bench/support/records.ts). */
export function writesFor(record: PaymentRecord, meta: PaymentMeta): PaymentWrites {
  const { result, transactionResultId, finalAt, evidence, ...creation } = record
  const at = record.createdAt
  const insert: NewPayment = {
    record: {
      ...creation,
      state: 'sent',
      updatedAt: at,
      evidence: [{ at, code: 'evidence_saved_sending', params: { serial: record.terminalSerial } }],
    },
    meta: { referenceSent: meta.referenceSent, sentAt: at },
  }
  const accepted = meta.postEndedAt ?? at + 180
  const changes: PaymentChange[] = [
    {
      at: accepted,
      patch: { state: 'accepted', transactionResultId },
      meta: { postEndedAt: accepted },
      evidence: { at: accepted, code: 'evidence_accepted' },
    },
  ]
  if (record.flow === 'poll') changes.push({ at: accepted + 600, patch: { state: 'in-progress' } })
  const end = finalAt ?? record.updatedAt
  changes.push({
    at: end,
    patch: { state: record.state, result, finalAt: end },
    evidence: evidence[evidence.length - 1] ?? {
      at: end,
      code: 'evidence_result_by_poll',
      params: { finStatus: 'AUTHORISED' },
    },
  })
  return { insert, changes }
}
