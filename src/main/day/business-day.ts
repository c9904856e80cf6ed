/**
 * The business day: a local calendar date whose window starts at the cut-off hour (default 04:00)
 * and ends at the same hour of the next date, so a bar's 01:30 sale belongs to the evening before.
 *
 * Dates are plain `YYYY-MM-DD` strings; calendar arithmetic is done on them with Date.UTC, which
 * knows nothing of time zones. The only zone-dependent fact is the UTC offset at an instant, which
 * the `LocalZone` port gives (the system zone in the app, any zone in tests). Turning a local
 * wall-clock time into an instant follows the usual rule for clocks that jump: in a gap (spring
 * forward) the time moves forward by the gap, in an overlap (fall back) the earlier instant wins.
 * Every date gets its window by the same rule, so the windows of consecutive dates always tile.
 */

/** Where "local" is: the UTC offset in minutes east of Greenwich at an instant (Berlin, July: 120). */
export interface LocalZone {
  offsetMinutes(instant: number): number
}

/** The zone of the machine the app runs on. */
export const systemZone: LocalZone = {
  offsetMinutes: (instant) => -new Date(instant).getTimezoneOffset(),
}

export const DEFAULT_CUTOFF_HOUR = 4

const DAY_MS = 86_400_000
const MINUTE_MS = 60_000
/** Wider than any real offset change, so one probe lands before and one after a transition. */
const PROBE_MS = 14 * 3_600_000
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

export interface DayWindow {
  date: string
  /** First instant of the business day (inclusive), ms since the epoch. */
  from: number
  /** First instant of the next business day (exclusive). */
  to: number
}

/** True for a real calendar date written as YYYY-MM-DD (2026-02-30 is not). */
export function isBusinessDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value)
  if (!match) return false
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const probe = new Date(Date.UTC(y, m - 1, d))
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d
}

/** `date` moved by `days` calendar days (negative goes back). */
export function addDays(date: string, days: number): string {
  return formatUtcDate(wallClockOf(date, 0) + days * DAY_MS)
}

/** The business day an instant belongs to. */
export function businessDayOf(
  instant: number,
  zone: LocalZone = systemZone,
  cutoffHour = DEFAULT_CUTOFF_HOUR,
): string {
  checkCutoff(cutoffHour)
  const wall = instant + zone.offsetMinutes(instant) * MINUTE_MS
  const hour = new Date(wall).getUTCHours()
  return formatUtcDate(hour < cutoffHour ? wall - DAY_MS : wall)
}

/** The instants a business day covers: [from, to). 23 or 25 hours long when the clock jumps. */
export function dayWindow(
  date: string,
  zone: LocalZone = systemZone,
  cutoffHour = DEFAULT_CUTOFF_HOUR,
): DayWindow {
  checkCutoff(cutoffHour)
  if (!isBusinessDate(date)) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`)
  return {
    date,
    from: instantOfLocal(wallClockOf(date, cutoffHour), zone),
    to: instantOfLocal(wallClockOf(addDays(date, 1), cutoffHour), zone),
  }
}

/**
 * The instant at which local clocks show `wall` (a wall-clock time written as if it were UTC).
 * Tries the offsets in force shortly before and after; a candidate is real when the zone agrees
 * with the offset it assumed.
 */
export function instantOfLocal(wall: number, zone: LocalZone): number {
  const before = zone.offsetMinutes(wall - PROBE_MS)
  const after = zone.offsetMinutes(wall + PROBE_MS)
  const real = [before, after]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((instant) => wall - zone.offsetMinutes(instant) * MINUTE_MS === instant)
  if (real.length > 0) return Math.min(...real)
  // In a gap: the offset before the jump carries the wall time forward past it.
  return wall - before * MINUTE_MS
}

function wallClockOf(date: string, hour: number): number {
  const match = DATE_PATTERN.exec(date)
  if (!match) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`)
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), hour)
}

function formatUtcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

function checkCutoff(hour: number): void {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new RangeError(`The cut-off hour must be a whole hour from 0 to 23, not ${hour}`)
  }
}
