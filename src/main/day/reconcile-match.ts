import type {
  Difference,
  JournalKind,
  TerminalVerdict,
  UnconfirmedReason,
} from '@shared/contract/day.values'
import { batchKindOf, type BatchDetail, type BatchKind, type BatchSummary } from './batch'
import {
  addMinor,
  isApproved,
  movedAmount,
  movementOf,
  reversalSign,
  type DayPayment,
} from './records'

/**
 * Matching the journal to a terminal's batch by RRN + amount + type, and the verdict that
 * follows, in the words of UK banking reports: totals confirmed, totals do not agree, or
 * unconfirmed. Pure: the service fetches, this decides.
 */

export type {
  Difference,
  JournalKind,
  TerminalVerdict,
  UnconfirmedReason,
} from '@shared/contract/day.values'

/** One approved money movement the batch should (or, when voided, may) hold. */
export interface JournalLine {
  paymentId: string
  kind: JournalKind
  amount: number
  /** +1 or -1: what it does to the net. */
  sign: 1 | -1
  rrn?: string
  /** Undone by a reversal inside the same batch: acquirers drop both, or keep both. */
  voided: boolean
}

/**
 * The journal side of a batch: the approved money movements among `payments` (one terminal,
 * one batch), each marked voided when a reversal inside the same set undoes it. `linked` holds
 * originals from before the set, to sign reversals whose original was in an earlier batch.
 */
export function journalLines(
  payments: readonly DayPayment[],
  linked: readonly DayPayment[] = [],
): JournalLine[] {
  const byTx = new Map<string, DayPayment>()
  for (const p of [...linked, ...payments]) if (p.transactionId) byTx.set(p.transactionId, p)
  const inSet = new Set(payments.map((p) => p.transactionId).filter(Boolean))
  const undone = new Set<string>()
  for (const p of payments) {
    if (isApproved(p.state) && movementOf(p.operation) === 'reversal' && p.originalTransactionId) {
      if (inSet.has(p.originalTransactionId)) undone.add(p.originalTransactionId)
    }
  }
  const lines: JournalLine[] = []
  for (const p of payments) {
    if (!isApproved(p.state)) continue
    const movement = movementOf(p.operation)
    let sign: 1 | -1
    if (movement === 'sale' || movement === 'capture') sign = 1
    else if (movement === 'refund') sign = -1
    else if (movement === 'reversal') {
      const original = p.originalTransactionId ? byTx.get(p.originalTransactionId) : undefined
      const s = reversalSign(p, original)
      if (s === 0) continue
      sign = s
    } else continue
    const voided =
      (p.transactionId !== undefined && undone.has(p.transactionId)) ||
      (movement === 'reversal' && !!p.originalTransactionId && inSet.has(p.originalTransactionId))
    lines.push({
      paymentId: p.id,
      kind: movement,
      amount: movedAmount(p),
      sign,
      rrn: p.rrn || undefined,
      voided,
    })
  }
  return lines
}

/** A batch line of `batch` kind can stand for a journal line of `journal` kind. */
function compatible(journal: JournalKind, batch: BatchKind): boolean {
  // After a close, a reversal of an earlier batch's payment is settled as a refund.
  return journal === batch || (journal === 'reversal' && batch === 'refund')
}

/**
 * The lines that differ between the journal and the batch detail. `knownElsewhere` says whether
 * an RRN is in the journal outside this set (a payment of an earlier day still in the batch):
 * such a line is not a difference.
 */
export function matchBatch(
  journal: readonly JournalLine[],
  detail: BatchDetail,
  knownElsewhere: (rrn: string) => boolean = () => false,
): Difference[] {
  const used = new Set<JournalLine>()
  const byRrn = new Map<string, JournalLine[]>()
  for (const j of journal) if (j.rrn) byRrn.set(j.rrn, [...(byRrn.get(j.rrn) ?? []), j])
  const differences: Difference[] = []
  const withoutRrn = detail.lines.filter((l) => !l.rrn)

  for (const line of detail.lines) {
    if (!line.rrn) continue
    const kind = batchKindOf(line.type)
    const candidates = (byRrn.get(line.rrn) ?? []).filter(
      (j) => !used.has(j) && compatible(j.kind, kind),
    )
    const exact = candidates.find((j) => j.amount === line.amountMinor)
    const found = exact ?? candidates[0]
    if (found) {
      used.add(found)
      if (found.amount !== line.amountMinor) {
        differences.push({
          kind: 'amount_differs',
          paymentId: found.paymentId,
          type: found.kind,
          rrn: line.rrn,
          journalAmount: found.amount,
          batchAmount: line.amountMinor,
        })
      }
    } else if (!knownElsewhere(line.rrn)) {
      differences.push({
        kind: 'in_batch_not_here',
        type: line.type,
        amount: line.amountMinor,
        rrn: line.rrn,
      })
    }
  }
  // Lines without an RRN can only be matched by type and amount, preferring journal lines that
  // have no RRN either.
  for (const line of withoutRrn) {
    const kind = batchKindOf(line.type)
    const open = journal.filter(
      (j) => !used.has(j) && compatible(j.kind, kind) && j.amount === line.amountMinor,
    )
    const found = open.find((j) => !j.rrn) ?? open[0]
    if (found) used.add(found)
    else differences.push({ kind: 'in_batch_not_here', type: line.type, amount: line.amountMinor })
  }
  for (const j of journal) {
    if (used.has(j) || j.voided) continue
    differences.push({
      kind: 'here_not_in_batch',
      paymentId: j.paymentId,
      type: j.kind,
      amount: j.amount,
      rrn: j.rrn,
    })
  }
  return differences
}

/** When only the summary is available: its count and net against the journal's. */
export function compareSummary(
  journal: readonly JournalLine[],
  summary: BatchSummary,
): Difference[] {
  const standing = journal.filter((j) => !j.voided)
  const net = standing.reduce((sum, j) => addMinor(sum, j.sign * j.amount), 0)
  const differences: Difference[] = []
  if (summary.transactionCount !== undefined && summary.transactionCount !== standing.length) {
    differences.push({
      kind: 'summary_differs',
      field: 'transaction_count',
      journal: standing.length,
      batch: summary.transactionCount,
    })
  }
  if (summary.netMinor !== undefined && summary.netMinor !== net) {
    differences.push({
      kind: 'summary_differs',
      field: 'net',
      journal: net,
      batch: summary.netMinor,
    })
  }
  return differences
}

/** What the gateway said about a terminal's batch, as the service gathered it. */
export type BatchEvidence =
  | { kind: 'answered'; batchNumber: string; detail?: BatchDetail; summary?: BatchSummary }
  | { kind: 'unavailable'; reason: UnconfirmedReason; batchNumber?: string }

/** The verdict for one terminal. */
export function verdictFor(
  terminal: string,
  journal: readonly JournalLine[],
  evidence: BatchEvidence,
  knownElsewhere?: (rrn: string) => boolean,
): TerminalVerdict {
  if (evidence.kind === 'unavailable') {
    return {
      terminal,
      verdict: 'unconfirmed',
      reason: evidence.reason,
      batchNumber: evidence.batchNumber,
    }
  }
  const { batchNumber } = evidence
  let differences: Difference[]
  if (evidence.detail) differences = matchBatch(journal, evidence.detail, knownElsewhere)
  else if (evidence.summary) differences = compareSummary(journal, evidence.summary)
  else return { terminal, verdict: 'unconfirmed', reason: 'handpoint_unreachable', batchNumber }
  return differences.length === 0
    ? { terminal, verdict: 'confirmed', batchNumber }
    : { terminal, verdict: 'do_not_agree', batchNumber, differences }
}
