import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { printSettingsSchema, type PrintSettings } from '@shared/contract'

/**
 * This checkout's printing settings in `<dataDir>/receipts/settings.json`. A missing or damaged
 * file means "defaults" (the app must still take payments); writes are atomic.
 */
export class PrintSettingsFile {
  private cached: PrintSettings | undefined

  constructor(private readonly path: string) {}

  static under(dataDir: string): PrintSettingsFile {
    return new PrintSettingsFile(join(dataDir, 'receipts', 'settings.json'))
  }

  async get(): Promise<PrintSettings> {
    if (this.cached) return { ...this.cached }
    let raw: unknown
    try {
      raw = JSON.parse(await readFile(this.path, 'utf8'))
    } catch {
      raw = {}
    }
    const parsed = printSettingsSchema.safeParse(raw)
    this.cached = parsed.success ? parsed.data : printSettingsSchema.parse({})
    return { ...this.cached }
  }

  async update(patch: Partial<PrintSettings>): Promise<PrintSettings> {
    const next = printSettingsSchema.parse({ ...(await this.get()), ...patch })
    await mkdir(dirname(this.path), { recursive: true })
    const tmp = `${this.path}.${randomBytes(6).toString('hex')}.tmp`
    await writeFile(tmp, JSON.stringify(next, null, 2), { mode: 0o600, flush: true })
    await rename(tmp, this.path)
    this.cached = next
    return { ...next }
  }
}
