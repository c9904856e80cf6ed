/**
 * Realistic payment history for B4: a year of final sales, refunds and reversals across
 * merchants and terminals, with masked cards, result views and evidence like the engine writes.
 * Deterministic (seeded) so every run writes the same file.
 */
import type {
  OperationKind,
  PaymentRecord,
  PaymentState,
} from '../../src/shared/contract/payments.contract'
import type { PaymentMeta } from '../../src/main/payments/store/port'

const DAY = 24 * 3600_000

/** Mulberry32: small, fast, seeded. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const hex = (rnd: () => number, n: number): string =>
  Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('')
const uuid = (rnd: () => number): string =>
  `${hex(rnd, 8)}-${hex(rnd, 4)}-4${hex(rnd, 3)}-a${hex(rnd, 3)}-${hex(rnd, 12)}`

const OUTCOMES: [PaymentState, string, number][] = [
  ['approved', 'AUTHORISED', 0.86],
  ['declined', 'DECLINED', 0.06],
  ['cancelled', 'CANCELLED', 0.04],
  ['failed', 'FAILED', 0.02],
  ['partial', 'PARTIAL_APPROVAL', 0.02],
]
const SCHEMES = ['VISA', 'MasterCard', 'Maestro', 'American Express']

export interface RecordSet {
  /** Journal lines in creation order. */
  lines: { rev: number; record: PaymentRecord; meta: PaymentMeta }[]
  from: number
  to: number
}

/** `count` final records spread evenly over the `days` before `end`. */
export function historyRecords(count: number, days: number, end: number, seed = 7): RecordSet {
  const rnd = seeded(seed)
  const from = end - days * DAY
  const step = (days * DAY) / count
  const lines: RecordSet['lines'] = []
  for (let i = 0; i < count; i += 1) {
    const createdAt = Math.round(from + i * step + rnd() * step * 0.9)
    const m = Math.floor(rnd() * 8)
    const serial = `9${String(m * 100 + Math.floor(rnd() * 4)).padStart(9, '0')}`
    const roll = rnd()
    const operation: OperationKind = roll < 0.9 ? 'sale' : roll < 0.97 ? 'refund' : 'saleReversal'
    let pick = rnd()
    const [state, finStatus] = OUTCOMES.find(([, , p]) => (pick -= p) < 0) ?? OUTCOMES[0]!
    const amountMinor = String(100 + Math.floor(rnd() * 20_000))
    const card = String(Math.floor(rnd() * 10_000)).padStart(4, '0')
    const finalAt = createdAt + 3_000 + Math.floor(rnd() * 20_000)
    const transactionId = uuid(rnd)
    const record: PaymentRecord = {
      id: uuid(rnd),
      merchantId: `BenchShop${m + 1}`,
      terminalSerial: serial,
      terminalType: 'PAXA920PRO',
      operation,
      amountMinor,
      currency: 'EUR',
      transactionReference: uuid(rnd),
      flow: rnd() < 0.8 ? 'poll' : 'callback',
      state,
      createdAt,
      updatedAt: finalAt,
      finalAt,
      transactionResultId: `${serial}-${createdAt}`,
      result: {
        finStatus,
        type: operation === 'sale' ? 'SALE' : operation === 'refund' ? 'REFUND' : 'VOID_SALE',
        transactionId,
        totalAmountMinor:
          state === 'partial' ? String(Math.floor(Number(amountMinor) * 0.6)) : amountMinor,
        requestedAmountMinor: amountMinor,
        currency: 'EUR',
        maskedCardNumber: `************${card}`,
        cardSchemeName: SCHEMES[Math.floor(rnd() * SCHEMES.length)]!,
        cardEntryType: rnd() < 0.7 ? 'CNTCLSS' : 'ICC',
        verificationMethod: rnd() < 0.8 ? 'UNDEFINED' : 'PIN',
        authorisationCode: state === 'approved' ? hex(rnd, 6).toUpperCase() : '',
        issuerResponseCode: state === 'declined' ? '05' : '00',
        statusMessage: finStatus === 'AUTHORISED' ? 'Approved' : finStatus,
        customerReceipt: `https://receipts.handpoint.com/receipts/${transactionId}/customer.html`,
        merchantReceipt: `https://receipts.handpoint.com/receipts/${transactionId}/merchant.html`,
        efttimestamp: finalAt,
        recoveredTransaction: false,
      },
      evidence: [
        { at: createdAt, code: 'evidence_saved_sending', params: { serial } },
        { at: createdAt + 180, code: 'evidence_accepted' },
        { at: finalAt, code: 'evidence_result_by_poll', params: { finStatus } },
      ],
    }
    if (rnd() < 0.3) record.customerReference = `INV-${Math.floor(rnd() * 1e6)}`
    const meta: PaymentMeta = {
      referenceSent: true,
      sentAt: createdAt + 5,
      postEndedAt: createdAt + 180,
    }
    lines.push({ rev: 5, record, meta })
  }
  return { lines, from, to: end }
}
