import { describe } from '@shared/messages'
import { fromMinorUnits } from '@shared/money'
import { dayReportJson } from '../main/day/report-json'
import type { CliCommand } from './command'
import { dayServiceFor } from './day-context'

/**
 * `day-report [--date YYYY-MM-DD] [--json]`: the business day's totals per terminal and
 * currency, checked with Handpoint first (outcomes not final resolved by reference, each
 * terminal's batch matched). `--json` prints exactly one object, amounts in minor units.
 * Exit code 2 when a terminal's totals do not agree with its batch.
 */
export const dayReportCommand: CliCommand = {
  usage: 'day-report [--date YYYY-MM-DD]',
  summary: 'Totals of a business day, checked with Handpoint.',
  async run(ctx, options, io) {
    const day = dayServiceFor(ctx, options)
    const date = options.date ?? day.today()
    const view = await day.reconcile(options.merchantId, date)
    const json = dayReportJson(view.report, view.verdicts)
    if (options.json) {
      io.out(`${JSON.stringify(json)}\n`)
    } else {
      io.out(`Business day ${date}\n`)
      if (json.terminals.length === 0) io.out('  No card payments.\n')
      for (const t of json.terminals) {
        const m = (minor: number): string => `${fromMinorUnits(minor, t.currency)} ${t.currency}`
        io.out(
          `  ${t.terminal} ${t.currency}: sales ${t.sales.count} ${m(t.sales.amount)}, refunds ${t.refunds.count} ${m(t.refunds.amount)}, ` +
            `reversals ${t.reversals.count} ${m(t.reversals.amount)}, captures ${t.captures.count} ${m(t.captures.amount)}, ` +
            `tips ${m(t.tips.amount)}, net ${m(t.net)}; declined ${t.declined}, failed ${t.failed}, cancelled ${t.cancelled}; ${t.verdict.replace(/_/g, ' ')}\n`,
        )
      }
      for (const w of view.warnings) io.out(`  ${describe(w.message.code, w.message.params)}\n`)
      for (const e of json.exceptions) io.out(`  ! ${Object.values(e).join(' ')}\n`)
    }
    return json.terminals.some((t) => t.verdict === 'do_not_agree') ? 2 : 0
  },
}
