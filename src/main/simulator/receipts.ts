import type { TransactionResult } from '../handpoint/types'
import { formatMajor } from './currencies'

/**
 * Thermal-printer receipts in Handpoint's "Html Print Format" (§4.7): header with the merchant,
 * a main block of ids `response, txn_type, amount, mid, tid, card_number, entry, cvm, auth_code,
 * tender_type, guid, receipt_type_description`, the EMV block, and the format's CSS classes.
 */
export type ReceiptCopy = 'customer' | 'merchant'

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )

const TYPE_LABELS: Record<string, string> = {
  SALE: 'SALE',
  REFUND: 'REFUND',
  VOID_SALE: 'SALE REVERSAL',
  VOID_REFUND: 'REFUND REVERSAL',
  MOTO_SALE: 'MOTO SALE',
  MOTO_REFUND: 'MOTO REFUND',
  MOTO_REVERSAL: 'MOTO REVERSAL',
  PRE_AUTHORIZATION: 'PRE-AUTHORIZATION',
  PRE_AUTHORIZATION_INCREASE: 'PRE-AUTH INCREASE',
  PRE_AUTHORIZATION_CAPTURE: 'PRE-AUTH CAPTURE',
  REVERSAL: 'PRE-AUTH REVERSAL',
}

const RESPONSE_LABELS: Record<string, string> = {
  AUTHORISED: 'APPROVED',
  CAPTURED: 'APPROVED',
  PARTIAL_APPROVAL: 'PARTIALLY APPROVED',
  DECLINED: 'DECLINED',
  FAILED: 'TRANSACTION FAILED',
  CANCELLED: 'CANCELLED',
}

const line = (id: string, left: string, right: string): string =>
  `<div id="${id}"><span class="left">${escapeHtml(left)}</span><span class="right">${escapeHtml(right)}</span></div>`

function timestamp(ms: number): { date: string; time: string } {
  const iso = new Date(ms).toISOString()
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) }
}

/** One copy of the receipt for a finished operation. */
export function renderReceipt(result: TransactionResult, copy: ReceiptCopy): string {
  const str = (key: string): string =>
    typeof result[key] === 'string' ? (result[key] as string) : ''
  const currency = result.currency ?? ''
  const amount = formatMajor(result.totalAmount || result.requestedAmount || 0, currency)
  const { date, time } = timestamp(
    typeof result.efttimestamp === 'number' ? result.efttimestamp : Date.now(),
  )
  const copyLabel = copy === 'customer' ? '** CUSTOMER COPY **' : '** MERCHANT COPY **'
  const cvm =
    result.verificationMethod === 'PIN'
      ? 'PIN VERIFIED'
      : result.verificationMethod === 'SIGNATURE'
        ? 'SIGNATURE'
        : 'NO CARDHOLDER VERIFICATION'
  const signatureLine =
    copy === 'merchant' && result.verificationMethod === 'SIGNATURE'
      ? '<div class="separator dotted"></div><div class="left small">Cardholder signature</div><div class="separator solid"></div>'
      : ''
  const errorLine = result.errorMessage
    ? `<div id="error_response_message" class="center small">${escapeHtml(result.errorMessage)}</div>`
    : ''
  return [
    '<html><head><meta charset="utf-8"><style>',
    'body{font-family:monospace;width:58mm;margin:0 auto;font-size:12px}',
    '.large{font-size:16px}.bold{font-weight:bold}.center{text-align:center}.small{font-size:10px}',
    '.left{float:left}.right{float:right}div{clear:both;overflow:hidden}',
    '.separator.solid{border-top:1px solid #000;margin:4px 0}.separator.dotted{border-top:1px dotted #000;margin:4px 0}',
    '</style></head><body>',
    `<header><div class="center large bold">${escapeHtml(str('merchantName'))}</div>`,
    `<div class="center small">${escapeHtml(str('merchantAddress'))}</div>`,
    `<div class="small">${line('datetime', date, time)}</div></header>`,
    '<main>',
    `<div id="response" class="center large bold">${escapeHtml(RESPONSE_LABELS[result.finStatus] ?? result.finStatus)}</div>`,
    errorLine,
    `<div id="txn_type" class="center bold">${escapeHtml(TYPE_LABELS[result.type ?? ''] ?? result.type ?? '')}</div>`,
    `<div class="separator solid"></div>`,
    `<div id="amount" class="large bold">${line('amount_line', 'AMOUNT', `${currency} ${amount}`)}</div>`,
    result.dueAmount
      ? line('due_amount', 'AMOUNT DUE', `${currency} ${formatMajor(result.dueAmount, currency)}`)
      : '',
    '<div class="separator dotted"></div>',
    line('mid', 'MID', str('mid')),
    line('tid', 'TID', str('tid')),
    line('card_number', str('cardSchemeName') || 'CARD', result.maskedCardNumber ?? ''),
    line('entry', 'ENTRY', str('cardEntryType')),
    `<div id="cvm" class="center small">${cvm}</div>`,
    line('auth_code', 'AUTH CODE', result.authorisationCode ?? ''),
    line('tender_type', 'TENDER', str('tenderType')),
    `<div id="guid" class="small">${escapeHtml(result.transactionID ?? '')}</div>`,
    signatureLine,
    '<div class="separator dotted"></div>',
    line('aid', 'AID', str('aid')),
    line('tvr', 'TVR', str('tvr')),
    line('iad', 'IAD', str('iad')),
    line('tsi', 'TSI', str('tsi')),
    line('arc', 'ARC', str('arc')),
    `<div id="receipt_type_description" class="center bold">${copyLabel}</div>`,
    '</main><footer><div class="center small">Simulated by POS Companion. No money was moved.</div></footer>',
    '</body></html>',
  ].join('')
}

/** A drawn "signature" (the simulator's stand-in for the terminal's uploaded signature image). */
export const SIGNATURE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" viewBox="0 0 300 100">' +
  '<path d="M10 70 C 40 10, 60 10, 80 60 S 120 90, 150 40 S 200 20, 220 70 S 270 60, 290 30" ' +
  'fill="none" stroke="#000" stroke-width="3"/></svg>'
