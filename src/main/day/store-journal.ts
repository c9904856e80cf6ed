import type { PaymentStore, BatchCloseRow, ReceiptStatusRow } from '../payments'
import type { BatchCloseRecord } from './close-record'
import type { DayJournal } from './ports'
import { toDayPayment } from './record-mapping'
import { movementOf, type DayPayment } from './records'

/**
 * The day journal over the payment store: the day's payments and their receipt standing by
 * range, linked operations by transaction id, and the batch closes in the store's
 * `batch_closes` table. What the table has no column for (the terminal type, the business day,
 * the batch number asked for, summary, detail size, error) travels in `answerJson` next to
 * Handpoint's answer as received.
 */
export function createStoreDayJournal(store: PaymentStore, now: () => number): DayJournal {
  return {
    paymentsBetween({ merchantId, from, to, terminalSerial }) {
      const range = { merchantId, from, to: to - 1, ...(terminalSerial ? { terminalSerial } : {}) }
      const receipts = new Map<string, ReceiptStatusRow[]>()
      for (const row of store.receiptStatusesInRange(range)) {
        receipts.set(row.paymentId, [...(receipts.get(row.paymentId) ?? []), row])
      }
      const at = now()
      return store.inRange(range).map((r) => toDayPayment(r, receipts.get(r.id), at))
    },

    linkedTo(merchantId, payments) {
      const ids = new Set(payments.map((p) => p.id))
      const found = new Map<string, DayPayment>()
      const add = (record: Parameters<typeof toDayPayment>[0] | undefined): void => {
        if (record && record.merchantId === merchantId && !ids.has(record.id)) {
          found.set(record.id, toDayPayment(record))
        }
      }
      const known = new Set(payments.map((p) => p.transactionId).filter(Boolean))
      for (const p of payments) {
        // The original of a reversal or capture made on another day.
        if (p.originalTransactionId && !known.has(p.originalTransactionId)) {
          for (const s of store.findByReference(p.originalTransactionId)) add(s.record)
        }
        // Later follow-ups of the day's originals (a capture or reversal the next morning).
        const m = movementOf(p.operation)
        if (
          p.transactionId &&
          (m === 'sale' || m === 'hold' || m === 'capture' || m === 'refund')
        ) {
          for (const op of store.linkedTo(p.transactionId)) {
            if (!ids.has(op.id)) add(store.get(op.id)?.record)
          }
        }
      }
      return [...found.values()]
    },

    batchCloses({ merchantId, terminalSerial, from, to }) {
      return store
        .batchCloses({
          merchantId,
          ...(terminalSerial ? { terminalSerial } : {}),
          ...(from !== undefined ? { from } : {}),
          ...(to !== undefined ? { to: to - 1 } : {}),
          limit: 10_000,
        })
        .map(fromRow)
    },

    insertBatchClose(record) {
      const row = store.insertBatchClose({
        merchantId: record.merchantId,
        terminalSerial: record.terminal,
        requestedAt: record.requestedAt,
        state: record.state,
        ...columns(record),
      })
      return fromRow(row)
    },

    updateBatchClose(id, patch) {
      const current = store.getBatchClose(Number(id))
      if (!current) throw new Error(`No batch close ${id}`)
      const next: BatchCloseRecord = { ...fromRow(current), ...patch }
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) delete (next as unknown as Record<string, unknown>)[key]
      }
      return fromRow(
        store.updateBatchClose(Number(id), {
          state: next.state,
          ...(next.answeredAt !== undefined ? { answeredAt: next.answeredAt } : {}),
          ...columns(next),
        }),
      )
    },
  }
}

/** What the day close keeps of a close beyond the table's columns. */
interface Envelope {
  day: Pick<
    BatchCloseRecord,
    'terminalType' | 'businessDate' | 'requestedBatchNumber' | 'summary' | 'detailLines' | 'error'
  >
  answer?: BatchCloseRecord['answer']
}

function columns(r: Omit<BatchCloseRecord, 'id'>): {
  batchNumber?: string
  closeBatchGuid?: string
  answerJson: string
} {
  const envelope: Envelope = {
    day: {
      terminalType: r.terminalType,
      businessDate: r.businessDate,
      ...(r.requestedBatchNumber ? { requestedBatchNumber: r.requestedBatchNumber } : {}),
      ...(r.summary ? { summary: r.summary } : {}),
      ...(r.detailLines !== undefined ? { detailLines: r.detailLines } : {}),
      ...(r.error ? { error: r.error } : {}),
    },
    ...(r.answer ? { answer: r.answer } : {}),
  }
  const batchNumber = r.answer?.batchNumber ?? r.requestedBatchNumber
  return {
    ...(batchNumber ? { batchNumber } : {}),
    ...(r.answer?.closeBatchGuid ? { closeBatchGuid: r.answer.closeBatchGuid } : {}),
    answerJson: JSON.stringify(envelope),
  }
}

function fromRow(row: BatchCloseRow): BatchCloseRecord {
  const envelope = readEnvelope(row.answerJson)
  const day = envelope.day
  return {
    id: String(row.id),
    merchantId: row.merchantId,
    terminal: row.terminalSerial,
    terminalType: day?.terminalType ?? '',
    businessDate: day?.businessDate ?? '',
    requestedAt: row.requestedAt,
    state: row.state,
    ...(row.answeredAt !== undefined ? { answeredAt: row.answeredAt } : {}),
    ...(day?.requestedBatchNumber ? { requestedBatchNumber: day.requestedBatchNumber } : {}),
    ...(envelope.answer ? { answer: envelope.answer } : {}),
    ...(day?.summary ? { summary: day.summary } : {}),
    ...(day?.detailLines !== undefined ? { detailLines: day.detailLines } : {}),
    ...(day?.error ? { error: day.error } : {}),
  }
}

/** The close's own fields; a row written by something else (or damaged) reads as none. */
function readEnvelope(json: string | undefined): Partial<Envelope> {
  if (!json) return {}
  try {
    const value: unknown = JSON.parse(json)
    return value && typeof value === 'object' ? (value as Partial<Envelope>) : {}
  } catch {
    return {}
  }
}
