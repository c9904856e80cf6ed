import fs from 'node:fs'
import path from 'node:path'
import { crc32 } from 'node:zlib'
import { journalLineSchema, snapshotHeaderSchema, type StoredPayment } from './journal-schema'
import { isSnapshotTrailer, writeSnapshot } from './snapshot-format'

/** What a line-by-line scan of one journal file found. */
export interface ScanResult {
  lines: StoredPayment[]
  /** A sentence for `problems` when the file was damaged (and moved aside), else undefined. */
  problem?: string
}

/**
 * Reads a journal or snapshot file line by line, zod-validating every line. A torn last line
 * (crash mid-write) is cut off; any other unreadable line, a count that does not match the
 * snapshot header, or `damage` already found by the caller means the file is damaged: it is
 * moved aside with a timestamp and only its readable lines are written back in its place.
 * `checksums`, when the snapshot's index survived, are the CRC-32s of its intact record lines:
 * a line that parses but matches none of them was altered and counts as unreadable.
 */
export function scanFile(
  file: string,
  isSnapshot: boolean,
  damage?: string,
  checksums?: Set<number>,
): ScanResult {
  if (!fs.existsSync(file)) return { lines: [] }
  const text = fs.readFileSync(file, 'utf8')
  const lastNewline = text.lastIndexOf('\n')
  const body = text.slice(0, lastNewline + 1)
  const raw = body.split('\n').slice(0, -1)
  if (lastNewline + 1 < text.length) {
    // The process died while writing the last line: it was never acknowledged, drop it.
    fs.truncateSync(file, Buffer.byteLength(body, 'utf8'))
  }
  const good: StoredPayment[] = []
  let bad = 0
  let expected: number | undefined
  raw.forEach((text, i) => {
    const parsed = parseLine(text)
    if (isSnapshot && i === 0) {
      const header = snapshotHeaderSchema.safeParse(parsed)
      if (header.success) return void (expected = header.data.count)
    }
    if (isSnapshot && isSnapshotTrailer(parsed)) return
    const line = journalLineSchema.safeParse(parsed)
    const intact = !checksums || checksums.has(crc32(Buffer.from(`${text}\n`, 'utf8')))
    if (line.success && intact) good.push(line.data)
    else bad += 1
  })
  // Lines the header counts but the file no longer holds (or no header at all) are lost too.
  if (isSnapshot && expected === undefined) bad += 1
  else if (isSnapshot) bad += Math.max(0, expected! - good.length - bad, good.length - expected!)
  if (bad === 0 && damage === undefined) return { lines: good }
  const aside = quarantine(file, good, isSnapshot)
  const what =
    damage === undefined
      ? `${bad} unreadable line${bad === 1 ? '' : 's'}`
      : bad > 0
        ? `${damage}; ${bad} unreadable line${bad === 1 ? '' : 's'}`
        : damage
  const problem =
    `The payment journal file ${path.basename(file)} was damaged (${what}). It was kept as ` +
    `${path.basename(aside)} and the ${good.length} readable record` +
    `${good.length === 1 ? ' was' : 's were'} kept. Check recent payments against the ` +
    'Handpoint portal.'
  return { lines: good, problem }
}

/** Moves a damaged file aside and durably rewrites only its readable lines in its place. */
function quarantine(file: string, good: StoredPayment[], isSnapshot: boolean): string {
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
  fs.renameSync(file, aside)
  const tmp = `${file}.tmp`
  const fd = fs.openSync(tmp, 'w')
  try {
    if (isSnapshot) {
      // Latest revision per id: a snapshot holds one line per record.
      const latest = new Map<string, StoredPayment>()
      for (const line of good) {
        const seen = latest.get(line.record.id)
        if (!seen || seen.rev <= line.rev) latest.set(line.record.id, line)
      }
      const lines = [...latest.values()].sort((a, b) => a.record.createdAt - b.record.createdAt)
      writeSnapshot(
        fd,
        lines.map((line) => ({ line })),
        lines.length,
      )
    } else fs.writeSync(fd, good.map((l) => `${JSON.stringify(l)}\n`).join(''))
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(tmp, file)
  syncDir(path.dirname(file))
  return aside
}

function parseLine(raw: string): unknown {
  try {
    return JSON.parse(raw)
  } catch {
    return undefined
  }
}

/** fsync the directory so a rename survives a power cut (not supported on Windows). */
export function syncDir(dir: string): void {
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
