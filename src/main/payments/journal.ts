import fs from 'node:fs'
import path from 'node:path'
import type { HistoryPage, HistoryQuery } from '@shared/contract/payments.contract'
import { HistoryIndex } from './history-index'
import { scanFile, syncDir } from './journal-scan'
import type { PaymentMeta, StoredPayment } from './journal-schema'
import { SnapshotFile } from './snapshot-file'
import { SnapshotDamage, writeSnapshot, type SnapshotItem } from './snapshot-format'
import { isFinal } from './states'

export type JournalCrashPoint = 'mid-compaction'

export interface JournalOptions {
  /** Test hook: called at named points so a crash test can kill the process there. */
  crashPoint?: (name: JournalCrashPoint) => void
}

const JOURNAL = 'journal.jsonl'
const SNAPSHOT = 'snapshot.jsonl'
/** Records read from the snapshot kept parsed (a few history pages' worth). */
const CACHE_SIZE = 2_000
/** Journal lines after which a compaction is due however large the history, so reopen stays short. */
const TAIL_LIMIT = 4_096

/**
 * The payment journal: an append-only JSONL file where every line is the full record after a
 * change, fsync'd before the call returns (so before any POST that follows it), plus a compacted
 * snapshot. Replaying snapshot then journal by revision is idempotent, so a crash at any point of
 * a compaction loses nothing. A torn last line (crash mid-write) is cut off; any other unreadable
 * line means the file is damaged: it is moved aside with a timestamp, its readable lines are kept,
 * and the problem is reported in `problems` — never silently reset.
 *
 * Opening reads only the snapshot's checksummed index (see snapshot-file.ts) and the journal
 * written since the last compaction; snapshot records are read, checked and validated when asked
 * for. Damage found then (or a snapshot whose index does not add up) drops back to a full,
 * line-by-line scan of the snapshot with the same quarantine and report.
 */
export class Journal {
  /** Sentences about damage found while loading or reading (empty when all was well). */
  readonly problems: string[] = []
  private index = new HistoryIndex()
  /** Records newer than the snapshot (all of them when no snapshot index is in use). */
  private tail = new Map<string, StoredPayment>()
  private snap: SnapshotFile | undefined
  private readonly cache = new Map<string, StoredPayment>()
  private fd: number
  private journalLines = 0

  private constructor(
    private readonly dir: string,
    private readonly options: JournalOptions,
  ) {
    fs.mkdirSync(dir, { recursive: true })
    fs.rmSync(path.join(dir, `${SNAPSHOT}.tmp`), { force: true })
    const snap = SnapshotFile.open(path.join(dir, SNAPSHOT))
    if (snap instanceof SnapshotFile && this.useSnapshot(snap)) this.snap = snap
    else
      this.scanSnapshot(
        snap instanceof SnapshotFile ? 'its index lists a record twice' : snap?.message,
      )
    const journal = this.scan(JOURNAL, false)
    for (const line of journal) this.apply(line)
    this.journalLines = journal.length
    this.fd = fs.openSync(path.join(dir, JOURNAL), 'a')
  }

  /** Opens (creating if needed) the journal in `dir`. Synchronous: start-up needs it whole. */
  static open(dir: string, options: JournalOptions = {}): Journal {
    return new Journal(dir, options)
  }

  /** The latest version of one operation, read from disk and checked if not held already. */
  get(id: string): StoredPayment | undefined {
    const held = this.tail.get(id)
    const row = this.snap?.row(this.index.get(id))
    if (held || row === undefined) return held
    const cached = this.cache.get(id)
    if (cached) {
      this.cache.delete(id)
      this.cache.set(id, cached)
      return cached
    }
    try {
      const line = this.snap!.read(row)
      this.cache.set(id, line)
      if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!)
      return line
    } catch (error) {
      if (!(error instanceof SnapshotDamage)) throw error
      this.fallBack(error.message)
      return this.tail.get(id)
    }
  }

  findByReference(reference: string): StoredPayment[] {
    const ids = this.guarded(() => this.index.idsForReference(reference))
    return ids.flatMap((id) => this.get(id) ?? [])
  }

  /** Every operation that is not final yet (what recovery resumes). */
  unfinished(): StoredPayment[] {
    const ids = [...this.tail.values()]
      .filter((s) => !isFinal(s.record.state))
      .map((s) => s.record.id)
    const snap = this.snap
    if (snap) {
      for (let row = 0; row < snap.count; row += 1) {
        const id = snap.id(row)
        if (!snap.isFinalRow(row) && !this.tail.has(id)) ids.push(id)
      }
    }
    return ids.flatMap((id) => this.get(id) ?? []).filter((s) => !isFinal(s.record.state))
  }

  get size(): number {
    return this.index.size
  }

  /** One page of history, newest first; only the page's records are read from disk. */
  search(query: HistoryQuery): HistoryPage {
    const { ids, total } = this.guarded(() => this.index.query(query))
    const items = ids.map((id) => this.get(id))
    // A damaged snapshot found while reading the page was rescanned: ask the rebuilt index.
    if (items.some((s) => s === undefined)) return this.search(query)
    return { items: items.map((s) => s!.record), total }
  }

  /**
   * Appends the new version of a record and fsyncs before returning. Callers rely on this order:
   * nothing leaves the process before the fact that it is about to leave is on disk.
   */
  write(record: StoredPayment['record'], meta: PaymentMeta): StoredPayment {
    const rev = (this.tail.get(record.id)?.rev ?? this.snapRev(record.id) ?? 0) + 1
    const line: StoredPayment = { rev, record, meta }
    const bytes = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8')
    let written = 0
    while (written < bytes.length) written += fs.writeSync(this.fd, bytes, written)
    fs.fsyncSync(this.fd)
    this.journalLines += 1
    this.apply(line)
    return line
  }

  /** True when enough journal lines piled up to make a compaction worth its cost. */
  shouldCompact(): boolean {
    const superseded = this.journalLines - Math.min(this.journalLines, this.index.size)
    return superseded >= Math.max(1, this.index.size / 2) || this.journalLines >= TAIL_LIMIT
  }

  /**
   * Writes every current record to a temporary snapshot, fsyncs it, renames it over the old one
   * (atomic), then empties the journal. A crash before the rename leaves the old pair intact; a
   * crash after it replays journal lines that the snapshot already holds, which is harmless.
   * Records not changed since the last snapshot are copied as their checked bytes.
   */
  compact(): void {
    const tmp = path.join(this.dir, `${SNAPSHOT}.tmp`)
    const fd = fs.openSync(tmp, 'w')
    try {
      writeSnapshot(fd, this.items(), this.index.size, () =>
        this.options.crashPoint?.('mid-compaction'),
      )
      fs.fsyncSync(fd)
    } catch (error) {
      fs.closeSync(fd)
      fs.rmSync(tmp, { force: true })
      if (!(error instanceof SnapshotDamage)) throw error
      // The old snapshot turned out damaged while copying it: rescan it, then compact from memory.
      this.fallBack(error.message)
      return this.compact()
    }
    fs.closeSync(fd)
    this.snap?.close()
    this.snap = undefined
    fs.renameSync(tmp, path.join(this.dir, SNAPSHOT))
    syncDir(this.dir)
    fs.ftruncateSync(this.fd, 0)
    fs.fsyncSync(this.fd)
    this.journalLines = 0
    const snap = SnapshotFile.open(path.join(this.dir, SNAPSHOT))
    if (!(snap instanceof SnapshotFile)) return this.fallBack(snap?.message ?? 'it vanished')
    this.tail.clear()
    this.cache.clear()
    // The old index entries point into the old file: index the new one.
    this.index = new HistoryIndex()
    if (this.useSnapshot(snap)) this.snap = snap
    else this.fallBack('its index lists a record twice')
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd)
    this.fd = -1
    this.snap?.close()
  }

  /** Every current record in creation order: held ones as lines, the rest as checked bytes. */
  private *items(): Generator<SnapshotItem> {
    for (const id of this.index.ids()) {
      const held = this.tail.get(id)
      const row = this.snap?.row(this.index.get(id))
      if (held) yield { line: held }
      else if (row === undefined) throw new Error(`The payment journal lost record ${id}.`)
      else
        yield { raw: this.snap!.raw(row), entry: this.snap!.entry(row), rev: this.snap!.rev(row) }
    }
  }

  private apply(line: StoredPayment): void {
    const id = line.record.id
    const current = this.tail.get(id)?.rev ?? this.snapRev(id)
    if (current !== undefined && current > line.rev) return
    if (current === line.rev && !this.tail.has(id)) return // Already in the snapshot.
    this.tail.set(id, line)
    this.cache.delete(id)
    this.index.put(line.record)
  }

  private snapRev(id: string): number | undefined {
    const row = this.snap?.row(this.index.get(id))
    return row === undefined ? undefined : this.snap!.rev(row)
  }

  /** Indexes the snapshot's rows; false (index emptied, file closed) if an id came twice. */
  private useSnapshot(snap: SnapshotFile): boolean {
    for (let row = 0; row < snap.count; row += 1) this.index.putEntry(snap.entry(row))
    if (this.index.size === snap.count) return true
    snap.close()
    this.index = new HistoryIndex()
    return false
  }

  /** Reads the snapshot line by line (older layout, or damage found in the newer one). */
  private scanSnapshot(damage?: string, checksums?: Set<number>): void {
    for (const line of this.scan(SNAPSHOT, true, damage, checksums)) this.apply(line)
  }

  private scan(
    name: string,
    isSnapshot: boolean,
    damage?: string,
    checksums?: Set<number>,
  ): StoredPayment[] {
    const file = path.join(this.dir, name)
    const { lines, problem } = scanFile(file, isSnapshot, damage, checksums)
    if (problem) this.problems.push(problem)
    return lines
  }

  /** Runs an index lookup; damage found in the snapshot's reference index means a rescan. */
  private guarded<T>(lookup: () => T): T {
    try {
      return lookup()
    } catch (error) {
      if (!(error instanceof SnapshotDamage)) throw error
      this.fallBack(error.message)
      return lookup()
    }
  }

  /** Drops the snapshot index after damage was found in it and rebuilds from a full scan. */
  private fallBack(damage: string): void {
    const newer = [...this.tail.values()]
    // The index itself was checked at open, so its checksums tell which record lines are intact.
    const checksums = this.snap?.checksums()
    this.snap?.close()
    this.snap = undefined
    this.index = new HistoryIndex()
    this.tail = new Map()
    this.cache.clear()
    this.scanSnapshot(damage, checksums)
    for (const line of newer) this.apply(line)
  }
}
