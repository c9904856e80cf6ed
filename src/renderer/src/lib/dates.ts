/**
 * Calendar dates typed by people, in the app's language rather than the browser's: a German
 * checkout reads and types 30.11.2026, an English one 30/11/2026, whatever the system locale is.
 * The value that travels is ISO (yyyy-mm-dd, local calendar day).
 */

export type DatePart = 'day' | 'month' | 'year'

export interface DatePattern {
  /** The order the parts are typed in. */
  order: DatePart[]
  /** What separates them when shown. */
  separator: string
}

/** Reads the order and separator of a short numeric date from Intl (de-DE: day.month.year). */
export function datePattern(intlLocale: string): DatePattern {
  const parts = new Intl.DateTimeFormat(intlLocale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).formatToParts(new Date(2026, 10, 30))
  const order = parts
    .map((p) => p.type)
    .filter((t): t is DatePart => t === 'day' || t === 'month' || t === 'year')
  const separator = parts.find((p) => p.type === 'literal')?.value.trim() || '/'
  return { order: order.length === 3 ? order : ['day', 'month', 'year'], separator }
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

function isoOf(year: number, month: number, day: number): string | undefined {
  const d = new Date(year, month - 1, day)
  if (d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day)
    return undefined
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
}

/** "2026-11-30" -> "30.11.2026" (de-DE); anything that is not an ISO date comes back unchanged. */
export function formatIsoDate(iso: string, intlLocale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return iso
  const { order, separator } = datePattern(intlLocale)
  const value: Record<DatePart, string> = { year: m[1]!, month: m[2]!, day: m[3]! }
  return order.map((p) => value[p]).join(separator)
}

/**
 * What a person typed -> ISO, in the language's order; undefined when it is not a real date.
 * Any of . / - or a space separates; a two-digit year means 20xx; ISO itself is accepted too.
 */
export function parseTypedDate(text: string, intlLocale: string): string | undefined {
  const trimmed = text.trim()
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed)
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]))
  const pieces = trimmed.split(/[./\-\s]+/)
  if (pieces.length !== 3 || pieces.some((p) => !/^\d{1,4}$/.test(p))) return undefined
  const { order } = datePattern(intlLocale)
  const value = Object.fromEntries(order.map((part, i) => [part, pieces[i]!])) as Record<
    DatePart,
    string
  >
  if (value.day.length > 2 || value.month.length > 2) return undefined
  if (value.year.length !== 2 && value.year.length !== 4) return undefined
  const year = value.year.length === 2 ? 2000 + Number(value.year) : Number(value.year)
  return isoOf(year, Number(value.month), Number(value.day))
}

/** True for a yyyy-mm-dd string naming a real calendar day. */
export const isIsoDate = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && parseTypedDate(s, 'en-GB') === s
