import type { PaymentReceipts, ReceiptCopyView } from '@shared/contract'
import type { ReceiptStatusRow } from '../payments'

/**
 * Where a payment's receipts stand, as the payment store's receipts table keeps them for the day
 * report ("receipt missing"): written each time the receipts service reports a change.
 */
export function receiptStatusRows(receipts: PaymentReceipts, now: number): ReceiptStatusRow[] {
  return [receipts.customer, receipts.merchant].map((copy) => ({
    paymentId: receipts.paymentId,
    kind: copy.copy,
    state: stateOf(copy),
    updatedAt: now,
    ...(copy.reason ? { code: copy.reason.code } : {}),
  }))
}

function stateOf(copy: ReceiptCopyView): ReceiptStatusRow['state'] {
  switch (copy.status) {
    case 'none':
      return 'none'
    case 'pending':
      return 'expected'
    case 'stored':
      return copy.printedCount > 0 ? 'printed' : 'stored'
    case 'failed':
      // Still being retried: not given up yet.
      return copy.nextAttemptAt !== undefined ? 'expected' : 'failed'
  }
}
