import type { PaymentRecord, PaymentState } from '@shared/contract/payments.contract'
import { describe as describeMessage } from '@shared/messages'
import { fromMinorUnits, isSupportedCurrency } from '@shared/money'

/** Exit codes: 0 approved/processed, 2 declined/cancelled/failed, 3 outcome unknown, 1 other. */
export function exitCodeFor(state: PaymentState): number {
  switch (state) {
    case 'approved':
    case 'processed':
    case 'partial':
      return 0
    case 'declined':
    case 'cancelled':
    case 'failed':
      return 2
    default:
      return 3
  }
}

const toNumber = (minor?: string): number | undefined =>
  minor === undefined ? undefined : Number(minor)

/**
 * The journal record flattened for scripts: Handpoint's own field names for the result next to
 * our `state`. Amounts stay in minor units as on Handpoint's wire (`totalAmount: 1234`).
 */
export function flatten(record: PaymentRecord): Record<string, unknown> {
  const r = record.result
  return {
    ...record,
    state: record.state,
    finStatus: r?.finStatus ?? (record.state === 'failed' ? 'FAILED' : 'UNDEFINED'),
    transactionID: r?.transactionId ?? null,
    transactionReference: record.transactionReference,
    totalAmount: toNumber(r?.totalAmountMinor) ?? null,
    requestedAmount: toNumber(r?.requestedAmountMinor ?? record.amountMinor) ?? null,
    currency: r?.currency ?? record.currency ?? null,
    maskedCardNumber: r?.maskedCardNumber ?? null,
    customerReceipt: r?.customerReceipt ?? null,
    merchantReceipt: r?.merchantReceipt ?? null,
  }
}

export function money(minor: string | undefined, currency: string | undefined): string {
  if (minor === undefined || !currency || !isSupportedCurrency(currency)) return ''
  return `${fromMinorUnits(minor, currency)} ${currency}`
}

/** What was charged when money moved, else what was asked for. */
function chargedOrAsked(record: PaymentRecord): string | undefined {
  const charged = record.state === 'approved' || record.state === 'partial'
  return (charged ? record.result?.totalAmountMinor : undefined) ?? record.amountMinor
}

/** One line per operation for people. */
export function describe(record: PaymentRecord): string {
  const amount = money(chargedOrAsked(record), record.currency)
  const parts = [
    record.state.toUpperCase(),
    record.operation,
    amount,
    `terminal ${record.terminalSerial}`,
    record.result?.transactionId ? `transaction ${record.result.transactionId}` : '',
    `reference ${record.transactionReference}`,
  ].filter(Boolean)
  const error = record.lastError
  const why = error ? describeMessage(error.code, error.params) : record.result?.statusMessage
  return `${parts.join('  ')}${why ? `\n  ${why}` : ''}\n`
}

export function historyLine(record: PaymentRecord): string {
  const when = new Date(record.createdAt).toISOString().replace('T', ' ').slice(0, 19)
  const amount = money(chargedOrAsked(record), record.currency)
  const card = record.result?.maskedCardNumber?.slice(-4)
  return [
    when,
    record.state.padEnd(11),
    record.operation.padEnd(12),
    amount.padStart(14),
    card ? `*${card}` : '',
    record.terminalSerial,
    record.transactionReference,
  ]
    .filter((x) => x !== '')
    .join('  ')
}
