import type { Rng } from './rng'

const hex = (rng: Rng, digits: number): string =>
  Array.from({ length: digits }, () => rng.int(16).toString(16)).join('')

/**
 * A GUID shaped like Handpoint's transactionID: lowercase UUID version 1 (time-based), e.g.
 * `01236fc0-8192-11eb-9aca-ad4b0e95f241` (§1). Time fields come from `nowMs`, the rest from the RNG.
 */
export function uuidV1Like(nowMs: number, rng: Rng): string {
  // 100-ns intervals since 1582-10-15, as RFC 4122 v1 does.
  const ticks = BigInt(nowMs) * 10000n + 0x01b21dd213814000n + BigInt(rng.int(10000))
  const timeLow = (ticks & 0xffffffffn).toString(16).padStart(8, '0')
  const timeMid = ((ticks >> 32n) & 0xffffn).toString(16).padStart(4, '0')
  const timeHi = (((ticks >> 48n) & 0x0fffn) | 0x1000n).toString(16).padStart(4, '0')
  const clockSeq = (0x8000 | rng.int(0x4000)).toString(16)
  return `${timeLow}-${timeMid}-${timeHi}-${clockSeq}-${hex(rng, 12)}`
}

/** Polling id `<serial>-<epoch ms>` (§1). */
export const transactionResultId = (serial: string, nowMs: number): string => `${serial}-${nowMs}`

/** The server-side check on transactionReference: version nibble 4, variant 8/9/a/b (§1). */
export const isUuidV4 = (value: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(value)

/** Any UUID-looking string (for guid path parameters). */
export const isUuid = (value: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
