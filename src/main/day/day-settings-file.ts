import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from '../merchants/atomic-file'
import { DEFAULT_CUTOFF_HOUR } from './business-day'
import type { DaySettingsStorage } from './day-settings'

const schema = z.object({
  cutoffHour: z.number().int().min(0).max(23).catch(DEFAULT_CUTOFF_HOUR),
  closeDailyMerchants: z.array(z.string().min(1).max(100)).max(1000).catch([]),
})

/**
 * The day settings in `day/settings.json` of the data folder (owner-only, written atomically).
 * A missing file is the defaults; a damaged one is read as far as it goes (each bad value falls
 * back to its default) and replaced at the next change.
 */
export function daySettingsFile(dataDir: string): DaySettingsStorage {
  const path = join(dataDir, 'day', 'settings.json')
  return {
    load() {
      let text: string
      try {
        text = readFileSync(path, 'utf8')
      } catch {
        return undefined
      }
      try {
        return schema.parse(JSON.parse(text))
      } catch {
        return undefined
      }
    },
    save: (value) => writeFileAtomic(path, `${JSON.stringify(value, null, 1)}\n`, 0o600),
  }
}
