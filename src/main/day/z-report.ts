import { formatMoney } from '@shared/money'
import { closedAtText } from './batch'
import type { BatchCloseRecord } from './close-record'
import type { Difference, TerminalVerdict } from './reconcile-match'
import type { DayException, DayReport } from './report'
import { fill, zLabels, type ZLabel, type ZReportLanguage } from './z-report-labels'

/**
 * The Z report: the day report, each terminal's verdict and the day's batch closes, as one
 * document. Rendered to HTML (roll or A4, see z-report-html.ts) and CSV (z-report-csv.ts);
 * the service keeps the model as JSON in the data folder so the report can be printed again
 * exactly as it was.
 */
export interface ZReport {
  merchantId: string
  merchantName: string
  cutoffHour: number
  report: DayReport
  verdicts: TerminalVerdict[]
  closes: BatchCloseRecord[]
  /** Serials of virtual terminals (MOTO), printed as such. */
  virtualTerminals: string[]
}

export interface ZRenderOptions {
  language: ZReportLanguage
  /** IANA zone for printed times; the machine's zone when absent. */
  timeZone?: string
}

/** Formatting shared by the HTML and CSV renderings. */
export interface ZText {
  t(label: ZLabel, params?: Record<string, string>): string
  money(amount: number, currency: string): string
  time(instant: number): string
  date(date: string): string
  /** "Terminal 0821032398", or "Virtual terminal (MOTO) VT1". */
  terminalName(serial: string): string
  difference(d: Difference, currency: string): string
  exception(e: DayException): string
  closeLine(c: BatchCloseRecord): string
}

export function zText(z: ZReport, options: ZRenderOptions): ZText {
  const labels = zLabels(options.language)
  const t = (label: ZLabel, params: Record<string, string> = {}): string =>
    fill(labels[label], params)
  const timeFormat = new Intl.DateTimeFormat(options.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: options.timeZone,
  })
  const dateFormat = new Intl.DateTimeFormat(options.language, {
    dateStyle: 'full',
    timeZone: 'UTC',
  })
  const money = (amount: number, currency: string): string =>
    formatMoney(amount, currency, options.language)
  const ageText = (minutes: number): string =>
    minutes >= 120 ? `${Math.floor(minutes / 60)} h` : `${minutes} min`
  return {
    t,
    money,
    time: (instant) => timeFormat.format(instant),
    date: (date) => dateFormat.format(Date.parse(`${date}T12:00:00Z`)),
    terminalName: (serial) =>
      `${z.virtualTerminals.includes(serial) ? t('virtualTerminal') : t('terminal')} ${serial}`,
    difference(d, currency) {
      switch (d.kind) {
        case 'in_batch_not_here':
        case 'here_not_in_batch':
          return `${t(d.kind)}: ${d.type} ${money(d.amount, currency)}${d.rrn ? ` RRN ${d.rrn}` : ''}`
        case 'amount_differs':
          return `${t(d.kind)}: ${d.rrn ? `RRN ${d.rrn} ` : ''}${t('journal')} ${money(d.journalAmount, currency)}, ${t('batch')} ${money(d.batchAmount, currency)}`
        case 'summary_differs': {
          const show = (v: number): string => (d.field === 'net' ? money(v, currency) : String(v))
          return `${t(d.kind)} (${d.field === 'net' ? t('net') : t('count')}): ${t('journal')} ${show(d.journal)}, ${t('batch')} ${show(d.batch)}`
        }
      }
    },
    exception(e) {
      const what =
        e.kind === 'open_preauth' ? t('open_preauth', { age: ageText(e.ageMinutes) }) : t(e.kind)
      return `${what}: ${timeFormat.format(e.at)} ${e.terminal} ${e.operation} ${money(e.amount, e.currency)}`
    },
    closeLine(c) {
      const parts = [`${t('batchClose')}: ${t(`closeState_${c.state}`)}`]
      const number = c.answer?.batchNumber ?? c.requestedBatchNumber
      if (number) parts.push(`${t('batchNumber')} ${number}`)
      const closed = closedAtText(c.answer?.closedAt)
      if (closed) parts.push(`${t('closedAt')} ${closed}`)
      if (c.answer?.issuerResponseText) {
        parts.push(`${t('issuer')}: ${c.answer.issuerResponseText}`)
      }
      return parts.join(' · ')
    },
  }
}

/** The currencies a terminal took payments in that day (for wording its differences). */
export function terminalCurrency(z: ZReport, terminal: string): string {
  return z.report.terminals.find((row) => row.terminal === terminal)?.currency ?? 'EUR'
}

/** Terminals in the order they are printed: every one with totals, a verdict or a close. */
export function terminalsOf(z: ZReport): string[] {
  const all = new Set<string>()
  for (const row of z.report.terminals) all.add(row.terminal)
  for (const v of z.verdicts) all.add(v.terminal)
  for (const c of z.closes) all.add(c.terminal)
  return [...all].sort()
}
