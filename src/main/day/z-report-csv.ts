import { fromMinorUnits } from '@shared/money'
import { closedAtText } from './batch'
import type { Difference } from './reconcile-match'
import { terminalCurrency, type ZReport } from './z-report'

/**
 * The Z report as CSV for a spreadsheet or an accountant: one long table, one fact per row,
 * `section` and `item` as stable codes (not words, so a formula keeps working in any language),
 * amounts as plain decimals of the currency with "." (made from minor units without floats).
 */
export const Z_CSV_HEADER = ['section', 'terminal', 'currency', 'item', 'count', 'amount', 'detail']

type Row = [string, string, string, string, string, string, string]

export function zReportCsv(z: ZReport): string {
  const r = z.report
  const rows: Row[] = [
    ['report', '', '', 'business_day', '', '', r.date],
    ['report', '', '', 'merchant', '', '', z.merchantName],
    ['report', '', '', 'from', '', '', new Date(r.from).toISOString()],
    ['report', '', '', 'to', '', '', new Date(r.to).toISOString()],
    ['report', '', '', 'generated_at', '', '', new Date(r.generatedAt).toISOString()],
  ]
  const amount = (minor: number, currency: string): string => fromMinorUnits(minor, currency)
  for (const t of r.terminals) {
    const row = (item: string, count: number | '', minor?: number): Row => [
      'totals',
      t.terminal,
      t.currency,
      item,
      String(count),
      minor === undefined ? '' : amount(minor, t.currency),
      '',
    ]
    for (const key of ['sales', 'tips', 'refunds', 'reversals', 'captures'] as const) {
      rows.push(row(key, t[key].count, t[key].amount))
    }
    rows.push(row('net', '', t.net))
    for (const key of ['declined', 'failed', 'cancelled'] as const) rows.push(row(key, t[key]))
  }
  for (const v of z.verdicts) {
    const currency = terminalCurrency(z, v.terminal)
    const detail = v.verdict === 'unconfirmed' ? v.reason : ''
    rows.push([
      'verdict',
      v.terminal,
      '',
      v.verdict,
      '',
      '',
      [detail, batchText(v.batchNumber)].filter(Boolean).join('; '),
    ])
    if (v.verdict !== 'do_not_agree') continue
    for (const d of v.differences) rows.push(differenceRow(v.terminal, currency, d, amount))
  }
  for (const c of z.closes) {
    const a = c.answer
    rows.push([
      'batch_close',
      c.terminal,
      '',
      c.state,
      '',
      '',
      [
        batchText(a?.batchNumber ?? c.requestedBatchNumber),
        closedAtText(a?.closedAt),
        a?.issuerResponseText,
        a?.closeBatchGuid,
        c.error?.code,
      ]
        .filter(Boolean)
        .join('; '),
    ])
  }
  for (const b of r.brands) {
    rows.push([
      'brand',
      '',
      b.currency,
      `${b.brand} ${b.entry}`,
      String(b.count),
      amount(b.amount, b.currency),
      '',
    ])
  }
  for (const e of r.exceptions) {
    const extra = e.kind === 'open_preauth' ? `; age_minutes ${e.ageMinutes}` : ''
    rows.push([
      'exception',
      e.terminal,
      e.currency,
      e.kind,
      '',
      amount(e.amount, e.currency),
      `payment ${e.paymentId}; ${e.operation}; ${new Date(e.at).toISOString()}${extra}`,
    ])
  }
  return [Z_CSV_HEADER, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

function differenceRow(
  terminal: string,
  currency: string,
  d: Difference,
  amount: (minor: number, currency: string) => string,
): Row {
  switch (d.kind) {
    case 'in_batch_not_here':
    case 'here_not_in_batch':
      return [
        'difference',
        terminal,
        currency,
        d.kind,
        '',
        amount(d.amount, currency),
        [d.type, d.rrn && `RRN ${d.rrn}`].filter(Boolean).join('; '),
      ]
    case 'amount_differs':
      return [
        'difference',
        terminal,
        currency,
        d.kind,
        '',
        amount(d.batchAmount, currency),
        `${d.type}; RRN ${d.rrn ?? ''}; here ${amount(d.journalAmount, currency)}`,
      ]
    case 'summary_differs':
      return [
        'difference',
        terminal,
        currency,
        `${d.kind}_${d.field}`,
        '',
        '',
        `here ${d.journal}; batch ${d.batch}`,
      ]
  }
}

function batchText(batchNumber: string | undefined): string {
  return batchNumber ? `batch ${batchNumber}` : ''
}

/** Quotes when needed, and defuses text a spreadsheet would run as a formula. */
export function csvCell(value: string): string {
  const safe =
    /^[=+@\t\r]/.test(value) || (/^-/.test(value) && !/^-\d+(\.\d+)?$/.test(value))
      ? `'${value}`
      : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
