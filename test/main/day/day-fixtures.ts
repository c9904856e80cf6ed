import type { DayPayment } from '../../../src/main/day/records'

let seq = 0

/** One journal operation for day-report tests; approved EUR sale on T1 unless told otherwise. */
export function pay(fields: Partial<DayPayment> = {}): DayPayment {
  seq += 1
  const id = fields.id ?? `p${seq}`
  return {
    id,
    terminalSerial: 'T1',
    operation: 'sale',
    state: 'approved',
    currency: 'EUR',
    amountMinor: 1000,
    totalMinor: fields.amountMinor ?? 1000,
    createdAt: Date.parse('2026-07-14T10:00:00Z') + seq,
    transactionId: `tx-${id}`,
    transactionReference: `ref-${id}`,
    rrn: `RRN${String(seq).padStart(6, '0')}`,
    cardSchemeName: 'VISA',
    cardEntryType: 'ICC',
    ...fields,
  }
}

export const WINDOW = {
  from: Date.parse('2026-07-14T02:00:00Z'),
  to: Date.parse('2026-07-15T02:00:00Z'),
}
export const NOW = Date.parse('2026-07-14T22:00:00Z')
