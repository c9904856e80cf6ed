import type { DayReportJson } from '@shared/contract/day.contract'
import type { Difference, TerminalVerdict } from './reconcile-match'
import type { DayReport } from './report'

export type { DayReportJson } from '@shared/contract/day.contract'

/**
 * The day report as one JSON object, the same for `cli day-report --json` and the till link's
 * GET /v1/days/{date}/report (its schema: `dayReportJsonSchema` in the shared day contract). All
 * amounts are integers in minor units. The exceptions list holds the day report's exceptions and
 * every line a batch disagreed on.
 */
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
    // Copies: the JSON is handed out, the report stays as the service keeps it.
    terminals: structuredClone(report.terminals).map((t) => ({
      ...t,
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
