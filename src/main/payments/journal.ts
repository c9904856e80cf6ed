import fs from 'node:fs'
import path from 'node:path'
import type { HistoryPage, HistoryQuery } from '../../shared/contract/payments.contract'
import { HistoryIndex } from './history-index'
import {
  journalLineSchema,
  snapshotHeaderSchema,
  type PaymentMeta,
  type StoredPayment,
} from './journal-schema'
import { isFinal } from './states'

export type JournalCrashPoint = 'mid-compaction'

export interface JournalOptions {
  /** Test hook: called at named points so a crash test can kill the process there. */
  crashPoint?: (name: JournalCrashPoint) => void
}

const JOURNAL = 'journal.jsonl'
const SNAPSHOT = 'snapshot.jsonl'

/**
 * The payment journal: an append-only JSONL file where every line is the full record after a
 * change, fsync'd before the call returns (so before any POST that follows it), plus a compacted
 * snapshot. Replaying snapshot then journal by revision is idempotent, so a crash at any point of
 * a compaction loses nothing. A torn last line (crash mid-write) is cut off; any other unreadable
 * line means the file is damaged: it is moved aside with a timestamp, its readable lines are kept,
 * and the problem is reported in `problems` — never silently reset.
 */
export class Journal {
  /** Sentences about damage found while loading (empty when all was well). */
  readonly problems: string[] = []
  private readonly index = new HistoryIndex()
  private readonly stored = new Map<string, StoredPayment>()
  private fd: number
  private journalLines = 0

  private constructor(
    private readonly dir: string,
    private readonly options: JournalOptions,
  ) {
    fs.mkdirSync(dir, { recursive: true })
    fs.rmSync(path.join(dir, `${SNAPSHOT}.tmp`), { force: true })
    this.load(SNAPSHOT, true)
    this.journalLines = this.load(JOURNAL, false)
    this.fd = fs.openSync(path.join(dir, JOURNAL), 'a')
  }

  /** Opens (creating if needed) the journal in `dir`. Synchronous: start-up needs it whole. */
  static open(dir: string, options: JournalOptions = {}): Journal {
    return new Journal(dir, options)
  }

  get(id: string): StoredPayment | undefined {
    return this.stored.get(id)
  }

  findByReference(reference: string): StoredPayment[] {
    return this.index.idsForReference(reference).flatMap((id) => this.stored.get(id) ?? [])
  }

  /** Every operation that is not final yet (what recovery resumes). */
  unfinished(): StoredPayment[] {
    return [...this.stored.values()].filter((s) => !isFinal(s.record.state))
  }

  get size(): number {
    return this.stored.size
  }

  search(query: HistoryQuery): HistoryPage {
    return this.index.query(query)
  }

  /**
   * Appends the new version of a record and fsyncs before returning. Callers rely on this order:
   * nothing leaves the process before the fact that it is about to leave is on disk.
   */
  write(record: StoredPayment['record'], meta: PaymentMeta): StoredPayment {
    const rev = (this.stored.get(record.id)?.rev ?? 0) + 1
    const line: StoredPayment = { rev, record, meta }
    const bytes = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8')
    let written = 0
    while (written < bytes.length) written += fs.writeSync(this.fd, bytes, written)
    fs.fsyncSync(this.fd)
    this.journalLines += 1
    this.apply(line)
    return line
  }

  /** True when enough superseded lines piled up to make a compaction worth its cost. */
  shouldCompact(): boolean {
    const superseded = this.journalLines - Math.min(this.journalLines, this.stored.size)
    return superseded >= Math.max(1, this.stored.size / 2)
  }

  /**
   * Writes every current record to a temporary snapshot, fsyncs it, renames it over the old one
   * (atomic), then empties the journal. A crash before the rename leaves the old pair intact; a
   * crash after it replays journal lines that the snapshot already holds, which is harmless.
   */
  compact(): void {
    const tmp = path.join(this.dir, `${SNAPSHOT}.tmp`)
    const fd = fs.openSync(tmp, 'w')
    try {
      const header = { snapshot: 1, count: this.stored.size, at: Date.now() }
      let chunk = `${JSON.stringify(header)}\n`
      let lines = 0
      for (const line of this.stored.values()) {
        chunk += `${JSON.stringify(line)}\n`
        if ((lines += 1) % 512 === 0) {
          fs.writeSync(fd, chunk)
          chunk = ''
          if (lines === 512) this.options.crashPoint?.('mid-compaction')
        }
      }
      fs.writeSync(fd, chunk)
      if (lines < 512) this.options.crashPoint?.('mid-compaction')
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, path.join(this.dir, SNAPSHOT))
    syncDir(this.dir)
    fs.ftruncateSync(this.fd, 0)
    fs.fsyncSync(this.fd)
    this.journalLines = 0
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd)
    this.fd = -1
  }

  private apply(line: StoredPayment): void {
    const current = this.stored.get(line.record.id)
    if (current && current.rev > line.rev) return
    this.stored.set(line.record.id, line)
    this.index.put(line.record)
  }

  /** Loads one file; returns the number of journal lines read. */
  private load(name: string, isSnapshot: boolean): number {
    const file = path.join(this.dir, name)
    if (!fs.existsSync(file)) return 0
    const text = fs.readFileSync(file, 'utf8')
    const lastNewline = text.lastIndexOf('\n')
    const body = text.slice(0, lastNewline + 1)
    const lines = body.split('\n').slice(0, -1)
    if (lastNewline + 1 < text.length) {
      // The process died while writing the last line: it was never acknowledged, drop it.
      fs.truncateSync(file, Buffer.byteLength(body, 'utf8'))
    }
    const good: StoredPayment[] = []
    let bad = 0
    let expected: number | undefined
    lines.forEach((raw, i) => {
      const parsed = parseLine(raw)
      if (isSnapshot && i === 0) {
        const header = snapshotHeaderSchema.safeParse(parsed)
        if (header.success) return void (expected = header.data.count)
      }
      const line = journalLineSchema.safeParse(parsed)
      if (line.success) good.push(line.data)
      else bad += 1
    })
    if (isSnapshot && expected !== good.length)
      bad += Math.max(1, Math.abs((expected ?? 0) - good.length))
    for (const line of good) this.apply(line)
    if (bad > 0) this.quarantine(file, good, bad)
    return isSnapshot ? 0 : good.length
  }

  /** Moves a damaged file aside and rewrites only its readable lines in its place. */
  private quarantine(file: string, good: StoredPayment[], bad: number): void {
    const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
    fs.renameSync(file, aside)
    const isSnapshot = file.endsWith(SNAPSHOT)
    const header = isSnapshot ? [{ snapshot: 1, count: good.length, at: Date.now() }] : []
    const text = [...header, ...good].map((l) => `${JSON.stringify(l)}\n`).join('')
    const tmp = `${file}.tmp`
    fs.writeFileSync(tmp, text)
    const fd = fs.openSync(tmp, 'r+')
    fs.fsyncSync(fd)
    fs.closeSync(fd)
    fs.renameSync(tmp, file)
    syncDir(path.dirname(file))
    this.problems.push(
      `The payment journal file ${path.basename(file)} was damaged (${bad} unreadable ` +
        `line${bad === 1 ? '' : 's'}). It was kept as ${path.basename(aside)} and the ` +
        `${good.length} readable record${good.length === 1 ? ' was' : 's were'} kept. ` +
        'Check recent payments against the Handpoint portal.',
    )
  }
}

function parseLine(raw: string): unknown {
  try {
    return JSON.parse(raw)
  } catch {
    return undefined
  }
}

/** fsync the directory so a rename survives a power cut (not supported on Windows). */
function syncDir(dir: string): void {
  let fd: number | undefined
  try {
    fd = fs.openSync(dir, 'r')
    fs.fsyncSync(fd)
  } catch {
    // Windows cannot open or fsync a directory; NTFS journals the rename itself.
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
}
