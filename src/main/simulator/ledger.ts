import type { Batch, BatchEntry } from './batches'
import type { MerchantState, SimContext } from './context'
import { uuidV1Like } from './ids'
import type { TxRecord } from './store'
import { isMoto, type SimTerminal } from './terminal'

/**
 * Which batch an approved money movement lands in, and what a reversal does to it. Our rules
 * (Handpoint's documentation only says that voids become refunds after the close):
 * - sales, refunds and pre-auth captures are booked with their RRN and charged amount;
 * - a reversal before the close takes the original out of the open batch (it never settles);
 * - after the close a sale reversal is processed as a refund and booked as one; other reversals
 *   of a closed-batch item are declined (see results.ts);
 * - MOTO operations are booked on the merchant's virtual terminal when it has one.
 */

type Operation = TxRecord['request']['operation']
type Result = NonNullable<TxRecord['gatewayResult']>

const APPROVED = new Set(['AUTHORISED', 'PARTIAL_APPROVAL', 'CAPTURED'])
const BOOKED = new Set([
  'sale',
  'saleAndTokenizeCard',
  'moToSale',
  'refund',
  'moToRefund',
  'preAuthorizationCapture',
])
const REVERSALS = new Set(['saleReversal', 'refundReversal', 'moToReversal'])

/** The terminal whose batch an operation belongs to. */
export function bookingTerminal(
  merchant: MerchantState,
  terminal: SimTerminal,
  operation: Operation,
): SimTerminal {
  if (!isMoto(operation)) return terminal
  return merchant.terminals.find((t) => t.virtual) ?? terminal
}

export function locate(
  merchant: MerchantState,
  transactionID: string,
): { terminal: SimTerminal; batch: Batch; entry: BatchEntry } | undefined {
  for (const terminal of merchant.terminals) {
    const found = terminal.book.locate(transactionID)
    if (found) return { terminal, ...found }
  }
  return undefined
}

/** True when the operation's money already left in a closed batch. */
export function batchedOut(merchant: MerchantState, transactionID: string): boolean {
  return locate(merchant, transactionID)?.batch.closed !== undefined
}

/** Whether a reversal of `original` comes after the close of the batch that settles it. */
export function afterClose(ctx: SimContext, merchant: MerchantState, original: TxRecord): boolean {
  if (batchedOut(merchant, original.transactionID)) return true
  // Reversing a pre-authorisation also reverses its capture, which may have settled.
  return ctx.store
    .linkedTo(original.transactionID)
    .some(
      (linked) =>
        linked.request.operation === 'preAuthorizationCapture' &&
        batchedOut(merchant, linked.transactionID),
    )
}

function removeFromOpen(merchant: MerchantState, transactionID: string): void {
  const found = locate(merchant, transactionID)
  if (found && !found.batch.closed) found.terminal.book.remove(found.entry)
}

/**
 * Books the outcome of an operation that reached the gateway. Returns the batch number the
 * terminal reports on the result (the open batch of the terminal it is booked on).
 */
export function book(
  ctx: SimContext,
  merchant: MerchantState,
  terminal: SimTerminal,
  record: TxRecord,
  result: Result,
): string {
  const operation = record.request.operation
  const target = bookingTerminal(merchant, terminal, operation)
  const approved = APPROVED.has(result.finStatus)
  const original = record.request.originalTransactionId
  const entry = (): BatchEntry => ({
    transactionID: record.transactionID,
    transactionType: result.type ?? 'SALE',
    ...(result.rrn ? { rrn: result.rrn } : {}),
    amountMinor: result.totalAmount ?? 0,
    currency: result.currency ?? 'EUR',
    batchDetailElementGuid: uuidV1Like(ctx.now(), ctx.rng),
    origin: 'CLOUD',
  })
  if (approved && (BOOKED.has(operation) || result.type === 'REFUND')) {
    target.book.open.entries.push(entry())
  } else if (approved && original && REVERSALS.has(operation)) {
    removeFromOpen(merchant, original)
  } else if (approved && original && operation === 'preAuthorizationReversal') {
    for (const linked of ctx.store.linkedTo(original)) {
      if (linked.request.operation === 'preAuthorizationCapture')
        removeFromOpen(merchant, linked.transactionID)
    }
  }
  return String(target.book.open.number)
}

/** A tip adjustment changes the charged amount of a sale still in the open batch. */
export function adjustBookedTip(
  merchant: MerchantState,
  record: TxRecord,
  tipMinor: number,
): 'adjusted' | 'batched-out' | 'not-booked' {
  const found = locate(merchant, record.transactionID)
  if (!found) return 'not-booked'
  if (found.batch.closed) return 'batched-out'
  found.entry.amountMinor = (record.gatewayResult?.totalAmount ?? 0) + tipMinor
  return 'adjusted'
}
