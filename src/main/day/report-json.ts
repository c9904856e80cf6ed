import type { Difference, TerminalVerdict } from './reconcile-match'
import type { DayReport, MoneyLine } from './report'

/**
 * The day report as one JSON object, the same for `cli day-report --json` and the till link's
 * GET /v1/days/{date}/report. All amounts are integers in minor units. The exceptions list holds
 * the day report's exceptions and every line a batch disagreed on.
 */
export interface DayReportJson {
  date: string
  terminals: {
    terminal: string
    currency: string
    sales: MoneyLine
    refunds: MoneyLine
    reversals: MoneyLine
    captures: MoneyLine
    tips: MoneyLine
    net: number
    declined: number
    failed: number
    cancelled: number
    verdict: TerminalVerdict['verdict']
  }[]
  brands: { brand: string; entry: string; currency: string; count: number; amount: number }[]
  exceptions: Record<string, string | number>[]
}

export function dayReportJson(
  report: DayReport,
  verdicts: readonly TerminalVerdict[] = [],
): DayReportJson {
  const verdictOf = (terminal: string): TerminalVerdict['verdict'] =>
    verdicts.find((v) => v.terminal === terminal)?.verdict ?? 'unconfirmed'
  const currencyOf = (terminal: string): string | undefined =>
    report.terminals.find((t) => t.terminal === terminal)?.currency
  const exceptions: Record<string, string | number>[] = report.exceptions.map((e) => {
    const { at, ...rest } = e
    return { ...rest, at: new Date(at).toISOString() }
  })
  for (const v of verdicts) {
    if (v.verdict !== 'do_not_agree') continue
    for (const d of v.differences) {
      exceptions.push(differenceJson(v.terminal, v.batchNumber, currencyOf(v.terminal), d))
    }
  }
  return {
    date: report.date,
    terminals: report.terminals.map((t) => ({
      terminal: t.terminal,
      currency: t.currency,
      sales: { ...t.sales },
      refunds: { ...t.refunds },
      reversals: { ...t.reversals },
      captures: { ...t.captures },
      tips: { ...t.tips },
      net: t.net,
      declined: t.declined,
      failed: t.failed,
      cancelled: t.cancelled,
      verdict: verdictOf(t.terminal),
    })),
    brands: report.brands.map((b) => ({ ...b })),
    exceptions,
  }
}

function differenceJson(
  terminal: string,
  batchNumber: string,
  currency: string | undefined,
  d: Difference,
): Record<string, string | number> {
  const out: Record<string, string | number> = { terminal, batchNumber }
  if (currency) out.currency = currency
  for (const [key, value] of Object.entries(d)) if (value !== undefined) out[key] = value
  return out
}
