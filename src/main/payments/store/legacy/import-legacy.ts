import fs from 'node:fs'
import path from 'node:path'
import { syncDir } from '../database'
import type { PaymentMeta, StoreProblem } from '../port'
import type { SqlitePaymentStore } from '../sqlite-store'
import type { LegacyLine } from './legacy-schema'
import { readLegacyFile } from './read-legacy'

/** The old journal's files, oldest content first (the journal holds what came after the snapshot). */
const FILES = ['snapshot.jsonl', 'journal.jsonl'] as const
const FACT = 'legacy_import'

export interface LegacyImportOptions {
  now: number
  /** Test hook: called once, half way through the import's transaction. */
  crashPoint?: (name: 'mid-import') => void
}

/**
 * Moves the payments of the old hand-made journal in `dir` into the store, once: every readable
 * record (its latest revision) in one transaction, then the old files are renamed
 * `<name>.migrated-<time>`. A payment already in the store is not imported again, so a restart
 * after a crash at any point finishes the job without losing or doubling anything. Returns what
 * to tell people (the count, and any unreadable lines), or nothing when there was nothing to do.
 */
export function importLegacyJournal(
  store: SqlitePaymentStore,
  dir: string,
  options: LegacyImportOptions,
): StoreProblem[] {
  // A compaction cut short left this; the old journal itself never read it.
  fs.rmSync(path.join(dir, 'snapshot.jsonl.tmp'), { force: true })
  const present = FILES.filter((name) => fs.existsSync(path.join(dir, name)))
  if (present.length === 0) return []
  const latest = new Map<string, LegacyLine>()
  const unreadable = new Map<string, number>()
  for (const name of present) {
    const { lines, unreadable: bad } = readLegacyFile(path.join(dir, name))
    if (bad > 0) unreadable.set(name, bad)
    for (const line of lines) {
      const seen = latest.get(line.record.id)
      if (!seen || seen.rev <= line.rev) latest.set(line.record.id, line)
    }
  }
  const lines = [...latest.values()].sort((a, b) => a.record.createdAt - b.record.createdAt)
  let imported = 0
  const total = store.transaction(() => {
    for (const line of lines) {
      if (store.noOf(line.record.id) !== undefined) continue
      const { duplicates: _ignored, ...meta } = line.meta
      store.insertRows({ record: line.record, meta: meta as PaymentMeta })
      imported += 1
      if (imported === Math.ceil(lines.length / 2)) options.crashPoint?.('mid-import')
    }
    const before = Number(JSON.parse(store.fact(FACT) ?? '{"payments":0}').payments) || 0
    store.setFact(FACT, JSON.stringify({ payments: before + imported, at: options.now }))
    return before + imported
  })
  const stamp = new Date(options.now).toISOString().replace(/[:.]/g, '-')
  const problems: StoreProblem[] = []
  const moved: string[] = []
  for (const name of present) {
    const copy = `${name}.migrated-${stamp}`
    fs.renameSync(path.join(dir, name), path.join(dir, copy))
    // Older versions wrote these readable by others; what is kept stays owner-only.
    fs.chmodSync(path.join(dir, copy), 0o600)
    moved.push(copy)
    const bad = unreadable.get(name)
    if (bad)
      problems.push({ code: 'payments_legacy_damaged', params: { file: name, count: bad, copy } })
  }
  syncDir(dir)
  // An old journal the app created but never wrote a payment to is moved aside quietly.
  if (total > 0) {
    problems.unshift({
      code: 'payments_legacy_imported',
      params: { count: total, files: moved.join(', ') },
    })
  }
  store.imported = {
    payments: total,
    problems: [...unreadable.values()].reduce((a, b) => a + b, 0),
  }
  return problems
}
