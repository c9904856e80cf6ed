/**
 * A busy year for the day-report benchmark: one merchant, four terminals (one the MOTO virtual
 * terminal), 100,000 operations over 365 days with sales, tips, refunds, reversals of earlier
 * sales, pre-authorisations and their captures, declines and a few unknown outcomes. Seeded.
 */
import type {
  OperationKind,
  PaymentRecord,
  PaymentState,
} from '../../src/shared/contract/payments.contract'
import { seeded } from './records'

const DAY = 24 * 3600_000
const TERMINALS = [
  ['0821032398', 'PAXA920PRO'],
  ['1850025030', 'PAXA920'],
  ['1547854757', 'PAXA910S'],
  ['VT00000001', 'VT'],
] as const
const SCHEMES = ['VISA', 'MasterCard', 'Maestro', 'American Express', 'Visa']

export function dayYear(count: number, end: number, seed = 11): PaymentRecord[] {
  const rnd = seeded(seed)
  const from = end - 365 * DAY
  const step = (365 * DAY) / count
  const out: PaymentRecord[] = []
  const recentSales: PaymentRecord[] = []
  const openPreAuths: PaymentRecord[] = []
  for (let i = 0; i < count; i += 1) {
    const createdAt = Math.round(from + i * step + rnd() * step * 0.9)
    const [serial, type] = TERMINALS[Math.floor(rnd() * TERMINALS.length)]!
    const roll = rnd()
    let operation: OperationKind = type === 'VT' ? 'moToSale' : 'sale'
    let original: PaymentRecord | undefined
    if (roll > 0.97 && recentSales.length > 0) {
      original = recentSales.splice(Math.floor(rnd() * recentSales.length), 1)[0]
      operation = original!.operation === 'moToSale' ? 'moToReversal' : 'saleReversal'
    } else if (roll > 0.92) operation = type === 'VT' ? 'moToRefund' : 'refund'
    else if (roll > 0.9 && type !== 'VT') operation = 'preAuthorization'
    else if (roll > 0.88 && openPreAuths.length > 0) {
      original = openPreAuths.shift()
      operation = 'preAuthorizationCapture'
    }
    const outcome = rnd()
    const state: PaymentState =
      outcome < 0.9
        ? 'approved'
        : outcome < 0.96
          ? 'declined'
          : outcome < 0.99
            ? 'cancelled'
            : outcome < 0.998
              ? 'failed'
              : 'unknown'
    const amount = original?.result?.totalAmountMinor ?? String(100 + Math.floor(rnd() * 20_000))
    const tip = operation === 'sale' && rnd() < 0.2 ? Math.floor(rnd() * 500) : 0
    const total = state === 'approved' ? String(Number(amount) + tip) : '0'
    const transactionId = `tx-${i}`
    const record: PaymentRecord = {
      id: `p-${i}`,
      merchantId: 'BusyShop',
      terminalSerial: serial,
      terminalType: type,
      operation,
      amountMinor: amount,
      currency: 'EUR',
      originalTransactionId: original?.result?.transactionId,
      transactionReference: `ref-${i}`,
      flow: 'poll',
      state,
      createdAt,
      updatedAt: createdAt + 9000,
      finalAt: state === 'unknown' ? undefined : createdAt + 9000,
      result:
        state === 'unknown'
          ? undefined
          : ({
              finStatus: state === 'approved' ? 'AUTHORISED' : state.toUpperCase(),
              transactionId,
              totalAmountMinor: total,
              tipAmountMinor: String(tip),
              currency: 'EUR',
              cardSchemeName: SCHEMES[Math.floor(rnd() * SCHEMES.length)]!,
              cardEntryType: type === 'VT' ? 'CNP' : rnd() < 0.7 ? 'CONTACTLESS' : 'ICC',
              rrn: state === 'approved' ? String(1e11 + i) : undefined,
              batchNumber: String(Math.floor((createdAt - from) / DAY) + 1),
            } as PaymentRecord['result']),
      evidence: [],
    }
    if (state === 'approved' && (operation === 'sale' || operation === 'moToSale')) {
      recentSales.push(record)
      if (recentSales.length > 50) recentSales.shift()
    }
    if (state === 'approved' && operation === 'preAuthorization') openPreAuths.push(record)
    out.push(record)
  }
  return out
}
