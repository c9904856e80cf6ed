import { join } from 'node:path'
import { z } from 'zod'
import { printSettingsSchema, type PrintSettings } from '@shared/contract'
import type { Notices } from '../notices/notices'
import { JsonDocument } from '../storage/json-document'

const DEFAULTS = printSettingsSchema.parse({})
const fields = printSettingsSchema.shape

/** The file as kept: a hand-edited wrong value falls back to its default, the others stay. */
const storedPrintSettings: z.ZodType<PrintSettings> = z.object({
  printerName: fields.printerName.catch(DEFAULTS.printerName),
  paperWidthMm: fields.paperWidthMm.catch(DEFAULTS.paperWidthMm),
  copies: fields.copies.catch(DEFAULTS.copies),
  customerCopy: fields.customerCopy.catch(DEFAULTS.customerCopy),
  merchantCopy: fields.merchantCopy.catch(DEFAULTS.merchantCopy),
  printDeclined: fields.printDeclined.catch(DEFAULTS.printDeclined),
})

/**
 * This checkout's printing settings in `<dataDir>/receipts/settings.json`. A missing file means
 * "defaults"; a file that is not JSON at all is moved aside with a notice and the defaults apply
 * (the app must still take payments).
 */
export class PrintSettingsFile {
  private cached: PrintSettings | undefined
  private readonly document: JsonDocument<PrintSettings>

  constructor(path: string, notices: Notices) {
    this.document = new JsonDocument<PrintSettings>({
      path,
      schema: storedPrintSettings,
      defaults: () => ({ ...DEFAULTS }),
      onDamage: ({ movedTo }) => notices.notify('print_settings_file_damaged', { movedTo }),
    })
  }

  static under(dataDir: string, notices: Notices): PrintSettingsFile {
    return new PrintSettingsFile(join(dataDir, 'receipts', 'settings.json'), notices)
  }

  async get(): Promise<PrintSettings> {
    this.cached ??= (await this.document.read()).value
    return { ...this.cached }
  }

  async update(patch: Partial<PrintSettings>): Promise<PrintSettings> {
    const next = printSettingsSchema.parse({ ...(await this.get()), ...patch })
    this.cached = await this.document.write(next)
    return { ...next }
  }
}
