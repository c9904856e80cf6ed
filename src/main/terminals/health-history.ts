import type { TerminalHistoryEntry } from '@shared/contract/terminals.contract'
import type { Message } from '@shared/messages'

/**
 * Each terminal's day in lines of words (codes): checks, results, refusals, commands. Kept in
 * memory for the current local day; a line that repeats the previous one (the same answer to
 * every scheduled check) is folded into it with a count, so a quiet day stays a short read.
 */
export class HealthHistory {
  private readonly days = new Map<string, { day: string; entries: TerminalHistoryEntry[] }>()

  constructor(
    private readonly limit = 200,
    /** The local calendar day of a time; injectable for tests across midnight. */
    private readonly dayOf: (at: number) => string = localDay,
  ) {}

  add(key: string, message: Message, at: number): void {
    const day = this.dayOf(at)
    let book = this.days.get(key)
    if (!book || book.day !== day) {
      book = { day, entries: [] }
      this.days.set(key, book)
    }
    const last = book.entries.at(-1)
    if (last && sameMessage(last, message)) {
      last.count += 1
      last.lastAt = at
      return
    }
    book.entries.push({ ...message, at, count: 1, lastAt: at })
    if (book.entries.length > this.limit) book.entries.splice(0, book.entries.length - this.limit)
  }

  /** Today's lines, oldest first (copies). */
  list(key: string, now: number): TerminalHistoryEntry[] {
    const book = this.days.get(key)
    if (!book || book.day !== this.dayOf(now)) return []
    return book.entries.map((e) => ({ ...e, ...(e.params ? { params: { ...e.params } } : {}) }))
  }

  forget(key: string): void {
    this.days.delete(key)
  }
}

function localDay(at: number): string {
  const d = new Date(at)
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`
}

function sameMessage(a: Message, b: Message): boolean {
  if (a.code !== b.code) return false
  const pa = a.params ?? {}
  const pb = b.params ?? {}
  const keys = Object.keys(pa)
  return keys.length === Object.keys(pb).length && keys.every((k) => pa[k] === pb[k])
}
