import { msg } from '@shared/messages'
import type { CallbackServer } from './callback-server'
import type { Settings } from './settings'
import type { PaymentStore } from './store/port'
import type { OperationTracker } from './tracker'

/** How long after a payment ended a repeated callback for it is still answered (Handpoint retries). */
const CALLBACK_MEMORY_MS = 3 * 24 * 3600_000

/**
 * Resumes every unfinished payment of the store at start-up; no one needs to do anything. A
 * request saved but maybe not sent is never sent again: Handpoint is asked what happened, and
 * the 90-second rule ends it when Handpoint never saw it. Returns the ids resumed.
 */
export function recoverUnfinished(deps: {
  store: PaymentStore
  tracker: OperationTracker
  settings: Settings
  callbacks?: CallbackServer
}): string[] {
  const { store, tracker, settings, callbacks } = deps
  const recovered: string[] = []
  for (const stored of store.unfinished()) {
    const { record, meta } = stored
    recovered.push(record.id)
    if (meta.callbackTokenHash) callbacks?.bind(meta.callbackTokenHash, record.id)
    if (record.state === 'created') {
      // Only older versions saved before sending: such a request never left.
      const op = tracker.track(stored, { watch: false })
      // A turn later, so that onFinal listeners registered right after start hear of it too.
      setImmediate(() => {
        if (op.live) {
          op.transition(
            'failed',
            { lastError: msg('not_sent') },
            { evidence: msg('evidence_unsent_after_restart') },
          )
        }
      })
      continue
    }
    const op = tracker.track(stored, { watch: false })
    if (record.state === 'sent') {
      // The request may have left just before the stop: the 90 s count restarts from now.
      op.transition(
        'unknown',
        {},
        {
          meta: { postEndedAt: settings.clock.now() },
          evidence: msg('evidence_stopped_before_answer'),
        },
      )
    } else op.save({}, { evidence: msg('evidence_resumed') })
    tracker.follow(op)
  }
  // Repeated callbacks for recently finished payments still get their answer, from memory.
  if (callbacks) {
    const since = settings.clock.now() - CALLBACK_MEMORY_MS
    for (const { paymentId, tokenHash } of store.callbackTokensSince(since)) {
      callbacks.settle(tokenHash, paymentId)
    }
  }
  return recovered
}
