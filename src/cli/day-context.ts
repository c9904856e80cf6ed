import { DaySettingsService } from '../main/day/day-settings'
import { createStoreDayJournal } from '../main/day/store-journal'
import { createHandpointGateway } from '../main/day/handpoint-gateway'
import { DayService } from '../main/day/service'
import { ZReportFiles } from '../main/day/z-report-files'
import type { Context } from './commands'
import type { CliOptions } from './options'

/** The day close over the CLI's journal and key: the same service the app uses. */
export function dayServiceFor(ctx: Context, options: CliOptions): DayService {
  return new DayService({
    journal: createStoreDayJournal(ctx.engine.store, Date.now),
    gatewayFor: async () =>
      createHandpointGateway(ctx.client, {
        gate: ctx.engine.gateFor(options.merchantId, 'day-close'),
      }),
    terminalsOf: async () =>
      (await ctx.client.listDevices()).map((d) => ({
        serial: d.serialNumber,
        type: d.terminalType,
      })),
    merchantName: (merchantId) => (merchantId === options.merchantId ? merchantId : undefined),
    defaultCurrency: async () => options.currency ?? 'EUR',
    resolvePending: async (id) => void (await ctx.engine.resolve(id)),
    settings: new DaySettingsService(),
    files: ZReportFiles.inDataDir(options.dataDir),
    now: Date.now,
  })
}
