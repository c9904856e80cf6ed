import type { BatchCloseRecord } from './close-record'
import type { DayJournal } from './ports'
import type { DayPayment } from './records'

/**
 * A DayJournal in memory: for tests and benchmarks, and as the shape the store adapter must
 * keep. Payments are given as they would be stored; closes get ids in order.
 */
export class MemoryDayJournal implements DayJournal {
  private readonly payments: { merchantId: string; payment: DayPayment }[] = []
  private readonly closes: BatchCloseRecord[] = []

  add(merchantId: string, ...payments: DayPayment[]): void {
    for (const payment of payments) this.payments.push({ merchantId, payment })
    this.payments.sort((a, b) => a.payment.createdAt - b.payment.createdAt)
  }

  /** Replaces a stored payment (what the engine does when it learns more). */
  update(id: string, patch: Partial<DayPayment>): void {
    const entry = this.payments.find((e) => e.payment.id === id)
    if (!entry) throw new Error(`No payment ${id}`)
    entry.payment = { ...entry.payment, ...patch }
  }

  paymentsBetween(query: {
    merchantId: string
    from: number
    to: number
    terminalSerial?: string
  }): DayPayment[] {
    return this.payments
      .filter(
        ({ merchantId, payment: p }) =>
          merchantId === query.merchantId &&
          p.createdAt >= query.from &&
          p.createdAt < query.to &&
          (query.terminalSerial === undefined || p.terminalSerial === query.terminalSerial),
      )
      .map((e) => e.payment)
  }

  linkedTo(merchantId: string, payments: readonly DayPayment[]): DayPayment[] {
    const ids = new Set(payments.map((p) => p.id))
    const txs = new Set(payments.map((p) => p.transactionId).filter(Boolean))
    const originals = new Set(payments.map((p) => p.originalTransactionId).filter(Boolean))
    return this.payments
      .filter(({ merchantId: m, payment: p }) => m === merchantId && !ids.has(p.id))
      .map((e) => e.payment)
      .filter(
        (p) =>
          (p.transactionId !== undefined && originals.has(p.transactionId)) ||
          (p.originalTransactionId !== undefined && txs.has(p.originalTransactionId)),
      )
  }

  batchCloses(query: {
    merchantId: string
    terminalSerial?: string
    from?: number
    to?: number
  }): BatchCloseRecord[] {
    return this.closes
      .filter(
        (c) =>
          c.merchantId === query.merchantId &&
          (query.terminalSerial === undefined || c.terminal === query.terminalSerial) &&
          (query.from === undefined || c.requestedAt >= query.from) &&
          (query.to === undefined || c.requestedAt < query.to),
      )
      .sort((a, b) => b.requestedAt - a.requestedAt || Number(b.id) - Number(a.id))
      .map((c) => structuredClone(c))
  }

  insertBatchClose(record: Omit<BatchCloseRecord, 'id'>): BatchCloseRecord {
    const stored = { ...structuredClone(record), id: String(this.closes.length + 1) }
    this.closes.push(stored)
    return structuredClone(stored)
  }

  updateBatchClose(id: string, patch: Partial<Omit<BatchCloseRecord, 'id'>>): BatchCloseRecord {
    const index = this.closes.findIndex((c) => c.id === id)
    if (index < 0) throw new Error(`No batch close ${id}`)
    const next: BatchCloseRecord = { ...this.closes[index]!, ...structuredClone(patch) }
    for (const [k, v] of Object.entries(patch))
      if (v === undefined) delete (next as unknown as Record<string, unknown>)[k]
    this.closes[index] = next
    return structuredClone(next)
  }
}
