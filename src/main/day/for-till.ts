import type { TillDay } from '../till/ports'
import { dayReportJson } from './report-json'
import type { DayService } from './service'

/** The day close as the till link offers it: the same JSON object as `day-report --json`. */
export function dayForTill(day: DayService): TillDay {
  return {
    report: async (merchantId, date) => {
      const view = await day.reconcile(merchantId, date)
      return dayReportJson(view.report, view.verdicts)
    },
    closeBatch: (merchantId, serial) => day.closeBatch(merchantId, serial),
  }
}
