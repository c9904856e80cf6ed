import type { HistoryQuery, PaymentRecord, PaymentState } from '@shared/contract/payments.contract'

type ParsedQuery = HistoryQuery & { limit?: number; offset?: number }

/** What history searches look at in a record: small enough to keep for 100,000 of them. */
export interface IndexEntry {
  id: string
  createdAt: number
  state: PaymentState
  merchantId: string
  terminalSerial: string
  amountMinor?: string
  /** The result's total when it differs from or stands in for the requested amount. */
  total?: string
  lastFour?: string
  /**
   * The transaction reference, then any transaction id, customer reference and result id, joined
   * by REF_SEP: one string keeps 100,000 entries cheap to load (our id is `id`).
   */
  refs: string
}

/** One page of matching ids, newest first, and how many matched in all. */
export interface IdPage {
  ids: string[]
  total: number
}

/** Separates the reference keys of an entry (a control character no reference contains). */
export const REF_SEP = '\u001f'

/** The searchable fields of a record. */
export function entryOf(r: PaymentRecord): IndexEntry {
  const total = r.result?.totalAmountMinor
  return {
    id: r.id,
    createdAt: r.createdAt,
    state: r.state,
    merchantId: r.merchantId,
    terminalSerial: r.terminalSerial,
    amountMinor: r.amountMinor,
    total: total !== undefined && total !== r.amountMinor ? total : undefined,
    lastFour: lastFour(r),
    refs: referenceKeys(r).slice(1).join(REF_SEP),
  }
}

/**
 * In-memory index over the journal so history stays fast at 100,000 records: date ranges go
 * through binary search on the creation-ordered list, other filters scan that range (a few ms at
 * 100,000 entries: cheaper than posting lists, which cost ~100 ms each to build on the first
 * query after a reopen, or half a second for reference keys), and an unfiltered page is a plain
 * slice. It holds index entries, not records: the journal loads the records of the page.
 */
export class HistoryIndex {
  private readonly records = new Map<string, IndexEntry>()
  /** Records ordered by createdAt ascending, with their creation times alongside. */
  private readonly rows: IndexEntry[] = []
  private readonly createdAt: number[] = []

  get size(): number {
    return this.records.size
  }

  get(id: string): IndexEntry | undefined {
    return this.records.get(id)
  }

  /** Every id, oldest first. */
  ids(): string[] {
    return this.rows.map((r) => r.id)
  }

  /** Ids whose reference, transaction id, our id, result id or customer reference is `ref`. */
  idsForReference(ref: string): string[] {
    const ids: string[] = []
    for (const r of this.rows) if (hasReference(r, ref)) ids.push(r.id)
    return ids
  }

  put(record: PaymentRecord): void {
    this.putEntry(entryOf(record))
  }

  /** Adds or replaces the entry with this id. */
  putEntry(record: IndexEntry): void {
    const previous = this.records.get(record.id)
    if (previous) {
      const at = this.position(previous)
      if (previous.createdAt === record.createdAt) this.rows[at] = record
      else {
        // A stored file may carry a different creation time: keep the list ordered.
        this.rows.splice(at, 1)
        this.createdAt.splice(at, 1)
        this.insertOrdered(record)
      }
    } else this.insertOrdered(record)
    this.records.set(record.id, record)
  }

  query(q: ParsedQuery): IdPage {
    const offset = q.offset ?? 0
    const limit = q.limit ?? 50
    const [lo, hi] = this.range(q.from, q.to)
    if (!hasFilters(q)) {
      // Newest first straight from the ordered list.
      const end = Math.max(lo, hi - offset)
      const ids = this.rows.slice(Math.max(lo, end - limit), end).map((r) => r.id)
      return { ids: ids.reverse(), total: hi - lo }
    }
    const matches = matcher(q)
    const hits: IndexEntry[] = []
    for (let i = hi - 1; i >= lo; i -= 1) {
      const r = this.rows[i]!
      if (matches(r)) hits.push(r)
    }
    const ids = hits.slice(offset, offset + limit).map((r) => r.id)
    return { ids, total: hits.length }
  }

  private range(from?: number, to?: number): [number, number] {
    const lo = from === undefined ? 0 : lowerBound(this.createdAt, from)
    const hi = to === undefined ? this.rows.length : lowerBound(this.createdAt, to + 1)
    return [lo, Math.max(lo, hi)]
  }

  private position(record: IndexEntry): number {
    for (let i = lowerBound(this.createdAt, record.createdAt); i < this.rows.length; i += 1) {
      if (this.rows[i]!.id === record.id) return i
    }
    throw new Error(`History index lost record ${record.id}`)
  }

  private insertOrdered(record: IndexEntry): void {
    const at = record.createdAt
    const last = this.createdAt[this.createdAt.length - 1]
    if (last === undefined || at >= last) {
      this.rows.push(record)
      this.createdAt.push(at)
      return
    }
    const index = lowerBound(this.createdAt, at + 1)
    this.rows.splice(index, 0, record)
    this.createdAt.splice(index, 0, at)
  }
}

function hasReference(r: IndexEntry, ref: string): boolean {
  return r.id === ref || (r.refs.includes(ref) && r.refs.split(REF_SEP).includes(ref))
}

function hasFilters(q: ParsedQuery): boolean {
  return (
    q.merchantId !== undefined ||
    q.terminalSerial !== undefined ||
    q.reference !== undefined ||
    q.lastFour !== undefined ||
    q.amountMinor !== undefined ||
    (q.states !== undefined && q.states.length > 0)
  )
}

function matcher(q: ParsedQuery): (r: IndexEntry) => boolean {
  return (r) =>
    (q.merchantId === undefined || r.merchantId === q.merchantId) &&
    (q.from === undefined || r.createdAt >= q.from) &&
    (q.to === undefined || r.createdAt <= q.to) &&
    (q.states === undefined || q.states.length === 0 || q.states.includes(r.state)) &&
    (q.amountMinor === undefined || r.amountMinor === q.amountMinor || r.total === q.amountMinor) &&
    (q.lastFour === undefined || r.lastFour === q.lastFour) &&
    (q.terminalSerial === undefined || r.terminalSerial === q.terminalSerial) &&
    (q.reference === undefined || hasReference(r, q.reference))
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
