import type {
  BrandTotals,
  DayException,
  DayReport,
  MoneyLine,
  TerminalTotals,
} from '@shared/contract/day.contract'
import {
  addMinor,
  entryMethodOf,
  isApproved,
  isFinancial,
  isPending,
  isPreAuthorization,
  movedAmount,
  movementOf,
  normaliseBrand,
  reversalSign,
  type DayPayment,
} from './records'

export type {
  BrandTotals,
  DayException,
  DayReport,
  MoneyLine,
  TerminalTotals,
} from '@shared/contract/day.contract'

/**
 * The day report: pure functions over the operations of one business day. No network, no clock
 * of its own (`now` comes in), no store: the service hands it what the store found.
 *
 * Rules (the Z report prints them too):
 * - sales, refunds and captures count every approved one of the day, reversed or not; a reversal
 *   counts in `reversals` on the day it was approved;
 * - net = the signed sum of the day's approved money movements: sales + captures − refunds, with
 *   reversed ones taken out again by their reversal (a reversed sale is in `sales` and in
 *   `reversals`, not in `net`);
 * - tips are the tips inside those sales and captures;
 * - declined, failed and cancelled are counted for information; they never touch money.
 */

export interface DayReportInput {
  date: string
  window: { from: number; to: number }
  /** The operations created inside the window. */
  payments: readonly DayPayment[]
  /**
   * Operations outside the window linked to those inside (the original of a reversal, the later
   * capture of a pre-authorisation): they decide signs and what is still open, never totals.
   */
  linked?: readonly DayPayment[]
  now: number
  /** For declined operations whose request named no currency. */
  defaultCurrency: string
}

const line = (): MoneyLine => ({ count: 0, amount: 0 })
const add = (l: MoneyLine, amount: number): void => {
  l.count += 1
  l.amount = addMinor(l.amount, amount)
}

/** Builds the day report; the same input always gives the same report. */
export function buildDayReport(input: DayReportInput): DayReport {
  // Only originals that something in the day refers to are indexed (a few in a hundred).
  const wanted = new Set<string>()
  for (const p of input.payments) if (p.originalTransactionId) wanted.add(p.originalTransactionId)
  const byTransaction = new Map<string, DayPayment>()
  for (const list of [input.linked ?? [], input.payments]) {
    for (const p of list) {
      if (p.transactionId && wanted.has(p.transactionId)) byTransaction.set(p.transactionId, p)
    }
  }
  const originalOf = (p: DayPayment): DayPayment | undefined =>
    p.originalTransactionId ? byTransaction.get(p.originalTransactionId) : undefined

  const totals = new Map<string, TerminalTotals>()
  const brands = new Map<string, BrandTotals>()
  const exceptions: DayException[] = []
  const totalsFor = (terminal: string, currency: string): TerminalTotals => {
    const key = `${terminal}\u0000${currency}`
    let t = totals.get(key)
    if (!t) {
      t = {
        terminal,
        currency,
        sales: line(),
        refunds: line(),
        reversals: line(),
        captures: line(),
        tips: line(),
        net: 0,
        declined: 0,
        failed: 0,
        cancelled: 0,
      }
      totals.set(key, t)
    }
    return t
  }

  const brandOf = memo(normaliseBrand)
  const exceptionOf = (p: DayPayment, currency: string) => ({
    paymentId: p.id,
    terminal: p.terminalSerial,
    operation: p.operation,
    currency,
    amount: movedAmount(p),
    at: p.createdAt,
  })
  for (const p of input.payments) {
    if (!isFinancial(p.operation)) continue
    const original = originalOf(p)
    const currency = p.currency ?? original?.currency ?? input.defaultCurrency
    if (isPending(p.state)) {
      exceptions.push({ ...exceptionOf(p, currency), kind: 'outcome_unknown', state: p.state })
      continue
    }
    const t = totalsFor(p.terminalSerial, currency)
    if (p.state === 'declined') t.declined += 1
    else if (p.state === 'failed') t.failed += 1
    else if (p.state === 'cancelled') t.cancelled += 1
    if (!isApproved(p.state)) continue

    const signed = signedEffect(p, original, movedAmount(p), t)
    if (signed === undefined) continue
    t.net = addMinor(t.net, signed)
    const card = original && !p.cardSchemeName ? original : p
    const brand = brandOf(card.cardSchemeName ?? '')
    const entry = entryMethodOf(card)
    const bKey = `${brand}\u0000${entry}\u0000${currency}`
    let b = brands.get(bKey)
    if (!b) {
      b = { brand, entry, currency, count: 0, amount: 0 }
      brands.set(bKey, b)
    }
    b.count += 1
    b.amount = addMinor(b.amount, signed)
    if (p.receiptMissing) exceptions.push({ ...exceptionOf(p, currency), kind: 'receipt_missing' })
  }

  exceptions.push(...openPreAuthorizations(input))
  return {
    date: input.date,
    from: input.window.from,
    to: input.window.to,
    generatedAt: input.now,
    terminals: [...totals.values()].sort(
      (a, b) => compare(a.terminal, b.terminal) || compare(a.currency, b.currency),
    ),
    brands: [...brands.values()].sort(
      (a, b) =>
        compare(a.currency, b.currency) || compare(a.brand, b.brand) || compare(a.entry, b.entry),
    ),
    exceptions: exceptions.sort((a, b) => a.at - b.at || compare(a.paymentId, b.paymentId)),
  }
}

/**
 * Counts an approved operation in its bucket and returns what it does to the net; undefined for
 * operations that hold money without moving it (pre-authorisations, releases).
 */
function signedEffect(
  p: DayPayment,
  original: DayPayment | undefined,
  amount: number,
  t: TerminalTotals,
): number | undefined {
  switch (movementOf(p.operation)) {
    case 'sale':
      add(t.sales, amount)
      if (p.tipMinor) add(t.tips, p.tipMinor)
      return amount
    case 'capture':
      add(t.captures, amount)
      if (p.tipMinor) add(t.tips, p.tipMinor)
      return amount
    case 'refund':
      add(t.refunds, amount)
      return -amount
    case 'reversal': {
      const sign = reversalSign(p, original)
      if (sign === 0) return undefined
      add(t.reversals, amount)
      return sign * amount
    }
    default:
      return undefined
  }
}

/** Approved pre-authorisations of the day that no approved capture or reversal has closed. */
function openPreAuthorizations(input: DayReportInput): DayException[] {
  const closed = new Set<string>()
  const increases = new Map<string, number>()
  for (const list of [input.linked ?? [], input.payments]) {
    for (const p of list) {
      if (!p.originalTransactionId || !isApproved(p.state)) continue
      if (p.operation === 'preAuthorizationIncrease') {
        const before = increases.get(p.originalTransactionId) ?? 0
        increases.set(p.originalTransactionId, addMinor(before, movedAmount(p)))
      } else if (
        p.operation === 'preAuthorizationCapture' ||
        p.operation === 'preAuthorizationReversal'
      ) {
        closed.add(p.originalTransactionId)
      }
    }
  }
  const open: DayException[] = []
  for (const p of input.payments) {
    if (!isPreAuthorization(p.operation) || !isApproved(p.state)) continue
    if (p.transactionId && closed.has(p.transactionId)) continue
    const held = addMinor(movedAmount(p), (p.transactionId && increases.get(p.transactionId)) || 0)
    open.push({
      kind: 'open_preauth',
      paymentId: p.id,
      terminal: p.terminalSerial,
      operation: p.operation,
      currency: p.currency ?? input.defaultCurrency,
      amount: held,
      at: p.createdAt,
      ageMinutes: Math.max(0, Math.floor((input.now - p.createdAt) / 60_000)),
    })
  }
  return open
}

/** Remembers a pure function's answers (brand spellings repeat thousands of times a year). */
function memo(fn: (raw: string) => string): (raw: string) => string {
  const seen = new Map<string, string>()
  return (raw) => {
    let value = seen.get(raw)
    if (value === undefined) {
      value = fn(raw)
      seen.set(raw, value)
    }
    return value
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
