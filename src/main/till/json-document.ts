import { readFile, rename } from 'node:fs/promises'
import type { z } from 'zod'
import { writeFileAtomic } from '../merchants/atomic-file'

/**
 * A minimal owner-only JSON document, shaped like the storage layer's `JsonDocument` (same
 * options and `read`/`write`) so the till link can move to that one by changing its import.
 * Checked against its schema on read and write; written atomically with mode 0600; a file that
 * cannot be used is moved aside (`<name>.corrupt-<time>`) and reported, never silently reset.
 */
export interface JsonDocumentOptions<T> {
  path: string
  schema: z.ZodType<T>
  defaults: () => T
  onDamage: (damage: { path: string; movedTo: string; detail: string }) => void
  now?: () => number
}

export class JsonDocument<T> {
  readonly path: string

  constructor(private readonly options: JsonDocumentOptions<T>) {
    this.path = options.path
  }

  async read(): Promise<{ value: T; fresh: boolean }> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return { value: this.options.defaults(), fresh: true }
      }
      throw err
    }
    let detail: string
    try {
      const parsed = this.options.schema.safeParse(JSON.parse(text))
      if (parsed.success) return { value: parsed.data, fresh: false }
      detail = parsed.error.issues[0]?.message ?? 'not the expected shape'
    } catch {
      detail = 'not valid JSON'
    }
    const movedTo = `${this.path}.corrupt-${this.options.now?.() ?? Date.now()}`
    await rename(this.path, movedTo)
    this.options.onDamage({ path: this.path, movedTo, detail })
    return { value: this.options.defaults(), fresh: false }
  }

  async write(value: T): Promise<T> {
    const checked = this.options.schema.parse(value)
    await writeFileAtomic(this.path, `${JSON.stringify(checked, null, 2)}\n`, 0o600)
    return checked
  }
}
