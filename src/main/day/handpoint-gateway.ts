import type { BatchApi } from '../handpoint/batch-types'
import { HandpointError } from '../handpoint/errors'
import type { TransactionResult } from '../handpoint/types'
import { RateBudget, type Gate } from '../payments'
import {
  BatchGatewayError,
  type BatchFailureKind,
  type BatchGateway,
  type StatusFacts,
} from './ports'

/**
 * The day close's gateway over the Handpoint client's batch calls and status chain. The client
 * converts the wire's major-unit strings with the currency we name; this adapter only renames,
 * and turns the client's failure kinds into what the day close decides on.
 */
export interface GatewayOptions {
  /**
   * The key's request budget (2 requests/s per key). Default: one of its own; the app passes the
   * one its payments use, so both together stay inside Handpoint's limit.
   */
  gate?: Gate
  /** How to wait after a 429 (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>
}

/** A 429 is a refusal before anything happened: waiting and asking again is safe, even for a close. */
const RATE_LIMIT_ATTEMPTS = 4

export function createHandpointGateway(
  client: BatchApi,
  options: GatewayOptions = {},
): BatchGateway {
  const budget = options.gate ? undefined : new RateBudget()
  const gate: Gate = options.gate ?? ((request) => budget!.send('day', 'day', request))
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((ok) => setTimeout(ok, ms)))
  const call = async <T>(request: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await gate(request)
      } catch (err) {
        const limited = err instanceof HandpointError && err.kind === 'rate-limited'
        if (!limited || attempt >= RATE_LIMIT_ATTEMPTS) throw err
        await sleep(Math.min(5_000, Math.max(1_100, err.retryAfterMs ?? 0)))
      }
    }
  }
  return {
    async closeBatch({ terminal, batchNumber }) {
      try {
        const a = await call(() =>
          client.closeBatch({
            serialNumber: terminal.serial,
            terminalType: terminal.type,
            ...(batchNumber ? { batchNumber } : {}),
          }),
        )
        return {
          batchNumber: a.batchNumber,
          closeBatchGuid: a.closeBatchGuid ?? '',
          ...(a.closedAt ? { closedAt: a.closedAt.raw } : {}),
          ...(a.batchStatus ? { batchStatus: a.batchStatus } : {}),
          ...(a.issuerResponseCode ? { issuerResponseCode: a.issuerResponseCode } : {}),
          ...(a.issuerResponseText ? { issuerResponseText: a.issuerResponseText } : {}),
          ...(a.issuerCloseLocalTime ? { issuerLocalTime: a.issuerCloseLocalTime } : {}),
        }
      } catch (err) {
        throw failure(err, true)
      }
    },
    async batchSummary({ terminal, batchNumber, currency }) {
      try {
        const s = await call(() =>
          client.getBatchSummary({
            serialNumber: terminal.serial,
            terminalType: terminal.type,
            batchNumber,
            currency,
          }),
        )
        return {
          batchNumber: s.batchNumber,
          netMinor: s.netAmountMinor,
          ...(s.batchStatus ? { batchStatus: s.batchStatus } : {}),
          ...(s.transactionCount !== undefined ? { transactionCount: s.transactionCount } : {}),
          ...(s.salesCount !== undefined ? { salesCount: s.salesCount } : {}),
          ...(s.refundsCount !== undefined ? { refundsCount: s.refundsCount } : {}),
          ...(s.issuerResponseText ? { issuerResponseText: s.issuerResponseText } : {}),
        }
      } catch (err) {
        throw failure(err, false)
      }
    },
    async batchDetail({ terminal, batchNumber, currency }) {
      try {
        const d = await call(() =>
          client.getBatchDetail({
            serialNumber: terminal.serial,
            terminalType: terminal.type,
            batchNumber,
            currency,
          }),
        )
        return {
          batchNumber: d.batchNumber,
          ...(d.batchStatus ? { batchStatus: d.batchStatus } : {}),
          ...(d.closedAt ? { closedAt: d.closedAt.raw } : {}),
          lines: d.lines.map((l) => ({
            type: l.transactionType,
            amountMinor: l.amountMinor,
            ...(l.rrn ? { rrn: l.rrn } : {}),
            ...(l.batchDetailElementGuid ? { guid: l.batchDetailElementGuid } : {}),
          })),
        }
      } catch (err) {
        throw failure(err, false)
      }
    },
    async statusChain(reference) {
      try {
        return (await call(() => client.getStatusAll(reference))).map(facts)
      } catch (err) {
        throw failure(err, false)
      }
    },
  }
}

function facts(r: TransactionResult): StatusFacts {
  const out: StatusFacts = { finStatus: String(r.finStatus) }
  if (r.type) out.type = r.type
  if (r.transactionID) out.transactionId = r.transactionID
  if (r.originalEFTTransactionID) out.originalTransactionId = r.originalEFTTransactionID
  if (typeof r.totalAmount === 'number') out.totalMinor = r.totalAmount
  if (typeof r.tipAmount === 'number') out.tipMinor = r.tipAmount
  if (r.currency) out.currency = r.currency
  if (r.rrn) out.rrn = r.rrn
  if (r.batchNumber) out.batchNumber = r.batchNumber
  return out
}

/** The gateway's code for "no batches for this acquirer" (the simulator's; Handpoint names none). */
const UNSUPPORTED_CODES = new Set(['3300'])

function failure(err: unknown, changesState: boolean): BatchGatewayError {
  if (!(err instanceof HandpointError)) {
    return new BatchGatewayError(changesState ? 'ambiguous' : 'unreachable', String(err))
  }
  let kind: BatchFailureKind
  if (err.kind === 'batch-number-required') kind = 'batch_number_required'
  else if (changesState && err.ambiguous) kind = 'ambiguous'
  else if (
    (err.gatewayCode !== undefined && UNSUPPORTED_CODES.has(err.gatewayCode)) ||
    (err.kind === 'bad-request' && /not (available|supported)/i.test(err.message))
  ) {
    kind = 'unsupported'
  } else if (
    err.kind === 'network' ||
    err.kind === 'timeout' ||
    err.kind === 'server' ||
    err.kind === 'rate-limited' ||
    err.kind === 'malformed-response'
  ) {
    // A close that failed this way without `ambiguous` never left this computer.
    kind = 'unreachable'
  } else kind = 'refused'
  return new BatchGatewayError(kind, err.message, err.httpStatus)
}
