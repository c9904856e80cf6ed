import type { PaymentRecord } from '@shared/contract'
import { msg, type Message } from '@shared/messages'
import type { CopyMeta, ReceiptMeta } from './store'

/**
 * Reads the receipt fields of a final result (docs/handpoint-api.md §4.2, §4.7): `customerReceipt` and
 * `merchantReceipt` are a URL to hosted HTML, the HTML itself when the terminal could not upload,
 * or "" when there is none; `signatureUrl` is a URL, a base64 image, or "".
 */

export type Incoming =
  | { kind: 'none' }
  | { kind: 'url'; url: string }
  | { kind: 'inline'; content: string }
  | { kind: 'invalid'; reason: Message }

export function classifyReceipt(value: string | undefined, maxBytes: number): Incoming {
  const text = (value ?? '').trim()
  if (!text) return { kind: 'none' }
  if (/^https?:\/\//i.test(text)) return { kind: 'url', url: text }
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    return { kind: 'invalid', reason: msg('receipt_invalid') }
  }
  return { kind: 'inline', content: text }
}

/** Magic bytes of the image formats terminals send signatures in. */
const IMAGE_MAGIC: [string, number[]][] = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', [0x47, 0x49, 0x46]],
  ['image/bmp', [0x42, 0x4d]],
  ['image/webp', [0x52, 0x49, 0x46, 0x46]],
]

/** The image type of `bytes`, or undefined when it is not an image we show. */
export function sniffImage(bytes: Uint8Array): string | undefined {
  const magic = IMAGE_MAGIC.find(([, m]) => m.every((b, i) => bytes[i] === b))?.[0]
  if (magic) return magic
  // SVG signatures (the simulator draws one). Shown only through <img>, where SVG runs no script
  // and loads nothing.
  const head = Buffer.from(bytes.subarray(0, 256)).toString('utf8').trimStart()
  return /^(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(head) ? 'image/svg+xml' : undefined
}

export function classifySignature(value: string | undefined, maxBytes: number): Incoming {
  const text = (value ?? '').trim()
  if (!text) return { kind: 'none' }
  if (/^https?:\/\//i.test(text)) return { kind: 'url', url: text }
  const base64 = text.replace(/^data:image\/[a-z.+-]+;base64,/i, '').replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]+=*$/.test(base64) || (base64.length * 3) / 4 > maxBytes) {
    return { kind: 'invalid', reason: msg('signature_invalid') }
  }
  const type = sniffImage(Buffer.from(base64, 'base64'))
  if (!type) return { kind: 'invalid', reason: msg('signature_invalid') }
  return { kind: 'inline', content: `data:${type};base64,${base64}` }
}

function initialCopy(incoming: Incoming, now: number, noneBecause?: Message): CopyMeta {
  switch (incoming.kind) {
    case 'none':
      return {
        status: 'none',
        source: 'none',
        attempts: 0,
        printedCount: 0,
        ...(noneBecause ? { reason: noneBecause } : {}),
      }
    case 'url':
      return { status: 'pending', source: 'url', url: incoming.url, attempts: 0, printedCount: 0 }
    case 'inline':
      return { status: 'stored', source: 'inline', attempts: 0, storedAt: now, printedCount: 0 }
    case 'invalid':
      return {
        status: 'failed',
        source: 'inline',
        reason: incoming.reason,
        retryable: false,
        attempts: 0,
        printedCount: 0,
      }
  }
}

export interface Intake {
  meta: ReceiptMeta
  /** Content carried inline, to store right away. */
  inline: Partial<Record<'customer' | 'merchant' | 'signature', string>>
}

/** The first meta of an operation's receipts, and whatever arrived inline. */
export function intakeFromRecord(record: PaymentRecord, maxBytes: number, now: number): Intake {
  const result = record.result ?? { finStatus: 'UNDEFINED' }
  const customer = classifyReceipt(result.customerReceipt, maxBytes)
  const merchant = classifyReceipt(result.merchantReceipt, maxBytes)
  const signature = classifySignature(result.signatureUrl, maxBytes)
  // The status service's answer has no receipts: say so, rather than "none" as if there were none.
  const byStatus = record.evidence.some((e) => e.code === 'evidence_result_by_status')
  const noneBecause = byStatus ? msg('receipt_none_by_status') : undefined
  const inline: Intake['inline'] = {}
  if (customer.kind === 'inline') inline.customer = customer.content
  if (merchant.kind === 'inline') inline.merchant = merchant.content
  if (signature.kind === 'inline') inline.signature = signature.content
  const meta: ReceiptMeta = {
    version: 1,
    paymentId: record.id,
    merchantId: record.merchantId,
    terminalSerial: record.terminalSerial,
    createdAt: now,
    customer: initialCopy(customer, now, noneBecause),
    merchant: initialCopy(merchant, now, noneBecause),
    signature: initialCopy(signature, now),
    askCustomerCopy: false,
    autoPrintDone: false,
    autoPrintWaiting: [],
  }
  if (result.transactionId) meta.transactionId = result.transactionId
  if (result.finStatus) meta.finStatus = result.finStatus
  if (result.verificationMethod) meta.verificationMethod = result.verificationMethod
  return { meta, inline }
}

/**
 * Parts a later copy of the record carries that the first did not (receipts read from the
 * terminal's result after the status service settled it, or a late callback): what to change in
 * `meta` and what arrived inline. Parts already fetched, stored or failed are left as they are.
 */
export function lateParts(
  meta: ReceiptMeta,
  record: PaymentRecord,
  maxBytes: number,
  now: number,
): Intake | undefined {
  const later = intakeFromRecord(record, maxBytes, now)
  // Only the same outcome may fill in: a copy that says something else is not this payment's.
  if (later.meta.finStatus !== meta.finStatus) return undefined
  let changed = false
  const next: ReceiptMeta = { ...meta }
  const inline: Intake['inline'] = {}
  for (const part of ['customer', 'merchant', 'signature'] as const) {
    if (meta[part].status !== 'none' || later.meta[part].status === 'none') continue
    next[part] = later.meta[part]
    const content = later.inline[part]
    if (content !== undefined) inline[part] = content
    changed = true
  }
  if (!changed) return undefined
  if (!next.transactionId && later.meta.transactionId) next.transactionId = later.meta.transactionId
  return { meta: next, inline }
}
