import type { HandlerTable } from '../ipc/handlers'
import type { DaySettingsService } from './day-settings'
import type { DayService } from './service'
import type { ZReportOutput } from './z-report-output'

type DayHandlers = Pick<
  HandlerTable,
  | 'getDay'
  | 'reconcileDay'
  | 'closeBatch'
  | 'checkBatchClose'
  | 'printZReport'
  | 'saveZReportPdf'
  | 'exportZReportCsv'
  | 'getCloseWarnings'
  | 'getDaySettings'
  | 'setDaySettings'
>

/** The day close's slice of the IPC handler table: each handler only calls the services. */
export function createDayHandlers(
  day: DayService,
  output: ZReportOutput,
  settings: DaySettingsService,
): DayHandlers {
  return {
    getDay: ({ merchantId, date }) => day.view(merchantId, date),
    reconcileDay: ({ merchantId, date }) => day.reconcile(merchantId, date),
    closeBatch: async ({ merchantId, terminalSerial }) => {
      const close = await day.closeBatch(merchantId, terminalSerial)
      return day.view(merchantId, close.businessDate)
    },
    checkBatchClose: async ({ merchantId, closeId }) => {
      const close = await day.checkClose(merchantId, closeId)
      return day.view(merchantId, close.businessDate)
    },
    printZReport: ({ merchantId, date, language, reprint }) =>
      output.print(merchantId, date, language, reprint),
    saveZReportPdf: ({ merchantId, date, language, layout }) =>
      output.pdf(merchantId, date, language, layout),
    exportZReportCsv: ({ merchantId, date }) => output.csv(merchantId, date),
    getCloseWarnings: ({ merchantId }) => day.warnings(merchantId),
    getDaySettings: () => settings.get(),
    setDaySettings: (patch) => settings.set(patch),
  }
}
