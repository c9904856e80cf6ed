import { createHash } from 'node:crypto'
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib'
import type { PaymentState } from '@shared/contract/payments.contract'
import { BODY_DICTIONARY_V1 } from './dictionary'

/**
 * How values are laid out in the store's rows, and the checksum that makes a changed byte
 * visible. Everything here is part of the file format: codes and dictionaries only ever grow.
 */

/** State codes; below 10 = not final. Never renumber: stored rows use these numbers. */
const STATE_CODES: Record<PaymentState, number> = {
  created: 0,
  sent: 1,
  accepted: 2,
  'in-progress': 3,
  unknown: 4,
  resolving: 5,
  approved: 10,
  partial: 11,
  declined: 12,
  cancelled: 13,
  failed: 14,
  processed: 15,
}
const STATES_BY_CODE = new Map(Object.entries(STATE_CODES).map(([s, c]) => [c, s as PaymentState]))
/** Codes from here on are final states. */
export const FIRST_FINAL_CODE = 10

export const stateCode = (state: PaymentState): number => STATE_CODES[state]

export function stateOf(code: number): PaymentState {
  const state = STATES_BY_CODE.get(code)
  if (state === undefined) throw new StoreDamage(`unknown state code ${code}`)
  return state
}

/** Stored content that does not add up (checksum, chain, codes): never used as if intact. */
export class StoreDamage extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Our ids are lowercase UUIDs: 16 bytes instead of 36. Anything else is kept as text. */
export function idToDb(id: string): Uint8Array | string {
  return UUID.test(id) ? Buffer.from(id.replaceAll('-', ''), 'hex') : id
}

export function idFromDb(value: unknown): string {
  if (typeof value === 'string') return value
  if (value instanceof Uint8Array && value.length === 16) {
    const hex = Buffer.from(value).toString('hex')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }
  throw new StoreDamage('a payment id is neither text nor 16 bytes')
}

/**
 * 32 bits of SHA-256 (signed, so SQLite stores it in 4 bytes): the key of a reference in
 * `payment_refs`. Hits are checked on the record, so a collision costs a read, never an answer.
 */
export function refHash(reference: string): number {
  return createHash('sha256').update(reference, 'utf8').digest().readInt32BE(0)
}

/**
 * Codec ids: the first byte of every body. 1 = packed JSON, raw deflate with a 4 KiB window and
 * dictionary v1 (a small window costs less to set up for a body of a few hundred bytes). Output
 * comes in 2 KiB pieces (zlib's default is 16 KiB per call): thousands of commits then take
 * eight times less of Node's buffer pool and leave that much less waiting for the next
 * collection (B3: 30 MB of 16 KiB pieces, in the app's memory).
 */
const DEFLATE = { dictionary: BODY_DICTIONARY_V1, windowBits: 12, chunkSize: 2048 }
const DEFLATE_V1 = 1
const PLAIN_JSON = 0

/**
 * Packing before compression, for what deflate cannot shorten: a number equal to the change's
 * own time (sent at, answered at, the result's time) is written `~@`, and a lowercase UUID
 * inside a text as `~u` and its 16 bytes in base64url (22 characters instead of 36). A `~` of
 * the text itself is doubled, so every string comes back exactly.
 */
const AT_MARK = '~@'
const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g
const PACKED = /~(~|u[A-Za-z0-9_-]{22})/g

function pack(text: string): string {
  return text
    .replaceAll('~', '~~')
    .replace(
      UUID_IN_TEXT,
      (uuid) => `~u${Buffer.from(uuid.replaceAll('-', ''), 'hex').toString('base64url')}`,
    )
}

function unpack(text: string): string {
  // Most strings carry no mark: a reading of 100,000 payments skips the search for them.
  if (!text.includes('~')) return text
  return text.replace(PACKED, (_, mark: string) =>
    mark === '~' ? '~' : idFromDb(Buffer.from(mark.slice(1), 'base64url')),
  )
}

/** A change's content, packed and compressed: about a third of its JSON. */
export function encodeBody(value: object, at: number): Uint8Array {
  const packed = JSON.stringify(value, (_, v: unknown) =>
    typeof v === 'string' ? pack(v) : v === at ? AT_MARK : v,
  )
  const json = Buffer.from(packed, 'utf8')
  const deflated = deflateRawSync(json, { ...DEFLATE, level: 9, memLevel: 4 })
  const [codec, bytes] = deflated.length < json.length ? [DEFLATE_V1, deflated] : [PLAIN_JSON, json]
  const out = new Uint8Array(bytes.length + 1)
  out[0] = codec
  out.set(bytes, 1)
  return out
}

/**
 * Undoes `pack` in a parsed body, string by string, where the strings are (a reviver would do the
 * same at three times the cost: JSON.parse leaves its fast path for one). A property is written
 * only when its value changed, and as an own property, as JSON.parse made it.
 */
function restore(value: unknown, at: number): unknown {
  if (typeof value === 'string') return value === AT_MARK ? at : unpack(value)
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = restore(value[i], at)
    return value
  }
  const record = value as Record<string, unknown>
  for (const key of Object.keys(record)) {
    const before = record[key]
    const after = restore(before, at)
    if (after !== before)
      Object.defineProperty(record, key, {
        value: after,
        writable: true,
        enumerable: true,
        configurable: true,
      })
  }
  return record
}

export function decodeBody(body: unknown, at: number): Record<string, unknown> {
  if (!(body instanceof Uint8Array) || body.length < 2) throw new StoreDamage('a body is missing')
  const bytes = Buffer.from(body.buffer, body.byteOffset + 1, body.length - 1)
  let json: string
  try {
    if (body[0] === DEFLATE_V1) {
      json = inflateRawSync(bytes, DEFLATE).toString('utf8')
    } else if (body[0] === PLAIN_JSON) json = bytes.toString('utf8')
    else throw new StoreDamage(`unknown body codec ${body[0]}`)
    const value = restore(JSON.parse(json), at)
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error()
    return value as Record<string, unknown>
  } catch (error) {
    if (error instanceof StoreDamage) throw error
    throw new StoreDamage('a body does not decode')
  }
}

type Value = string | number | bigint | null | undefined | Uint8Array
type Crc32 = (data: string | Uint8Array, value?: number) => number

/**
 * CRC-32 over a row's canonical content: the table name, then each column as type, length and
 * bytes, so no two different rows share a byte sequence. Catches every single changed byte
 * (and any burst up to 32 bits) inside a value, which SQLite's checks do not look at. Stored as
 * a signed 32-bit integer (4 bytes in SQLite).
 */
export function checksum(table: string, values: readonly Value[]): number {
  return checksumWith(crc32, table, values)
}

/**
 * `checksum` with zlib's crc32 passed in: self-contained (it uses nothing but its arguments and
 * Buffer), so the check that runs on a worker thread can take its very text (./integrity.ts).
 */
export function checksumWith(crc: Crc32, table: string, values: readonly Value[]): number {
  let sum = crc(table)
  for (const value of values) {
    if (value === null || value === undefined) sum = crc('-;', sum)
    else if (value instanceof Uint8Array) {
      sum = crc(`b${value.length}:`, sum)
      sum = crc(value, sum)
    } else if (typeof value === 'string') {
      sum = crc(`s${Buffer.byteLength(value, 'utf8')}:`, sum)
      sum = crc(value, sum)
    } else sum = crc(`n${String(value)};`, sum)
  }
  return sum | 0
}

/** Throws StoreDamage naming the table and row when a stored checksum does not match. */
export function verify(
  table: string,
  no: unknown,
  values: readonly Value[],
  stored: unknown,
): void {
  if (checksum(table, values) !== stored) {
    throw new StoreDamage(`row ${String(no)} of ${table} does not match its checksum`)
  }
}
