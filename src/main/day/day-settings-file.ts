import { join } from 'node:path'
import { z } from 'zod'
import type { Notices } from '../notices/notices'
import { JsonDocument } from '../storage/json-document'
import { DEFAULT_CUTOFF_HOUR } from './business-day'
import type { DaySettingsStorage } from './day-settings'

const schema = z.object({
  // A single bad value falls back to its default instead of losing the whole file.
  cutoffHour: z.number().int().min(0).max(23).catch(DEFAULT_CUTOFF_HOUR),
  closeDailyMerchants: z.array(z.string().min(1).max(100)).max(1000).catch([]),
})

/**
 * The day settings in `day/settings.json` of the data folder (owner-only, written atomically).
 * A missing file is the defaults; one that cannot be read is moved aside with a notice.
 */
export function daySettingsFile(dataDir: string, notices: Notices): DaySettingsStorage {
  const document = new JsonDocument({
    path: join(dataDir, 'day', 'settings.json'),
    schema,
    defaults: () => ({ cutoffHour: DEFAULT_CUTOFF_HOUR, closeDailyMerchants: [] }),
    onDamage: ({ movedTo }) => notices.notify('day_settings_file_damaged', { movedTo }),
  })
  return {
    load: () => document.readSync().value,
    save: async (value) => void (await document.write(value)),
  }
}
