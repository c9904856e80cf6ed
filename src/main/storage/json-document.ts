import * as fs from 'node:fs'
import { chmod, readFile, rename } from 'node:fs/promises'
import type { z } from 'zod'
import { PRIVATE_FILE_MODE, writeFileAtomic, writeFileAtomicSync } from './atomic-write'

/**
 * A small JSON document of the app (merchants, app settings, print settings, a receipt's record):
 * checked against its schema on every read and write, upgraded by numbered migrations, written
 * atomically and owner-only. A file that cannot be used is never silently reset: it is moved aside
 * (`<name>.corrupt-<time>`, or `<name>.newer-<time>` when a newer version wrote it), the owner is
 * told through `onDamage` (which raises an app notice), and the document starts from its defaults.
 */
export interface JsonDocumentOptions<T> {
  path: string
  /** The current shape. Per-field `.catch()` in it repairs single bad values instead. */
  schema: z.ZodType<T>
  /** What a missing or moved-aside document starts as. */
  defaults: () => T
  /** Absent: the document has no version and no migrations. */
  versions?: DocumentVersions
  /** Told once per file moved aside; the owner raises its notice here. */
  onDamage: (damage: DocumentDamage) => void
  /** Wall clock for the quarantine name and for migrations (tests pin it). */
  now?: () => number
}

/**
 * Numbered migrations: `steps[n]` turns a version-n document into version n + 1 and checks what it
 * reads with that version's own schema (throwing when it does not fit). Never edit a shipped step.
 */
export interface DocumentVersions {
  /** The version this build writes. */
  current: number
  /** The version of a parsed file, or undefined when it carries none (the file is then invalid). */
  of(raw: unknown): number | undefined
  steps: Readonly<Record<number, MigrationStep>>
}
export type MigrationStep = (raw: unknown, context: { now: number }) => unknown

export interface DocumentDamage {
  path: string
  /** Where the unusable file now is. */
  movedTo: string
  /** `unreadable`: not JSON; `invalid`: not the expected shape; `newer`: a newer version wrote it. */
  reason: 'unreadable' | 'invalid' | 'newer'
  /** For logs: what did not fit (never the content). */
  detail: string
}

export interface LoadedDocument<T> {
  value: T
  /** No file existed (first start). False when a damaged file was moved aside. */
  fresh: boolean
  /** Set when the file was upgraded (and written back; the original kept as `<name>.v<n>.bak`). */
  migratedFrom?: number
  /** Set when the file was moved aside. */
  damage?: DocumentDamage
}

type Interpreted<T> =
  | { kind: 'ok'; value: T; migratedFrom?: number }
  | { kind: 'damaged'; reason: DocumentDamage['reason']; detail: string }

export class JsonDocument<T> {
  readonly path: string
  private readonly now: () => number

  constructor(private readonly options: JsonDocumentOptions<T>) {
    this.path = options.path
    this.now = options.now ?? Date.now
  }

  /** Reads the document (migrating or quarantining as needed). Missing file: the defaults. */
  async read(): Promise<LoadedDocument<T>> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (err) {
      if (isMissing(err)) return { value: this.options.defaults(), fresh: true }
      throw err
    }
    const result = this.interpret(text)
    if (result.kind === 'damaged') {
      const target = quarantineTarget(this.path, result.reason, this.now())
      const movedTo = await quarantine(this.path, target)
      return this.damaged(result, movedTo)
    }
    if (result.migratedFrom !== undefined) {
      // Keep the original next to the upgraded file so an older version can still be restored.
      await writeFileAtomic(`${this.path}.v${result.migratedFrom}.bak`, text)
      await writeFileAtomic(this.path, serialise(result.value))
    }
    return ok(result)
  }

  /** `read` for owners that must have their document before they return (app settings). */
  readSync(): LoadedDocument<T> {
    let text: string
    try {
      text = fs.readFileSync(this.path, 'utf8')
    } catch (err) {
      if (isMissing(err)) return { value: this.options.defaults(), fresh: true }
      throw err
    }
    const result = this.interpret(text)
    if (result.kind === 'damaged') {
      const movedTo = quarantineSync(
        this.path,
        quarantineTarget(this.path, result.reason, this.now()),
      )
      return this.damaged(result, movedTo)
    }
    if (result.migratedFrom !== undefined) {
      writeFileAtomicSync(`${this.path}.v${result.migratedFrom}.bak`, text)
      writeFileAtomicSync(this.path, serialise(result.value))
    }
    return ok(result)
  }

  /** Checks `value` against the schema (throwing when it does not fit), then writes it atomically. */
  async write(value: T): Promise<T> {
    const checked = this.options.schema.parse(value)
    await writeFileAtomic(this.path, serialise(checked))
    return checked
  }

  writeSync(value: T): T {
    const checked = this.options.schema.parse(value)
    writeFileAtomicSync(this.path, serialise(checked))
    return checked
  }

  private interpret(text: string): Interpreted<T> {
    let raw: unknown
    try {
      raw = JSON.parse(text) as unknown
    } catch {
      return { kind: 'damaged', reason: 'unreadable', detail: 'not valid JSON' }
    }
    let from: number | undefined
    const versions = this.options.versions
    if (versions) {
      const version = versions.of(raw)
      if (version === undefined || !Number.isInteger(version)) {
        return { kind: 'damaged', reason: 'invalid', detail: 'no schema version' }
      }
      if (version > versions.current) {
        return { kind: 'damaged', reason: 'newer', detail: `version ${version} is newer` }
      }
      try {
        for (let v = version; v < versions.current; v++) {
          const step = versions.steps[v]
          if (!step) return { kind: 'damaged', reason: 'invalid', detail: `no upgrade from ${v}` }
          raw = step(raw, { now: this.now() })
        }
      } catch (err) {
        return { kind: 'damaged', reason: 'invalid', detail: describeError(err) }
      }
      if (version < versions.current) from = version
    }
    const parsed = this.options.schema.safeParse(raw)
    if (!parsed.success) {
      return { kind: 'damaged', reason: 'invalid', detail: describeError(parsed.error) }
    }
    return from === undefined
      ? { kind: 'ok', value: parsed.data }
      : { kind: 'ok', value: parsed.data, migratedFrom: from }
  }

  private damaged(
    result: { reason: DocumentDamage['reason']; detail: string },
    movedTo: string | undefined,
  ): LoadedDocument<T> {
    const value = this.options.defaults()
    // Another reader moved it aside a moment ago and has already told the owner.
    if (movedTo === undefined) return { value, fresh: true }
    const damage: DocumentDamage = { path: this.path, movedTo, ...result }
    this.options.onDamage(damage)
    return { value, fresh: false, damage }
  }
}

function ok<T>(result: { value: T; migratedFrom?: number }): LoadedDocument<T> {
  return result.migratedFrom === undefined
    ? { value: result.value, fresh: false }
    : { value: result.value, fresh: false, migratedFrom: result.migratedFrom }
}

function serialise(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT'
}

function describeError(err: unknown): string {
  const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues
  const first = issues?.[0]
  if (first) return `${first.path.map(String).join('.')}: ${first.message}`
  return err instanceof Error ? err.message : String(err)
}

/** `2026-11-30T10-15-00-000Z`: sortable, and valid in a file name on every OS. */
export function quarantineStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-')
}

/**
 * Where a damaged file goes: next to it, named by reason and time. Never over an earlier copy: a
 * second damage in the same millisecond gets a suffix.
 */
function quarantineTarget(path: string, reason: DocumentDamage['reason'], ms: number): string {
  const base = `${path}.${reason === 'newer' ? 'newer' : 'corrupt'}-${quarantineStamp(ms)}`
  let target = base
  for (let n = 2; fs.existsSync(target); n++) target = `${base}-${n}`
  return target
}

/** The moved-to path, or undefined when the file was already gone (another reader moved it). */
async function quarantine(path: string, target: string): Promise<string | undefined> {
  try {
    await rename(path, target)
    // The copy may hold what the file held (merchants, receipts): owner-only, as if we wrote it.
    await chmod(target, PRIVATE_FILE_MODE)
    return target
  } catch (err) {
    if (isMissing(err)) return undefined
    throw err
  }
}

function quarantineSync(path: string, target: string): string | undefined {
  try {
    fs.renameSync(path, target)
    fs.chmodSync(target, PRIVATE_FILE_MODE)
    return target
  } catch (err) {
    if (isMissing(err)) return undefined
    throw err
  }
}
