import type { PaymentRecord } from '@shared/contract/payments.contract'
import { msg } from '@shared/messages'
import type { DeliveryHandler, RepeatHandler } from './callback-server'
import type { GroupWriter } from './group-writer'
import { mergeMissing, toResultView, transactionResultSchema } from './result-view'
import type { Settings } from './settings'
import { isFinal, stateForFinStatus } from './states'
import type { PaymentStore } from './store/port'
import { timing } from './timing'
import type { OperationTracker } from './tracker'

type Delivered = 'applied' | 'duplicate' | 'rejected'

/**
 * What a callback delivery does: the result is applied to its operation like a poll's (the first
 * final result wins; one for another payment is refused without a write). A payment left to the
 * operator (a linked operation Handpoint could not be asked about) may still be finished by one.
 *
 * Deliveries read in the same turn are applied in one group commit (./group-writer.ts): a shop's
 * terminals often finish at once. Each is answered, and each payment's event sent, only once the
 * group is on disk; a delivery whose own write failed is answered alone (500, Handpoint sends it
 * again), and a group whose commit failed answers every one of its deliveries that way.
 */
export function deliverCallback(deps: {
  store: PaymentStore
  tracker: OperationTracker
  writer: GroupWriter
}): DeliveryHandler {
  const apply = (id: string, body: unknown): Delivered => {
    const parsing = timing.now()
    const parsed = transactionResultSchema.safeParse(body)
    timing.mark(id, 'parse', parsing)
    if (!parsed.success) return 'rejected'
    let op = deps.tracker.get(id)
    const wasFollowed = op !== undefined
    if (!op) {
      const stored = deps.store.get(id)
      if (!stored || isFinal(stored.record.state)) return stored ? 'duplicate' : 'rejected'
      op = deps.tracker.track(stored, { watch: false })
    }
    const outcome = op.applyResult(parsed.data, 'callback')
    if (op.live && !wasFollowed) op.standDown()
    else if (outcome === 'pending' && op.live) {
      // The terminal itself could not learn the outcome: the gateway decides.
      op.resultGone = true
      op.transition('unknown', {}, { evidence: msg('evidence_no_clear_outcome') })
    }
    op.wake()
    return outcome === 'rejected' ? 'rejected' : outcome === 'duplicate' ? 'duplicate' : 'applied'
  }
  return (id, body) => deps.writer.write(id, () => apply(id, body))
}

/**
 * The first repeat of a final payment's callback (later ones are only counted): one that says
 * otherwise is noted as evidence; one that agrees and carries fields the stored result lacks
 * (receipts after a status answer) adds them. At most one write per payment, however many come.
 */
export function repeatCallback(deps: {
  store: PaymentStore
  settings: Settings
  /** Told when the repeat added details (receipts) to the stored result. */
  completed?: (record: PaymentRecord) => void
}): RepeatHandler {
  return (id, body) => {
    const parsed = transactionResultSchema.safeParse(body)
    const stored = deps.store.get(id)
    if (!parsed.success || !stored) return
    const { record, meta } = stored
    const reference = parsed.data.transactionReference
    if (meta.referenceSent && reference && reference !== record.transactionReference) return
    const at = deps.settings.clock.now()
    const finStatus = String(parsed.data.finStatus).slice(0, 32)
    const state = stateForFinStatus(finStatus)
    if (state !== undefined && state !== record.state) {
      deps.store.change(id, { at, evidence: { at, ...msg('evidence_later_reply', { finStatus }) } })
      return
    }
    const merged = record.result && mergeMissing(record.result, toResultView(parsed.data))
    if (state === record.state && merged) {
      deps.completed?.(deps.store.change(id, { at, patch: { result: merged } }).record)
    }
  }
}
