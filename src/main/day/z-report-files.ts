import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../storage/atomic-write'
import type { ZReport } from './z-report'

/**
 * Z reports kept in the data folder, one per merchant and business day:
 * `<dataDir>/z-reports/<merchant>/<YYYY-MM-DD>.json` (the model, so a reprint is the report as it
 * was) next to the PDF and CSV made from it. Files are 0600 in 0700 folders: they name card
 * brands, amounts and terminals of the business.
 */
export class ZReportFiles {
  constructor(private readonly root: string) {}

  static inDataDir(dataDir: string): ZReportFiles {
    return new ZReportFiles(join(dataDir, 'z-reports'))
  }

  /** Saves the model; returns its path. */
  async save(z: ZReport): Promise<string> {
    const path = this.pathOf(z.merchantId, z.report.date, 'json')
    await writeFileAtomic(path, `${JSON.stringify(z, null, 1)}\n`)
    return path
  }

  /** Saves an export (PDF, CSV) of the day beside its model; returns its path. */
  async saveExport(
    merchantId: string,
    date: string,
    name: string,
    data: string | Uint8Array,
  ): Promise<string> {
    const path = join(this.folderOf(merchantId), `${date}-${name}`)
    await writeFileAtomic(path, data)
    return path
  }

  /** The kept model for a day, or undefined when none was kept (or it cannot be read). */
  async load(merchantId: string, date: string): Promise<ZReport | undefined> {
    try {
      const z = JSON.parse(await readFile(this.pathOf(merchantId, date, 'json'), 'utf8')) as ZReport
      return z && typeof z === 'object' && z.report?.date === date ? z : undefined
    } catch {
      return undefined
    }
  }

  /** Days with a kept report, newest first. */
  async days(merchantId: string): Promise<string[]> {
    try {
      const names = await readdir(this.folderOf(merchantId))
      return names
        .map((n) => /^(\d{4}-\d{2}-\d{2})\.json$/.exec(n)?.[1])
        .filter((d): d is string => !!d)
        .sort()
        .reverse()
    } catch {
      return []
    }
  }

  private folderOf(merchantId: string): string {
    return join(this.root, merchantId.replace(/[^A-Za-z0-9_-]/g, '_'))
  }

  private pathOf(merchantId: string, date: string, ext: string): string {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`Not a date: ${date}`)
    return join(this.folderOf(merchantId), `${date}.${ext}`)
  }
}
