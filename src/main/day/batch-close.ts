import type { BatchCloseRecord } from './close-record'
import { dayError } from './day-error'
import { BatchGatewayError, type BatchGateway, type DayJournal, type TerminalRef } from './ports'
import { isApproved, movementOf } from './records'

/**
 * Closing a terminal's batch, with the care of a payment: the close is journalled before its
 * request leaves; a clear answer is kept whole; a lost answer (5xx, dropped connection, timeout)
 * makes the close `unknown`, which is resolved with the batch summary and never by closing again.
 * Summary and detail are fetched right after a close, while they are fresh.
 */

export interface CloseDeps {
  journal: DayJournal
  gateway: BatchGateway
  now(): number
  businessDayOf(instant: number): string
  /** Terminals with a close under way (merchant + serial), so two clicks make one close. */
  inFlight: Set<string>
}

export interface CloseRequest {
  merchantId: string
  terminal: TerminalRef
  /** The terminal's currency, for reading the summary's major-unit amounts. */
  currency: string
}

/** Closes the open batch of one terminal; resolves with the close as now recorded. */
export async function closeBatch(
  deps: CloseDeps,
  request: CloseRequest,
): Promise<BatchCloseRecord> {
  const { journal, gateway } = deps
  const { merchantId, terminal } = request
  const lock = `${merchantId}\u0000${terminal.serial}`
  if (deps.inFlight.has(lock))
    throw dayError('batch_close_in_progress', { terminal: terminal.serial })
  deps.inFlight.add(lock)
  try {
    const last = journal.batchCloses({ merchantId, terminalSerial: terminal.serial })[0]
    if (last && (last.state === 'requested' || last.state === 'unknown')) {
      const resolved = await resolveClose(deps, last, request.currency)
      if (resolved.state === 'requested' || resolved.state === 'unknown') {
        throw dayError('batch_close_unresolved', { terminal: terminal.serial })
      }
    }
    const batchNumber = openBatchNumber(deps, merchantId, terminal.serial)
    const now = deps.now()
    let record = journal.insertBatchClose({
      merchantId,
      terminal: terminal.serial,
      terminalType: terminal.type,
      businessDate: deps.businessDayOf(now),
      requestedAt: now,
      requestedBatchNumber: batchNumber,
      state: 'requested',
    })
    try {
      const answer = await gateway.closeBatch({ terminal, batchNumber })
      record = journal.updateBatchClose(record.id, {
        state: 'closed',
        answer,
        answeredAt: deps.now(),
      })
    } catch (err) {
      return await closeFailed(deps, record, err, request.currency)
    }
    return await fetchAfterClose(deps, record, request.currency)
  } finally {
    deps.inFlight.delete(lock)
  }
}

/**
 * Finds out what happened to a close whose answer was lost, with the summary of the batch it
 * meant to close: CLOSED means it happened, OPEN means it did not. Never sends a close.
 */
export async function resolveClose(
  deps: CloseDeps,
  record: BatchCloseRecord,
  currency: string,
): Promise<BatchCloseRecord> {
  const batchNumber = record.requestedBatchNumber ?? record.answer?.batchNumber
  const terminal = { serial: record.terminal, type: record.terminalType }
  if (!batchNumber) {
    return deps.journal.updateBatchClose(record.id, {
      state: 'unknown',
      error: { code: 'batch_close_unknown_no_number', params: { terminal: record.terminal } },
    })
  }
  let summary
  try {
    summary = await deps.gateway.batchSummary({ terminal, batchNumber, currency })
  } catch {
    return record.state === 'unknown'
      ? record
      : deps.journal.updateBatchClose(record.id, {
          state: 'unknown',
          error: { code: 'batch_close_answer_lost', params: { terminal: record.terminal } },
        })
  }
  const status = (summary.batchStatus ?? '').toUpperCase()
  if (status === 'CLOSED') {
    const closed = deps.journal.updateBatchClose(record.id, {
      state: 'closed',
      answeredAt: deps.now(),
      summary,
      answer: record.answer ?? {
        batchNumber: summary.batchNumber || batchNumber,
        closeBatchGuid: '',
        batchStatus: 'CLOSED',
        issuerResponseText: summary.issuerResponseText,
      },
      error: undefined,
    })
    return fetchAfterClose(deps, closed, currency)
  }
  if (status === 'OPEN') {
    return deps.journal.updateBatchClose(record.id, {
      state: 'failed',
      summary,
      error: { code: 'batch_close_not_done', params: { terminal: record.terminal, batchNumber } },
    })
  }
  return record
}

async function closeFailed(
  deps: CloseDeps,
  record: BatchCloseRecord,
  err: unknown,
  currency: string,
): Promise<BatchCloseRecord> {
  const terminal = record.terminal
  const kind = err instanceof BatchGatewayError ? err.kind : 'ambiguous'
  const failed = (code: string, params: Record<string, string> = { terminal }): BatchCloseRecord =>
    deps.journal.updateBatchClose(record.id, {
      state: 'failed',
      answeredAt: deps.now(),
      error: { code, params },
    })
  switch (kind) {
    case 'batch_number_required':
      return failed('batch_number_required')
    case 'unsupported':
      return failed('batch_not_supported')
    case 'refused':
      return failed('batch_close_refused', { terminal, reason: (err as Error).message })
    case 'unreachable':
      return failed('batch_unreachable')
    default: {
      const unknown = deps.journal.updateBatchClose(record.id, {
        state: 'unknown',
        error: { code: 'batch_close_answer_lost', params: { terminal } },
      })
      return resolveClose(deps, unknown, currency)
    }
  }
}

/** Summary and detail of a batch just closed, kept with the close. */
async function fetchAfterClose(
  deps: CloseDeps,
  record: BatchCloseRecord,
  currency: string,
): Promise<BatchCloseRecord> {
  const batchNumber = record.answer?.batchNumber
  if (!batchNumber) return record
  const terminal = { serial: record.terminal, type: record.terminalType }
  const patch: Partial<BatchCloseRecord> = {}
  if (!record.summary) {
    const summary = await deps.gateway
      .batchSummary({ terminal, batchNumber, currency })
      .catch(() => undefined)
    if (summary) patch.summary = summary
  }
  const detail = await deps.gateway
    .batchDetail({ terminal, batchNumber, currency })
    .catch(() => undefined)
  if (detail) patch.detailLines = detail.lines.length
  return Object.keys(patch).length > 0 ? deps.journal.updateBatchClose(record.id, patch) : record
}

/**
 * The number of the batch now open on a terminal: the newest one an approved payment since the
 * last close carried. Undefined when no payment said (Handpoint closes the open batch then).
 */
function openBatchNumber(
  deps: CloseDeps,
  merchantId: string,
  terminal: string,
): string | undefined {
  const lastClosed = deps.journal
    .batchCloses({ merchantId, terminalSerial: terminal })
    .find((c) => c.state === 'closed')
  const since = lastClosed?.requestedAt ?? deps.now() - 14 * 86_400_000
  const payments = deps.journal.paymentsBetween({
    merchantId,
    terminalSerial: terminal,
    from: since,
    to: deps.now() + 1,
  })
  for (let i = payments.length - 1; i >= 0; i -= 1) {
    const p = payments[i]!
    if (!p.batchNumber || !isApproved(p.state) || movementOf(p.operation) === 'none') continue
    if (p.batchNumber === lastClosed?.answer?.batchNumber) continue
    return p.batchNumber
  }
  return undefined
}
