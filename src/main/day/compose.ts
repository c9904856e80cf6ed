import type { PaperWidthMm, TerminalList } from '@shared/contract'
import type { Printer } from '../receipts/ports'
import { DaySettingsService, type DaySettingsStorage } from './day-settings'
import { createDayHandlers } from './handlers'
import type { BatchGateway, DayJournal, ResolvePending } from './ports'
import { DayService } from './service'
import { ZReportFiles } from './z-report-files'
import { ZReportOutput } from './z-report-output'

/** What the day close needs from the rest of the app (built in services.ts). */
export interface DayWiring {
  dataDir: string
  journal: DayJournal
  merchants: {
    view(merchantId: string): { name: string } | undefined
    listTerminals(merchantId: string, refresh: boolean): Promise<TerminalList>
    defaultCurrency(merchantId: string): Promise<string>
  }
  gatewayFor(merchantId: string): Promise<BatchGateway | undefined>
  resolvePending?: ResolvePending
  printer: Printer
  /** The checkout's printing settings (roll width, printer). */
  printSettings(): Promise<{ paperWidthMm: PaperWidthMm; printerName?: string }>
  settingsStorage?: DaySettingsStorage
  onChange(merchantId: string, date: string): void
  now?: () => number
}

/** Builds the day close's services and its slice of the IPC handler table. */
export function createDay(w: DayWiring) {
  const settings = new DaySettingsService(w.settingsStorage)
  const files = ZReportFiles.inDataDir(w.dataDir)
  const service = new DayService({
    journal: w.journal,
    gatewayFor: w.gatewayFor,
    terminalsOf: async (merchantId) =>
      (await w.merchants.listTerminals(merchantId, false)).terminals.map((t) => ({
        serial: t.serialNumber,
        type: t.terminalType,
      })),
    merchantName: (merchantId) => w.merchants.view(merchantId)?.name,
    defaultCurrency: (merchantId) => w.merchants.defaultCurrency(merchantId),
    resolvePending: w.resolvePending,
    settings,
    files,
    now: w.now ?? Date.now,
    onChange: w.onChange,
  })
  const output = new ZReportOutput(
    service,
    {
      rollWidthMm: async () => (await w.printSettings()).paperWidthMm,
      printRoll: async (html, paperWidthMm) => {
        const { printerName } = await w.printSettings()
        await w.printer.print(html, {
          ...(printerName ? { deviceName: printerName } : {}),
          paperWidthMm,
          copies: 1,
          silent: true,
        })
      },
      pdf: (html, page) => w.printer.printToPdf(html, page),
    },
    files,
  )
  return { service, settings, output, handlers: createDayHandlers(service, output, settings) }
}
