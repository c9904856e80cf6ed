import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { crc32 } from 'node:zlib'
import { z } from 'zod'
import { entryOf, type IndexEntry } from './history-index'
import { PAYMENT_STATES, type StoredPayment } from './journal-schema'

/**
 * The compacted snapshot, laid out so a reopen need not read the records: a header line, one
 * JSONL line per record (so a plain line-by-line scan still reads it), then one line holding a
 * columnar index (parallel arrays of primitives: where each record sits, its CRC-32 and the
 * fields history searches on), one line with the reference keys of every record (the bulk of the
 * index, read on the first search by reference), then a fixed-size footer giving both lines'
 * position, length and SHA-256. Opening reads the footer and the index only; a record is read,
 * checked against its CRC-32 and its index row, and zod-validated when it is first asked for.
 */

/** Room for the footer's JSON (about 270 bytes at most), padded with spaces. */
export const FOOTER_BYTES = 320

/**
 * Column checks run as one tight loop per column: per-element zod schemas cost ~30 ms per
 * 100,000 values, which would be most of the reopen budget. Same guarantees, checked in zod.
 */
export const column = <T>(is: (v: unknown) => v is T) =>
  z.custom<T[]>((v) => Array.isArray(v) && v.every((x) => is(x)))
export const isString = (v: unknown): v is string => typeof v === 'string'
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0
const isOptional = (v: unknown): v is string | null => v === null || typeof v === 'string'
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0
const isRev = (v: unknown): v is number => isCount(v) && v >= 1
const STATES = new Set<string>(PAYMENT_STATES)
const isState = (v: unknown): v is (typeof PAYMENT_STATES)[number] =>
  typeof v === 'string' && STATES.has(v)

export const columnsSchema = z.object({
  id: column(isId),
  rev: column(isRev),
  offset: column(isCount),
  length: column(isCount),
  crc: column(isCount),
  createdAt: column(isNumber),
  state: column(isState),
  merchantId: column(isString),
  terminalSerial: column(isString),
  amountMinor: column(isOptional),
  total: column(isOptional),
  lastFour: column(isOptional),
})
export type Columns = z.infer<typeof columnsSchema>

export const footerSchema = z.object({
  footer: z.literal(2),
  count: z.number().int().min(0),
  indexAt: z.number().int().min(0),
  indexBytes: z.number().int().min(2),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  refsBytes: z.number().int().min(2),
  refsSha256: z.string().regex(/^[0-9a-f]{64}$/),
})
export type Footer = z.infer<typeof footerSchema>

/** A snapshot whose bytes disagree with its index or checksums. */
export class SnapshotDamage extends Error {}

/** One record to write: either a parsed line or the verified bytes of one already on disk. */
export type SnapshotItem = { line: StoredPayment } | { raw: Buffer; entry: IndexEntry; rev: number }

/**
 * Writes `items` as a snapshot into the open file `fd` and returns how many were written.
 * `midway` runs once, after the first 512 records reached the file (or after all of them when
 * there were fewer): where a crash test stops the process in the middle of a compaction.
 */
export function writeSnapshot(
  fd: number,
  items: Iterable<SnapshotItem>,
  count: number,
  midway?: () => void,
): void {
  const cols: Columns = {
    id: [],
    rev: [],
    offset: [],
    length: [],
    crc: [],
    createdAt: [],
    state: [],
    merchantId: [],
    terminalSerial: [],
    amountMinor: [],
    total: [],
    lastFour: [],
  }
  const refs: string[] = []
  let offset = 0
  const chunk: Buffer[] = []
  const flush = (): void => {
    const bytes = Buffer.concat(chunk)
    chunk.length = 0
    let done = 0
    while (done < bytes.length) done += fs.writeSync(fd, bytes, done)
  }
  const push = (bytes: Buffer): void => {
    chunk.push(bytes)
    offset += bytes.length
  }
  push(Buffer.from(`${JSON.stringify({ snapshot: 2, count, at: Date.now() })}\n`))
  for (const item of items) {
    const bytes = 'raw' in item ? item.raw : Buffer.from(`${JSON.stringify(item.line)}\n`)
    const entry = 'raw' in item ? item.entry : entryOf(item.line.record)
    cols.id.push(entry.id)
    cols.rev.push('raw' in item ? item.rev : item.line.rev)
    cols.offset.push(offset)
    cols.length.push(bytes.length)
    cols.crc.push(crc32(bytes))
    cols.createdAt.push(entry.createdAt)
    cols.state.push(entry.state)
    cols.merchantId.push(entry.merchantId)
    cols.terminalSerial.push(entry.terminalSerial)
    cols.amountMinor.push(entry.amountMinor ?? null)
    cols.total.push(entry.total ?? null)
    cols.lastFour.push(entry.lastFour ?? null)
    refs.push(entry.refs)
    push(bytes)
    if (cols.id.length % 512 === 0) {
      flush()
      if (cols.id.length === 512) midway?.()
    }
  }
  if (cols.id.length !== count) throw new Error('The snapshot writer was given a wrong count.')
  flush()
  if (count < 512) midway?.()
  const index = Buffer.from(`${JSON.stringify(cols)}\n`)
  const refsLine = Buffer.from(`${JSON.stringify(refs)}\n`)
  const footer: Footer = {
    footer: 2,
    count,
    indexAt: offset,
    indexBytes: index.length,
    sha256: sha256Of(index),
    refsBytes: refsLine.length,
    refsSha256: sha256Of(refsLine),
  }
  push(index)
  push(refsLine)
  push(Buffer.from(`${JSON.stringify(footer).padEnd(FOOTER_BYTES - 1)}\n`))
  flush()
}

/** True for the index and footer lines of a snapshot, which a line-by-line scan skips. */
export function isSnapshotTrailer(parsed: unknown): boolean {
  if (typeof parsed !== 'object' || parsed === null) return false
  if (Array.isArray(parsed)) return true
  return 'footer' in parsed || ('crc' in parsed && 'offset' in parsed)
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}
