import fs from 'node:fs'
import { crc32 } from 'node:zlib'
import { entryOf, type IndexEntry } from './history-index'
import { journalLineSchema, type StoredPayment } from './journal-schema'
import { isFinal } from './states'
import {
  column,
  columnsSchema,
  FOOTER_BYTES,
  footerSchema,
  isString,
  sha256Of,
  SnapshotDamage,
  type Columns,
  type Footer,
} from './snapshot-format'

/** Reads a snapshot written by snapshot-format.ts through its index, one record at a time. */
export class SnapshotFile {
  private refs: string[] | undefined

  private constructor(
    private fd: number,
    private readonly cols: Columns,
    private readonly footer: Footer,
  ) {}

  /**
   * Opens a snapshot through its index. Returns undefined when the file is missing or in the
   * older plain-JSONL layout, a SnapshotDamage when it is in this layout but does not add up.
   */
  static open(file: string): SnapshotFile | SnapshotDamage | undefined {
    let fd: number
    try {
      fd = fs.openSync(file, 'r')
    } catch {
      return undefined
    }
    try {
      const size = fs.fstatSync(fd).size
      const head = readAt(fd, 0, Math.min(size, 64)).toString('utf8')
      if (!head.startsWith('{"snapshot":2,')) return closing(fd, undefined)
      if (size < FOOTER_BYTES) return closing(fd, new SnapshotDamage('its end is missing'))
      const footer = footerSchema.safeParse(parse(readAt(fd, size - FOOTER_BYTES, FOOTER_BYTES)))
      if (!footer.success) return closing(fd, new SnapshotDamage('its end is unreadable'))
      const { indexAt, indexBytes, count, sha256, refsBytes } = footer.data
      if (indexAt + indexBytes + refsBytes !== size - FOOTER_BYTES)
        return closing(fd, new SnapshotDamage('its length does not match its index'))
      const bytes = readAt(fd, indexAt, indexBytes)
      if (sha256Of(bytes) !== sha256)
        return closing(fd, new SnapshotDamage('its index does not match its checksum'))
      const cols = columnsSchema.safeParse(parse(bytes))
      if (!cols.success || !consistent(cols.data, count, indexAt))
        return closing(fd, new SnapshotDamage('its index is not a valid index'))
      return new SnapshotFile(fd, cols.data, footer.data)
    } catch (error) {
      return closing(fd, new SnapshotDamage(`it could not be read (${String(error)})`))
    }
  }

  get count(): number {
    return this.cols.id.length
  }

  /** The CRC-32 of every record line, to tell intact lines from altered ones in a rescan. */
  checksums(): Set<number> {
    return new Set(this.cols.crc)
  }

  id(row: number): string {
    return this.cols.id[row]!
  }

  /** Row number of `id`, if the snapshot holds it. */
  row(entry: IndexEntry | undefined): number | undefined {
    // The history index already maps ids to entries: a second map would cost ~50 ms at open.
    return entry instanceof SnapshotEntry && entry.file === this ? entry.row : undefined
  }

  rev(row: number): number {
    return this.cols.rev[row]!
  }

  isFinalRow(row: number): boolean {
    return isFinal(this.cols.state[row]!)
  }

  entry(row: number): IndexEntry {
    return new SnapshotEntry(this, this.cols, row)
  }

  /** The joined reference keys of one row; the first call reads and checks them all. */
  refsOf(row: number): string {
    if (!this.refs) {
      const { indexAt, indexBytes, refsBytes, refsSha256, count } = this.footer
      const bytes = readAt(this.fd, indexAt + indexBytes, refsBytes)
      if (sha256Of(bytes) !== refsSha256)
        throw new SnapshotDamage('its reference index does not match its checksum')
      const refs = column(isString).safeParse(parse(bytes))
      if (!refs.success || refs.data.length !== count)
        throw new SnapshotDamage('its reference index is not a valid index')
      this.refs = refs.data
    }
    return this.refs[row]!
  }

  /** The bytes of one record line (newline included), checked against its CRC-32. */
  raw(row: number): Buffer {
    const bytes = readAt(this.fd, this.cols.offset[row]!, this.cols.length[row]!)
    if (crc32(bytes) !== this.cols.crc[row] || bytes[bytes.length - 1] !== 0x0a)
      throw new SnapshotDamage(`record ${row + 1} does not match its checksum`)
    return bytes
  }

  /** One record, read from disk and checked (CRC-32, zod, and agreement with its index row). */
  read(row: number): StoredPayment {
    const line = journalLineSchema.safeParse(parse(this.raw(row)))
    if (!line.success) throw new SnapshotDamage(`record ${row + 1} is not a valid payment`)
    const expected = this.entry(row)
    const refsKnown = this.refs !== undefined
    if (
      line.data.rev !== this.rev(row) ||
      !sameEntry(entryOf(line.data.record), expected, refsKnown)
    )
      throw new SnapshotDamage(`record ${row + 1} does not match its index`)
    return line.data
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd)
    this.fd = -1
  }
}

function consistent(c: Columns, count: number, indexAt: number): boolean {
  const columns = Object.values(c) as unknown[][]
  if (columns.some((column) => column.length !== count)) return false
  let end = 0
  for (let i = 0; i < count; i += 1) {
    if (c.offset[i]! < end) return false
    end = c.offset[i]! + c.length[i]!
  }
  // Ids are checked for duplicates while the history index is built from them.
  return end <= indexAt
}

function sameEntry(a: IndexEntry, b: IndexEntry, withRefs: boolean): boolean {
  return (
    a.id === b.id &&
    a.createdAt === b.createdAt &&
    a.state === b.state &&
    a.merchantId === b.merchantId &&
    a.terminalSerial === b.terminalSerial &&
    a.amountMinor === b.amountMinor &&
    a.total === b.total &&
    a.lastFour === b.lastFour &&
    (!withRefs || a.refs === b.refs)
  )
}

/** An index row as a history entry; its reference keys are read only when a search needs them. */
class SnapshotEntry implements IndexEntry {
  readonly id: string
  readonly createdAt: number
  readonly state: IndexEntry['state']
  readonly merchantId: string
  readonly terminalSerial: string
  readonly amountMinor?: string
  readonly total?: string
  readonly lastFour?: string

  constructor(
    readonly file: SnapshotFile,
    c: Columns,
    readonly row: number,
  ) {
    this.id = c.id[row]!
    this.createdAt = c.createdAt[row]!
    this.state = c.state[row]!
    this.merchantId = c.merchantId[row]!
    this.terminalSerial = c.terminalSerial[row]!
    this.amountMinor = c.amountMinor[row] ?? undefined
    this.total = c.total[row] ?? undefined
    this.lastFour = c.lastFour[row] ?? undefined
  }

  get refs(): string {
    return this.file.refsOf(this.row)
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length)
  let done = 0
  while (done < length) {
    const n = fs.readSync(fd, buffer, done, length - done, position + done)
    if (n === 0) throw new SnapshotDamage('the file ends early')
    done += n
  }
  return buffer
}

function parse(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'))
  } catch {
    return undefined
  }
}

function closing<T>(fd: number, value: T): T {
  fs.closeSync(fd)
  return value
}
