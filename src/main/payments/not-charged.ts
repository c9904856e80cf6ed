import { msg } from '@shared/messages'
import type { PaymentOperation } from './payment-operation'

/**
 * The 90-second rule, in one place. A request Handpoint never saw cannot charge anyone later
 * than a short while after it could last have reached Handpoint (when its POST ended, or the
 * restart that found it cut off). So once a question that left at least `notChargedAfterMs`
 * after that moment still finds nothing (status UNDEFINED, or no entry in the original's
 * chain), the operation is proven not charged and ends `failed`. The rule is judged at the
 * moment the question left, never after its answer came back.
 *
 * Returns true when it ended the operation; otherwise how long to wait before asking again.
 * `proves` false: the answer proves nothing now (the terminal is known to be working on it).
 */
export function applyNotChargedRule(
  op: PaymentOperation,
  askedAt: number,
  kind: 'status' | 'chain',
  proves = true,
): true | { waitMs: number } {
  const { record, meta } = op
  const sinceSent = askedAt - (meta.postEndedAt ?? meta.sentAt ?? record.createdAt)
  const limit = op.settings.notChargedAfterMs
  if (!proves || sinceSent < limit) {
    return { waitMs: Math.min(5000, Math.max(500, limit - sinceSent)) }
  }
  const seconds = Math.round(limit / 1000)
  if (kind === 'status') {
    op.transition(
      'failed',
      { lastError: msg('not_charged', { seconds }) },
      { evidence: msg('evidence_not_charged', { seconds }) },
    )
  } else {
    op.transition(
      'failed',
      { lastError: msg('linked_not_processed', { seconds }) },
      { evidence: msg('evidence_linked_not_processed', { seconds }) },
    )
  }
  return true
}
