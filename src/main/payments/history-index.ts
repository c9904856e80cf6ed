import type {
  HistoryPage,
  HistoryQuery,
  PaymentRecord,
} from '../../shared/contract/payments.contract'

type ParsedQuery = HistoryQuery & { limit?: number; offset?: number }
type Postings = Map<string, string[]>

/**
 * In-memory index over the journal so history stays fast at 100,000 records: exact lookups go
 * through posting lists (reference, last four, terminal, merchant, amount, state), date ranges
 * through binary search on the creation-ordered list; only the smallest candidate set is
 * filtered, and an unfiltered page is a plain slice.
 */
export class HistoryIndex {
  private readonly records = new Map<string, PaymentRecord>()
  /** Records ordered by createdAt ascending, with their creation times alongside. */
  private readonly rows: PaymentRecord[] = []
  private readonly createdAt: number[] = []
  private readonly postings: Record<
    'ref' | 'lastFour' | 'terminal' | 'merchant' | 'amount' | 'state',
    Postings
  > = {
    ref: new Map(),
    lastFour: new Map(),
    terminal: new Map(),
    merchant: new Map(),
    amount: new Map(),
    state: new Map(),
  }

  get size(): number {
    return this.records.size
  }

  get(id: string): PaymentRecord | undefined {
    return this.records.get(id)
  }

  /** Ids whose reference, transaction id, our id, result id or customer reference is `ref`. */
  idsForReference(ref: string): string[] {
    return [...(this.postings.ref.get(ref) ?? [])]
  }

  put(record: PaymentRecord): void {
    const previous = this.records.get(record.id)
    this.records.set(record.id, record)
    if (previous) {
      this.rows[this.position(previous)] = record
      this.unlink(previous)
    } else this.insertOrdered(record)
    this.link(record)
  }

  query(q: ParsedQuery): HistoryPage {
    const offset = q.offset ?? 0
    const limit = q.limit ?? 50
    const [lo, hi] = this.range(q.from, q.to)
    const candidates = this.candidates(q)
    const filtered = candidates !== undefined || hasFilters(q)
    if (!filtered) {
      // Newest first straight from the ordered list.
      const end = Math.max(lo, hi - offset)
      const items = this.rows.slice(Math.max(lo, end - limit), end).reverse()
      return { items, total: hi - lo }
    }
    const matches = matcher(q)
    const hits: PaymentRecord[] = []
    if (candidates && candidates.length < hi - lo) {
      for (const id of candidates) {
        const r = this.records.get(id)
        if (r && matches(r)) hits.push(r)
      }
      hits.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
    } else {
      for (let i = hi - 1; i >= lo; i -= 1) {
        const r = this.rows[i]!
        if (matches(r)) hits.push(r)
      }
    }
    return { items: hits.slice(offset, offset + limit), total: hits.length }
  }

  /** The smallest posting list the query allows (states: their union), or undefined. */
  private candidates(q: ParsedQuery): string[] | undefined {
    const lists: string[][] = []
    const p = this.postings
    if (q.reference !== undefined) lists.push(p.ref.get(q.reference) ?? [])
    if (q.lastFour !== undefined) lists.push(p.lastFour.get(q.lastFour) ?? [])
    if (q.terminalSerial !== undefined) lists.push(p.terminal.get(q.terminalSerial) ?? [])
    if (q.merchantId !== undefined) lists.push(p.merchant.get(q.merchantId) ?? [])
    if (q.amountMinor !== undefined) lists.push(p.amount.get(q.amountMinor) ?? [])
    if (q.states?.length) lists.push(q.states.flatMap((s) => p.state.get(s) ?? []))
    let best: string[] | undefined
    for (const list of lists) if (!best || list.length < best.length) best = list
    return best
  }

  private range(from?: number, to?: number): [number, number] {
    const lo = from === undefined ? 0 : lowerBound(this.createdAt, from)
    const hi = to === undefined ? this.rows.length : lowerBound(this.createdAt, to + 1)
    return [lo, Math.max(lo, hi)]
  }

  private position(record: PaymentRecord): number {
    for (let i = lowerBound(this.createdAt, record.createdAt); i < this.rows.length; i += 1) {
      if (this.rows[i]!.id === record.id) return i
    }
    throw new Error(`History index lost record ${record.id}`)
  }

  private insertOrdered(record: PaymentRecord): void {
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

  private each(r: PaymentRecord, fn: (postings: Postings, key: string) => void): void {
    const p = this.postings
    for (const key of referenceKeys(r)) fn(p.ref, key)
    const four = lastFour(r)
    if (four !== undefined) fn(p.lastFour, four)
    fn(p.terminal, r.terminalSerial)
    fn(p.merchant, r.merchantId)
    fn(p.state, r.state)
    if (r.amountMinor !== undefined) fn(p.amount, r.amountMinor)
    const total = r.result?.totalAmountMinor
    if (total !== undefined && total !== r.amountMinor) fn(p.amount, total)
  }

  private link(r: PaymentRecord): void {
    this.each(r, (postings, key) => {
      const list = postings.get(key)
      if (!list) postings.set(key, [r.id])
      else if (list[list.length - 1] !== r.id) list.push(r.id)
    })
  }

  private unlink(r: PaymentRecord): void {
    this.each(r, (postings, key) => {
      const list = postings.get(key)
      const at = list ? list.lastIndexOf(r.id) : -1
      if (list && at >= 0) list.splice(at, 1)
    })
  }
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

function matcher(q: ParsedQuery): (r: PaymentRecord) => boolean {
  return (r) =>
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
