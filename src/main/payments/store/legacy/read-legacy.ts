import fs from 'node:fs'
import { legacyLineSchema, type LegacyLine } from './legacy-schema'

/** What one old journal file held. */
export interface LegacyFile {
  lines: LegacyLine[]
  /** Lines that could not be read: invalid UTF-8, not JSON, or not a journal line. */
  unreadable: number
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Reads an old journal or snapshot file line by line on its bytes: lines are cut at each 0x0A
 * byte before anything is decoded, so a damaged byte spoils only its own line (cutting decoded
 * text instead once landed two bytes late and took the next sale's first line with it). A last
 * line without its newline was being written when the app stopped: it is taken when it parses
 * whole, and otherwise not counted as damage (it was never acknowledged).
 */
export function readLegacyFile(file: string): LegacyFile {
  const bytes = fs.readFileSync(file)
  const lines: LegacyLine[] = []
  let unreadable = 0
  let start = 0
  while (start < bytes.length) {
    const end = bytes.indexOf(0x0a, start)
    const torn = end === -1
    const line = bytes.subarray(start, torn ? bytes.length : end)
    start = torn ? bytes.length : end + 1
    const parsed = parseLine(line)
    if (parsed === 'structure') continue
    if (parsed) lines.push(parsed)
    else if (!torn) unreadable += 1
  }
  return { lines, unreadable }
}

/** A journal line, 'structure' for a snapshot's header, index and footer lines, else undefined. */
function parseLine(bytes: Uint8Array): LegacyLine | 'structure' | undefined {
  if (bytes.length === 0) return undefined
  let value: unknown
  try {
    value = JSON.parse(utf8.decode(bytes))
  } catch {
    return undefined
  }
  const line = legacyLineSchema.safeParse(value)
  if (line.success) return line.data
  return isStructure(value) ? 'structure' : undefined
}

/** The old snapshot's own lines: header, columnar index, reference list, footer. */
function isStructure(value: unknown): boolean {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string')
  if (typeof value !== 'object' || value === null) return false
  return 'snapshot' in value || 'footer' in value || ('crc' in value && 'offset' in value)
}
