import type { PaymentRecord } from '../../../../src/shared/contract/payments.contract'
import type { NewPayment } from '../../../../src/main/payments/store/port'

let counter = 0
const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0')

/** A UUID-shaped id that differs per call (deterministic, so failures are reproducible). */
export function uuid(): string {
  counter += 1
  return `${hex(counter, 8)}-0000-4000-8000-${hex(counter * 7919, 12)}`
}

/** A new sale as the engine saves it before sending (state `sent`). */
export function newSale(
  overrides: Partial<PaymentRecord> = {},
  at = 1_800_000_000_000,
): NewPayment {
  const record: PaymentRecord = {
    id: uuid(),
    merchantId: 'd1b7c7a0-5b8f-4f6e-9a51-2f3c1e9b7a11',
    terminalSerial: '0821032398',
    terminalType: 'PAXA920PRO',
    operation: 'sale',
    amountMinor: '1234',
    currency: 'EUR',
    transactionReference: uuid(),
    flow: 'poll',
    state: 'sent',
    createdAt: at,
    updatedAt: at,
    evidence: [{ at, code: 'evidence_saved_sending', params: { serial: '0821032398' } }],
    ...overrides,
  }
  return { record, meta: { referenceSent: true, sentAt: at } }
}

export const approvedResult = (transactionId: string, card = '0010') => ({
  finStatus: 'AUTHORISED',
  type: 'SALE',
  transactionId,
  totalAmountMinor: '1234',
  requestedAmountMinor: '1234',
  currency: 'EUR',
  maskedCardNumber: `************${card}`,
  cardSchemeName: 'VISA',
  authorisationCode: 'A1B2C3',
  customerReceipt: `https://receipts.handpoint.com/receipts/${transactionId}/customer.html`,
  merchantReceipt: `https://receipts.handpoint.com/receipts/${transactionId}/merchant.html`,
})
