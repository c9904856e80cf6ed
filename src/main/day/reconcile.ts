import type { BatchDetail, BatchSummary } from './batch'
import {
  BatchGatewayError,
  type BatchGateway,
  type DayJournal,
  type ResolvePending,
  type StatusFacts,
  type TerminalRef,
} from './ports'
import {
  journalLines,
  verdictFor,
  type BatchEvidence,
  type Difference,
  type TerminalVerdict,
  type UnconfirmedReason,
} from './reconcile-match'
import { isApproved, isFinancial, isPending, movementOf, type DayPayment } from './records'

/**
 * Reconciling one business day with Handpoint: first the journal is made as true as it can be
 * (outcomes not final are resolved by reference, approved entries that lack an RRN or amount are
 * read again from the status chain; nothing is ever sent again), then each terminal's batch
 * detail is matched to the journal and the terminal gets its verdict.
 */

export interface ReconcileDeps {
  journal: DayJournal
  /** Undefined when the merchant's key cannot be used now: every verdict is unconfirmed. */
  gateway: BatchGateway | undefined
  resolvePending?: ResolvePending
  now(): number
}

export interface ReconcileRequest {
  merchantId: string
  date: string
  window: { from: number; to: number }
  defaultCurrency: string
}

export interface ReconcileOutcome {
  merchantId: string
  date: string
  at: number
  verdicts: TerminalVerdict[]
  /** Entries checked again by reference. */
  rechecked: number
  /** Of those, the ones whose outcome is still not known. */
  stillUnknown: number
}

/** How far back a batch may reach: a batch left open for a week is still matched whole. */
export const BATCH_LOOKBACK_MS = 7 * 86_400_000
/** Status chains read per terminal for differences; keeps the key's request budget for payments. */
const MAX_CHAIN_LOOKUPS = 10

export async function reconcileDay(
  deps: ReconcileDeps,
  request: ReconcileRequest,
): Promise<ReconcileOutcome> {
  const { journal, gateway } = deps
  const { merchantId, window } = request
  let day = journal.paymentsBetween({ merchantId, ...window })
  const pending = day.filter((p) => isFinancial(p.operation) && isPending(p.state))
  if (deps.resolvePending && gateway) {
    for (const p of pending) await deps.resolvePending(p.id).catch(() => undefined)
    day = journal.paymentsBetween({ merchantId, ...window })
  }
  const stillUnknown = day.filter((p) => isFinancial(p.operation) && isPending(p.state)).length
  const overlay = gateway ? await readOddEntries(gateway, journal, merchantId, day) : new Map()
  const withFacts = (p: DayPayment): DayPayment => ({ ...p, ...overlay.get(p.id) })

  const closes = journal.batchCloses({ merchantId, ...window })
  const terminals = new Map<string, TerminalRef>()
  for (const p of day) {
    if (isApproved(p.state) && isMoney(p)) {
      terminals.set(p.terminalSerial, { serial: p.terminalSerial, type: p.terminalType ?? '' })
    }
  }
  for (const c of closes) terminals.set(c.terminal, { serial: c.terminal, type: c.terminalType })

  const verdicts: TerminalVerdict[] = []
  for (const terminal of [...terminals.values()].sort((a, b) => (a.serial < b.serial ? -1 : 1))) {
    const ofDay = day.filter((p) => p.terminalSerial === terminal.serial).map(withFacts)
    const wide = journal
      .paymentsBetween({
        merchantId,
        terminalSerial: terminal.serial,
        from: window.from - BATCH_LOOKBACK_MS,
        to: Math.max(window.to, deps.now() + 1),
      })
      .map(withFacts)
    const closed = closes.filter((c) => c.terminal === terminal.serial && c.state === 'closed')
    const numbers = new Set<string>()
    for (const p of ofDay)
      if (p.batchNumber && isApproved(p.state) && isMoney(p)) numbers.add(p.batchNumber)
    for (const c of closed) if (c.answer?.batchNumber) numbers.add(c.answer.batchNumber)
    const currency = mainCurrency(ofDay) ?? request.defaultCurrency
    if (!gateway) {
      verdicts.push({
        terminal: terminal.serial,
        verdict: 'unconfirmed',
        reason: 'handpoint_unreachable',
      })
      continue
    }
    if (numbers.size === 0) {
      verdicts.push({
        terminal: terminal.serial,
        verdict: 'unconfirmed',
        reason: 'no_batch_number',
      })
      continue
    }
    const numbered = wide.some((p) => p.batchNumber)
    const perBatch: TerminalVerdict[] = []
    for (const batchNumber of [...numbers].sort()) {
      const set = numbered ? wide.filter((p) => p.batchNumber === batchNumber) : ofDay
      const lines = journalLines(set, journal.linkedTo(merchantId, set))
      const inSet = new Set(set.map((p) => p.rrn).filter(Boolean))
      const elsewhere = new Set(
        wide.map((p) => p.rrn).filter((r): r is string => !!r && !inSet.has(r)),
      )
      const evidence = await batchEvidence(gateway, terminal, batchNumber, currency)
      perBatch.push(verdictFor(terminal.serial, lines, evidence, (rrn) => elsewhere.has(rrn)))
    }
    const verdict = combine(terminal.serial, perBatch)
    if (verdict.verdict === 'do_not_agree') {
      verdict.differences = await annotate(gateway, verdict.differences, [...wide, ...ofDay])
    }
    verdicts.push(verdict)
  }
  return {
    merchantId,
    date: request.date,
    at: deps.now(),
    verdicts,
    rechecked: pending.length + overlay.size,
    stillUnknown,
  }
}

function isMoney(p: DayPayment): boolean {
  const m = movementOf(p.operation)
  return m === 'sale' || m === 'refund' || m === 'capture' || m === 'reversal'
}

function mainCurrency(payments: readonly DayPayment[]): string | undefined {
  const counts = new Map<string, number>()
  for (const p of payments)
    if (p.currency) counts.set(p.currency, (counts.get(p.currency) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
}

/** Detail first (it names each line); the summary when the detail cannot be had. */
async function batchEvidence(
  gateway: BatchGateway,
  terminal: TerminalRef,
  batchNumber: string,
  currency: string,
): Promise<BatchEvidence> {
  let detail: BatchDetail | undefined
  let summary: BatchSummary | undefined
  let failure: UnconfirmedReason = 'handpoint_unreachable'
  try {
    detail = await gateway.batchDetail({ terminal, batchNumber, currency })
  } catch (err) {
    failure = reasonOf(err)
    if (failure !== 'batch_not_supported') {
      summary = await gateway
        .batchSummary({ terminal, batchNumber, currency })
        .catch(() => undefined)
    }
  }
  if (!detail && !summary) return { kind: 'unavailable', reason: failure, batchNumber }
  return { kind: 'answered', batchNumber, detail, summary }
}

function reasonOf(err: unknown): UnconfirmedReason {
  if (err instanceof BatchGatewayError) {
    if (err.kind === 'unsupported') return 'batch_not_supported'
    if (err.kind === 'batch_number_required') return 'batch_number_required'
  }
  return 'handpoint_unreachable'
}

function combine(terminal: string, verdicts: TerminalVerdict[]): TerminalVerdict {
  const numbers = verdicts
    .map((v) => v.batchNumber)
    .filter(Boolean)
    .join(', ')
  const unconfirmed = verdicts.find((v) => v.verdict === 'unconfirmed')
  if (unconfirmed) return { ...unconfirmed, batchNumber: numbers || undefined }
  const differences = verdicts.flatMap((v) => (v.verdict === 'do_not_agree' ? v.differences : []))
  return differences.length > 0
    ? { terminal, verdict: 'do_not_agree', batchNumber: numbers, differences }
    : { terminal, verdict: 'confirmed', batchNumber: numbers }
}

/**
 * Approved money movements without an RRN or an amount look wrong: read them again from the
 * status chain of their original's reference. Returns the facts found, by payment id.
 */
async function readOddEntries(
  gateway: BatchGateway,
  journal: DayJournal,
  merchantId: string,
  day: readonly DayPayment[],
): Promise<Map<string, Partial<DayPayment>>> {
  const odd = day.filter(
    (p) => isApproved(p.state) && isMoney(p) && (!p.rrn || p.totalMinor === undefined),
  )
  const found = new Map<string, Partial<DayPayment>>()
  if (odd.length === 0) return found
  const known = [...day, ...journal.linkedTo(merchantId, odd)]
  for (const p of odd.slice(0, MAX_CHAIN_LOOKUPS * 5)) {
    const chain = await chainOf(gateway, p, known)
    const element =
      chain?.find((e) => e.transactionId && e.transactionId === p.transactionId) ??
      (p.originalTransactionId ? undefined : chain?.[0])
    if (!element) continue
    const facts: Partial<DayPayment> = {}
    if (!p.rrn && element.rrn) facts.rrn = element.rrn
    if (p.totalMinor === undefined && element.totalMinor !== undefined)
      facts.totalMinor = element.totalMinor
    if (!p.batchNumber && element.batchNumber) facts.batchNumber = element.batchNumber
    if (Object.keys(facts).length > 0) found.set(p.id, facts)
  }
  return found
}

/** The chain that holds `p`: its own for an original, its original's for a linked operation. */
async function chainOf(
  gateway: BatchGateway,
  p: DayPayment,
  known: readonly DayPayment[],
): Promise<StatusFacts[] | undefined> {
  const original = p.originalTransactionId
    ? known.find((k) => k.transactionId === p.originalTransactionId)
    : p
  if (!original) return undefined
  return gateway.statusChain(original.transactionReference).catch(() => undefined)
}

/** Adds what Handpoint's status chain says now about journal entries the batch lacks. */
async function annotate(
  gateway: BatchGateway,
  differences: Difference[],
  known: readonly DayPayment[],
): Promise<Difference[]> {
  let lookups = 0
  const out: Difference[] = []
  for (const d of differences) {
    if (
      (d.kind !== 'here_not_in_batch' && d.kind !== 'amount_differs') ||
      lookups >= MAX_CHAIN_LOOKUPS
    ) {
      out.push(d)
      continue
    }
    const p = known.find((k) => k.id === d.paymentId)
    lookups += 1
    const chain = p ? await chainOf(gateway, p, known) : undefined
    const element = chain?.find((e) => e.transactionId === p?.transactionId) ?? chain?.[0]
    out.push(element ? { ...d, handpointStatus: element.finStatus } : d)
  }
  return out
}
