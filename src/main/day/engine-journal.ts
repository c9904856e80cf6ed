import type { HistoryPage, HistoryQuery } from '@shared/contract/payments.contract'
import { MemoryDayJournal } from './memory-journal'
import type { DayJournal } from './ports'
import { toDayPayment } from './record-mapping'
import type { DayPayment } from './records'

/**
 * The day journal over the payment engine's history search. Batch closes are kept for the
 * session only; the payment store's `batch_closes` table takes over from this adapter.
 */
export function createEngineDayJournal(engine: {
  search(query: HistoryQuery): HistoryPage
}): DayJournal {
  const closes = new MemoryDayJournal()
  const between = (q: { merchantId: string; from: number; to: number; terminalSerial?: string }) =>
    engine
      .search({
        merchantId: q.merchantId,
        terminalSerial: q.terminalSerial,
        from: q.from,
        to: q.to - 1,
        limit: 1_000_000,
      })
      .items.map((r) => toDayPayment(r))
      .sort((a, b) => a.createdAt - b.createdAt)
  return {
    paymentsBetween: between,
    linkedTo(merchantId, payments) {
      const ids = new Set(payments.map((p) => p.id))
      const found = new Map<string, DayPayment>()
      for (const p of payments) {
        if (!p.originalTransactionId) continue
        for (const r of engine.search({ merchantId, reference: p.originalTransactionId, limit: 5 })
          .items) {
          if (!ids.has(r.id)) found.set(r.id, toDayPayment(r))
        }
      }
      return [...found.values()]
    },
    batchCloses: (q) => closes.batchCloses(q),
    insertBatchClose: (r) => closes.insertBatchClose(r),
    updateBatchClose: (id, patch) => closes.updateBatchClose(id, patch),
  }
}
