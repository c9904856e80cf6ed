import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DaySettingsService } from '../../../src/main/day/day-settings'
import { daySettingsFile } from '../../../src/main/day/day-settings-file'
import { NoticeBoard } from '../../../src/main/notices/notices'
import { tempDataDir } from '../payments/support'

describe('day settings', () => {
  it('start at 04:00 with no merchant closing daily, and keep changes owner-only', async () => {
    const dir = tempDataDir('day-settings-')
    const notices = new NoticeBoard()
    const settings = new DaySettingsService(daySettingsFile(dir, notices))
    expect(settings.get()).toEqual({ cutoffHour: 4, closeDailyMerchants: [] })
    await settings.set({ cutoffHour: 6, closeDaily: { merchantId: 'm1', enabled: true } })
    await settings.set({ closeDaily: { merchantId: 'm2', enabled: true } })
    await settings.set({ closeDaily: { merchantId: 'm2', enabled: false } })
    const again = new DaySettingsService(daySettingsFile(dir, notices))
    expect(again.cutoffHour()).toBe(6)
    expect(again.closesDaily('m1')).toBe(true)
    expect(again.closesDaily('m2')).toBe(false)
    const file = join(dir, 'day', 'settings.json')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      cutoffHour: 6,
      closeDailyMerchants: ['m1'],
    })
  })

  it('read a bad value as its default, and move an unreadable file aside with a notice', async () => {
    const dir = tempDataDir('day-settings-')
    const notices = new NoticeBoard()
    await mkdir(join(dir, 'day'), { recursive: true })
    await writeFile(
      join(dir, 'day', 'settings.json'),
      '{"cutoffHour": 99, "closeDailyMerchants": ["m1"]}',
    )
    expect(new DaySettingsService(daySettingsFile(dir, notices)).get()).toEqual({
      cutoffHour: 4,
      closeDailyMerchants: ['m1'],
    })
    await writeFile(join(dir, 'day', 'settings.json'), 'not json')
    expect(new DaySettingsService(daySettingsFile(dir, notices)).get()).toEqual({
      cutoffHour: 4,
      closeDailyMerchants: [],
    })
    expect(notices.list().map((n) => n.code)).toEqual(['day_settings_file_damaged'])
  })
})
