import type { DaySettingsView } from '@shared/contract/day.contract'
import { DEFAULT_CUTOFF_HOUR } from './business-day'
import type { DaySettings } from './ports'

/** Where the day settings are kept; the app stores them in a JSON document of the data folder. */
export interface DaySettingsStorage {
  load(): DaySettingsView | undefined
  save(value: DaySettingsView): Promise<void>
}

/**
 * The day close's settings: the cut-off hour of the business day and the merchants set to
 * "close daily". Read synchronously (the report needs them on every call), written through.
 */
export class DaySettingsService implements DaySettings {
  private value: DaySettingsView

  constructor(private readonly storage?: DaySettingsStorage) {
    this.value = storage?.load() ?? { cutoffHour: DEFAULT_CUTOFF_HOUR, closeDailyMerchants: [] }
  }

  cutoffHour(): number {
    return this.value.cutoffHour
  }

  closesDaily(merchantId: string): boolean {
    return this.value.closeDailyMerchants.includes(merchantId)
  }

  get(): DaySettingsView {
    return { ...this.value, closeDailyMerchants: [...this.value.closeDailyMerchants] }
  }

  async set(patch: {
    cutoffHour?: number
    closeDaily?: { merchantId: string; enabled: boolean }
  }): Promise<DaySettingsView> {
    const next = this.get()
    if (patch.cutoffHour !== undefined) next.cutoffHour = patch.cutoffHour
    if (patch.closeDaily) {
      const rest = next.closeDailyMerchants.filter((m) => m !== patch.closeDaily!.merchantId)
      next.closeDailyMerchants = patch.closeDaily.enabled
        ? [...rest, patch.closeDaily.merchantId].sort()
        : rest
    }
    await this.storage?.save(next)
    this.value = next
    return this.get()
  }
}
