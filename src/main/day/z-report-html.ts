import { PAPER, RECEIPT_CSP } from '../receipts/print-document'
import type { TerminalTotals } from './report'
import {
  terminalCurrency,
  terminalsOf,
  zText,
  type ZReport,
  type ZRenderOptions,
  type ZText,
} from './z-report'

/**
 * The Z report as a complete HTML document, for the checkout's roll printer (58 or 80 mm, one
 * column, like a receipt) or for A4 (one table across). Every value from outside (terminal
 * serials, the issuer's text) is escaped; the document carries the receipts' CSP.
 */
export type ZLayout = 'roll58' | 'roll80' | 'a4'

export function zReportHtml(
  z: ZReport,
  options: ZRenderOptions & { layout: ZLayout; reprint?: boolean },
): string {
  const x = zText(z, options)
  const body = [
    options.reprint ? `<p class="verdict reprint">${esc(x.t('reprint'))}</p>` : '',
    header(z, x),
    options.layout === 'a4' ? totalsTable(z, x) : totalsBlocks(z, x),
    brands(z, x),
    exceptions(z, x),
    `<p class="rule">${esc(x.t('rule'))}</p>`,
  ].join('\n')
  return (
    `<!doctype html><html lang="${options.language}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${RECEIPT_CSP}">` +
    `<title>${esc(`${x.t('title')} ${z.report.date}`)}</title>` +
    `<style>${stylesheet(options.layout)}</style></head><body>${body}</body></html>`
  )
}

function header(z: ZReport, x: ZText): string {
  const r = z.report
  return [
    `<h1>${esc(x.t('title'))}</h1>`,
    `<p class="merchant">${esc(z.merchantName)}</p>`,
    `<p><b>${esc(x.t('businessDay'))}: ${esc(x.date(r.date))}</b></p>`,
    `<p class="small">${esc(x.t('window', { from: x.time(r.from), to: x.time(r.to) }))}</p>`,
    `<p class="small">${esc(x.t('printedAt', { at: x.time(r.generatedAt) }))}</p>`,
  ].join('')
}

const ROWS = ['sales', 'tips', 'refunds', 'reversals', 'captures'] as const

function totalsBlocks(z: ZReport, x: ZText): string {
  const terminals = terminalsOf(z)
  if (terminals.length === 0) return `<p>${esc(x.t('noPayments'))}</p>`
  return terminals
    .map((serial) => {
      const rows = z.report.terminals.filter((row) => row.terminal === serial)
      const tables = rows.map((row) => {
        const money = (key: (typeof ROWS)[number]): string =>
          `<tr${key === 'tips' ? ' class="sub"' : ''}><td>${esc(x.t(key))}</td><td class="n">${row[key].count}</td><td class="r">${esc(x.money(row[key].amount, row.currency))}</td></tr>`
        const count = (key: 'declined' | 'failed' | 'cancelled'): string =>
          `<tr class="sub"><td>${esc(x.t(key))}</td><td class="n">${row[key]}</td><td></td></tr>`
        return (
          `<table data-currency="${esc(row.currency)}"><caption>${esc(row.currency)}</caption>` +
          ROWS.map(money).join('') +
          `<tr class="net"><td>${esc(x.t('net'))}</td><td></td><td class="r">${esc(x.money(row.net, row.currency))}</td></tr>` +
          count('declined') +
          count('failed') +
          count('cancelled') +
          '</table>'
        )
      })
      return `<section class="terminal" data-terminal="${esc(serial)}"><h2>${esc(x.terminalName(serial))}</h2>${tables.join('')}${verdictAndCloses(z, x, serial)}</section>`
    })
    .join('\n')
}

/** A4: one column per terminal and currency, one row per line; then each terminal's verdict. */
function totalsTable(z: ZReport, x: ZText): string {
  if (z.report.terminals.length === 0 && z.verdicts.length === 0) {
    return `<p>${esc(x.t('noPayments'))}</p>`
  }
  const cols = z.report.terminals
  const heading = (row: TerminalTotals): string =>
    `${z.virtualTerminals.includes(row.terminal) ? `${row.terminal} (MOTO)` : row.terminal}<br>${row.currency}`
  const money = (key: (typeof ROWS)[number]): string =>
    `<tr${key === 'tips' ? ' class="sub"' : ''}><th>${esc(x.t(key))}</th>${cols
      .map(
        (row) =>
          `<td><span class="n">${row[key].count}</span> ${esc(x.money(row[key].amount, row.currency))}</td>`,
      )
      .join('')}</tr>`
  const count = (key: 'declined' | 'failed' | 'cancelled'): string =>
    `<tr class="sub"><th>${esc(x.t(key))}</th>${cols.map((row) => `<td>${row[key]}</td>`).join('')}</tr>`
  const table =
    `<table class="wide"><thead><tr><th></th>${cols.map((row) => `<th>${esc(heading(row)).replace('&lt;br&gt;', '<br>')}</th>`).join('')}</tr></thead><tbody>` +
    ROWS.map(money).join('') +
    `<tr class="net"><th>${esc(x.t('net'))}</th>${cols.map((row) => `<td>${esc(x.money(row.net, row.currency))}</td>`).join('')}</tr>` +
    count('declined') +
    count('failed') +
    count('cancelled') +
    '</tbody></table>'
  const details = terminalsOf(z)
    .map(
      (serial) =>
        `<section class="terminal" data-terminal="${esc(serial)}"><h2>${esc(x.terminalName(serial))}</h2>${verdictAndCloses(z, x, serial)}</section>`,
    )
    .join('')
  return table + details
}

function verdictAndCloses(z: ZReport, x: ZText, serial: string): string {
  const v = z.verdicts.find((item) => item.terminal === serial)
  const currency = terminalCurrency(z, serial)
  let out = ''
  if (v) {
    const batch = v.batchNumber ? ` · ${x.t('batchNumber')} ${v.batchNumber}` : ''
    const reason = v.verdict === 'unconfirmed' ? ` (${x.t(v.reason)})` : ''
    out += `<p class="verdict ${v.verdict}" data-verdict="${v.verdict}">${esc(`${x.t(v.verdict)}${reason}${batch}`)}</p>`
    if (v.verdict === 'do_not_agree') {
      out += `<ul class="differences">${v.differences.map((d) => `<li>${esc(x.difference(d, currency))}</li>`).join('')}</ul>`
    }
  }
  for (const c of z.closes.filter((item) => item.terminal === serial)) {
    out += `<p class="close small">${esc(x.closeLine(c))}</p>`
  }
  return out
}

function brands(z: ZReport, x: ZText): string {
  if (z.report.brands.length === 0) return ''
  const rows = z.report.brands
    .map(
      (b) =>
        `<tr><td>${esc(b.brand === 'UNKNOWN' ? x.t('entry_unknown') : b.brand)}</td><td>${esc(x.t(`entry_${b.entry}`))}</td><td class="n">${b.count}</td><td class="r">${esc(x.money(b.amount, b.currency))}</td></tr>`,
    )
    .join('')
  return `<h2>${esc(x.t('brands'))}</h2><table class="brands">${rows}</table>`
}

function exceptions(z: ZReport, x: ZText): string {
  const items = z.report.exceptions.map((e) => `<li>${esc(x.exception(e))}</li>`).join('')
  return `<h2>${esc(x.t('exceptions'))}</h2>${items ? `<ul>${items}</ul>` : `<p>${esc(x.t('noExceptions'))}</p>`}`
}

function stylesheet(layout: ZLayout): string {
  const roll = layout === 'a4' ? undefined : PAPER[layout === 'roll58' ? 58 : 80]
  const page = roll
    ? `@page { margin: 0; } html, body { width: ${roll.paperMm}mm; }
body { box-sizing: border-box; padding: 2mm ${(roll.paperMm - roll.printableMm) / 2}mm; font-size: ${roll.fontPx}px;
  font-family: 'DejaVu Sans Mono', 'Liberation Mono', 'Courier New', monospace; }`
    : `@page { size: A4; margin: 15mm; } body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; }
body { overflow-wrap: normal !important; }
table.wide th, table.wide td { border-bottom: 1px solid #999; padding: 1mm 2mm; text-align: right; white-space: nowrap; }
table.wide tbody th { text-align: left; font-weight: normal; }
table.wide td .n { color: #444; margin-right: 1.5mm; }
table.brands td:first-child { width: 40%; }`
  return `${page}
html, body { margin: 0; background: #fff; color: #000; }
body { line-height: 1.3; overflow-wrap: anywhere; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 1.5em; text-align: center; margin: 0 0 1mm; }
h2 { font-size: 1.1em; margin: 3mm 0 1mm; border-top: 1px dashed #000; padding-top: 2mm; }
p { margin: 0.5mm 0; } .merchant { text-align: center; font-weight: bold; } .small { font-size: 0.9em; }
table { width: 100%; border-collapse: collapse; margin-bottom: 1mm; }
caption { text-align: left; font-weight: bold; }
td { padding: 0.3mm 0; vertical-align: top; } td.n { text-align: right; width: 4ch; padding-right: 1ch; }
td.r { text-align: right; white-space: nowrap; } tr.sub td:first-child { padding-left: 1.5ch; }
tr.net td { border-top: 1px solid #000; font-weight: bold; }
.verdict { margin: 1.5mm 0; padding: 1mm; border: 2px solid #000; text-align: center; font-weight: bold; }
.verdict.do_not_agree { border-style: double; border-width: 4px; } .verdict.unconfirmed { border-style: dashed; }
ul { margin: 0.5mm 0; padding-left: 3ch; } .rule { margin-top: 3mm; font-size: 0.85em; }`
}

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
