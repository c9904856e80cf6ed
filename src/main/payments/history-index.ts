import type {
  HistoryPage,
  HistoryQuery,
  PaymentRecord,
} from '../../shared/contract/payments.contract'

type ParsedQuery = HistoryQuery & { limit?: number; offset?: number }

/**
 * In-memory index over the journal so history stays fast at 100,000 records: exact lookups go
 * through maps (reference, last four, terminal, merchant), date ranges through binary search on
 * the creation-ordered list; only the smallest candidate set is filtered.
 */
export class HistoryIndex {
  private readonly records = new Map<string, PaymentRecord>()
  /** Ids ordered by createdAt ascending. */
  private readonly order: string[] = []
  private readonly createdAt: number[] = []
  private readonly byRef = new Map<string, Set<string>>()
  private readonly byLastFour = new Map<string, Set<string>>()
  private readonly byTerminal = new Map<string, Set<string>>()
  private readonly byMerchant = new Map<string, Set<string>>()

  get size(): number {
    return this.records.size
  }

  get(id: string): PaymentRecord | undefined {
    return this.records.get(id)
  }

  values(): IterableIterator<PaymentRecord> {
    return this.records.values()
  }

  /** Ids whose reference, transaction id, our id or customer reference equals `ref`. */
  idsForReference(ref: string): string[] {
    return [...(this.byRef.get(ref) ?? [])]
  }

  put(record: PaymentRecord): void {
    const previous = this.records.get(record.id)
    this.records.set(record.id, record)
    if (!previous) this.insertOrdered(record)
    else this.unlinkKeys(previous)
    for (const [map, key] of this.keysOf(record)) add(map, key, record.id)
  }

  query(q: ParsedQuery): HistoryPage {
    const matches = (r: PaymentRecord): boolean =>
      (q.merchantId === undefined || r.merchantId === q.merchantId) &&
      (q.from === undefined || r.createdAt >= q.from) &&
      (q.to === undefined || r.createdAt <= q.to) &&
      (q.states === undefined || q.states.length === 0 || q.states.includes(r.state)) &&
      (q.amountMinor === undefined ||
        r.amountMinor === q.amountMinor ||
        r.result?.totalAmountMinor === q.amountMinor) &&
      (q.lastFour === undefined || lastFour(r) === q.lastFour) &&
      (q.terminalSerial === undefined || r.terminalSerial === q.terminalSerial) &&
      (q.reference === undefined || referenceKeys(r).includes(q.reference))
    const hits: PaymentRecord[] = []
    const candidates = this.candidates(q)
    if (candidates) {
      for (const id of candidates) {
        const r = this.records.get(id)
        if (r && matches(r)) hits.push(r)
      }
      hits.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
    } else {
      const [lo, hi] = this.range(q.from, q.to)
      for (let i = hi - 1; i >= lo; i -= 1) {
        const r = this.records.get(this.order[i]!)
        if (r && matches(r)) hits.push(r)
      }
    }
    const offset = q.offset ?? 0
    const limit = q.limit ?? 50
    return { items: hits.slice(offset, offset + limit), total: hits.length }
  }

  /** The smallest exact-match id set the query allows, or undefined to scan a date range. */
  private candidates(q: ParsedQuery): Set<string> | undefined {
    const sets: (Set<string> | undefined)[] = []
    if (q.reference !== undefined) sets.push(this.byRef.get(q.reference) ?? new Set())
    if (q.lastFour !== undefined) sets.push(this.byLastFour.get(q.lastFour) ?? new Set())
    if (q.terminalSerial !== undefined) {
      sets.push(this.byTerminal.get(q.terminalSerial) ?? new Set())
    }
    if (q.merchantId !== undefined) sets.push(this.byMerchant.get(q.merchantId) ?? new Set())
    let best: Set<string> | undefined
    for (const s of sets) if (s && (!best || s.size < best.size)) best = s
    // A merchant-wide set larger than the date window is slower than the scan.
    if (best && q.reference === undefined && q.lastFour === undefined) {
      const [lo, hi] = this.range(q.from, q.to)
      if (hi - lo < best.size) return undefined
    }
    return best
  }

  private range(from?: number, to?: number): [number, number] {
    const lo = from === undefined ? 0 : lowerBound(this.createdAt, from)
    const hi = to === undefined ? this.order.length : lowerBound(this.createdAt, to + 1)
    return [lo, hi]
  }

  private insertOrdered(record: PaymentRecord): void {
    const at = record.createdAt
    const last = this.createdAt[this.createdAt.length - 1]
    const index =
      last === undefined || at >= last ? this.order.length : upperBound(this.createdAt, at)
    this.order.splice(index, 0, record.id)
    this.createdAt.splice(index, 0, at)
  }

  private keysOf(r: PaymentRecord): [Map<string, Set<string>>, string | undefined][] {
    return [
      ...referenceKeys(r).map((k): [Map<string, Set<string>>, string] => [this.byRef, k]),
      [this.byLastFour, lastFour(r)],
      [this.byTerminal, r.terminalSerial],
      [this.byMerchant, r.merchantId],
    ]
  }

  private unlinkKeys(r: PaymentRecord): void {
    for (const [map, key] of this.keysOf(r)) if (key !== undefined) map.get(key)?.delete(r.id)
  }
}

function referenceKeys(r: PaymentRecord): string[] {
  const keys = [r.id, r.transactionReference]
  if (r.result?.transactionId) keys.push(r.result.transactionId)
  if (r.customerReference) keys.push(r.customerReference)
  if (r.transactionResultId) keys.push(r.transactionResultId)
  return keys
}

function lastFour(r: PaymentRecord): string | undefined {
  const masked = r.result?.maskedCardNumber
  return masked && masked.length >= 4 ? masked.slice(-4) : undefined
}

function add(map: Map<string, Set<string>>, key: string | undefined, id: string): void {
  if (key === undefined) return
  let set = map.get(key)
  if (!set) map.set(key, (set = new Set()))
  set.add(id)
}

/** First index whose value is >= x. */
function lowerBound(values: number[], x: number): number {
  let lo = 0
  let hi = values.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (values[mid]! < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** First index whose value is > x. */
function upperBound(values: number[], x: number): number {
  let lo = 0
  let hi = values.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (values[mid]! <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}
