import type { PaymentRecord } from '@shared/contract/payments.contract'
import { msg } from '@shared/messages'
import type { MerchantDirectory } from './ports'
import type { RateBudget } from './rate-budget'
import { mergeMissing, toResultView } from './result-view'
import type { Settings } from './settings'
import { stateForFinStatus } from './states'
import type { PaymentStore } from './store/port'

/** Waits before each read of the terminal's result (the first right away). */
const READ_DELAYS_MS = [0, 5_000, 30_000] as const

/** Whether the outcome of `record` was taken from Handpoint's status service. */
export const settledByStatus = (record: PaymentRecord): boolean =>
  record.evidence.some((e) => e.code === 'evidence_result_by_status')

const hasReceipts = (record: PaymentRecord): boolean =>
  !!(record.result?.customerReceipt || record.result?.merchantReceipt)

/**
 * A payment whose outcome came from Handpoint's status service (after an unknown outcome, a
 * terminal that fell silent, a callback that did not come) has no receipts: that answer carries
 * none. When the terminal's own result can still be read (`transaction-result`, by the id the 202
 * gave), it is read for them, through the key's budget, as a normal result's are; what it adds is
 * stored and `completed` is told (the receipts service collects them then). Without that id the
 * receipts service says why there are none (`receipt_none_by_status`). `stop` ends the reads
 * still to come when the engine closes (its store with it).
 */
export function completeFromResult(deps: {
  store: PaymentStore
  budget: RateBudget
  directory: MerchantDirectory
  settings: Settings
  completed: (record: PaymentRecord) => void
}): { onFinal: (record: PaymentRecord) => void; stop: () => void } {
  let stopped = false
  const pending = new Set<{ cancel(): void }>()
  const later = (id: string, attempt: number): void => {
    const next = READ_DELAYS_MS[attempt + 1]
    if (next === undefined || stopped) return
    const timer = deps.settings.clock.setTimeout(() => {
      pending.delete(timer)
      void read(id, attempt + 1)
    }, next)
    pending.add(timer)
  }
  const read = async (id: string, attempt: number): Promise<void> => {
    if (stopped) return
    try {
      const stored = deps.store.get(id)
      const resultId = stored?.record.transactionResultId
      if (!stored || !resultId || hasReceipts(stored.record)) return
      const client = await deps.directory.clientFor(stored.record.merchantId)
      const outcome = await deps.budget.send(stored.record.merchantId, id, () =>
        client.getTransactionResult(resultId),
      )
      // Still being written on the terminal's side: ask again a little later.
      if (outcome.kind === 'in-progress') return later(id, attempt)
      if (outcome.kind !== 'final') return
      const now = deps.store.get(id)?.record
      if (!now?.result || stateForFinStatus(String(outcome.result.finStatus)) !== now.state) return
      const merged = mergeMissing(now.result, toResultView(outcome.result))
      if (!merged) return
      const at = deps.settings.clock.now()
      const changed = deps.store.change(id, {
        at,
        patch: { result: merged },
        evidence: { at, ...msg('evidence_details_from_result') },
      })
      deps.completed(changed.record)
    } catch {
      later(id, attempt)
    }
  }
  return {
    onFinal(record) {
      if (!settledByStatus(record) || !record.transactionResultId || hasReceipts(record)) return
      void read(record.id, 0)
    },
    /** The engine is closing: no read starts after this, and none waits for its turn. */
    stop() {
      stopped = true
      for (const timer of pending) timer.cancel()
      pending.clear()
    },
  }
}
