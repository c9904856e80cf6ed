import type { CancelAnswer } from '@shared/contract/payments.contract'
import { causeOf, msg } from '@shared/messages'
import { asHandpointFailure } from './operation-input'
import type { RateBudget } from './rate-budget'
import type { TerminalLocks } from './terminal-locks'
import type { OperationTracker } from './tracker'

/** How often a stop refused with 429 is sent (the card wait lasts seconds, not minutes). */
const MAX_STOP_SENDS = 3

/**
 * Cancel is a request, not an outcome: stopCurrentTransaction is sent while the terminal can
 * still stop (waiting for the card or the PIN); the original operation keeps being watched until
 * the terminal reports its final state (normally CANCELLED, but it may still be approved).
 */
export async function cancelOperation(
  deps: { locks: TerminalLocks; tracker: OperationTracker; budget: RateBudget },
  merchantId: string,
  serial: string,
): Promise<CancelAnswer> {
  const id = deps.locks.holder(merchantId, serial)
  const op = id ? deps.tracker.get(id) : undefined
  if (!op) return { requested: false, ...msg('cancel_nothing_running', { serial }) }
  const { record } = op
  if (record.state !== 'accepted' && record.state !== 'in-progress') {
    return { requested: false, ...msg('cancel_not_now') }
  }
  try {
    const client = await op.clientFor()
    const stop = (): Promise<unknown> =>
      deps.budget.send(merchantId, `${op.id}:cancel`, () =>
        client.startTransaction({
          operation: 'stopCurrentTransaction',
          serialNumber: record.terminalSerial,
          terminalType: record.terminalType,
        }),
      )
    // A 429 means the stop never reached the terminal (other calls of this key, such as a
    // terminal list, filled Handpoint's second): wait as told and send it again, so a cancel
    // in the first moments of the card wait still stops the payment. Stopping moves no money.
    for (let attempt = 1; ; attempt++) {
      try {
        await stop()
        break
      } catch (err) {
        const failure = asHandpointFailure(err)
        if (failure?.kind !== 'rate-limited' || failure.ambiguous || attempt >= MAX_STOP_SENDS)
          throw err
        deps.budget.pause(merchantId, failure.retryAfterMs ?? 1000)
      }
    }
  } catch (err) {
    const failure = asHandpointFailure(err)
    if (failure?.kind === 'cancel-not-allowed') {
      if (op.live) op.save({}, { evidence: msg('evidence_cancel_refused') })
      return { requested: false, ...msg('cancel_too_late') }
    }
    const cause = causeOf(failure?.kind)
    if (op.live) op.save({}, { evidence: msg('evidence_cancel_not_sent', { cause }) })
    return { requested: false, ...msg('cancel_not_delivered', { cause }) }
  }
  if (op.live) op.save({ cancelRequested: true }, { evidence: msg('evidence_cancel_sent') })
  op.wake()
  return { requested: true, ...msg('cancel_sent') }
}
