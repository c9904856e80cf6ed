import { execFileSync } from 'node:child_process'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  businessDayOf,
  dayWindow,
  isBusinessDate,
  type LocalZone,
} from '../../../src/main/day/business-day'
import { berlin, namedZone, newYork } from './zones'

const utc = (iso: string): number => Date.parse(iso)
const HOUR = 3_600_000

describe('business day windows', () => {
  it('starts and ends at the cut-off hour in local time', () => {
    const w = dayWindow('2026-07-14', berlin)
    expect(new Date(w.from).toISOString()).toBe('2026-07-14T02:00:00.000Z') // 04:00 CEST
    expect(new Date(w.to).toISOString()).toBe('2026-07-15T02:00:00.000Z')
  })

  it('is 23 hours long when Berlin springs forward and 25 when it falls back', () => {
    const spring = dayWindow('2026-03-28', berlin) // the night of 29 March 2026
    expect(new Date(spring.from).toISOString()).toBe('2026-03-28T03:00:00.000Z') // 04:00 CET
    expect(new Date(spring.to).toISOString()).toBe('2026-03-29T02:00:00.000Z') // 04:00 CEST
    expect(spring.to - spring.from).toBe(23 * HOUR)
    const autumn = dayWindow('2026-10-24', berlin) // the night of 25 October 2026
    expect(autumn.to - autumn.from).toBe(25 * HOUR)
  })

  it('is 23 and 25 hours long across New York changes (8 March, 1 November 2026)', () => {
    const spring = dayWindow('2026-03-07', newYork)
    expect(new Date(spring.from).toISOString()).toBe('2026-03-07T09:00:00.000Z') // 04:00 EST
    expect(new Date(spring.to).toISOString()).toBe('2026-03-08T08:00:00.000Z') // 04:00 EDT
    expect(dayWindow('2026-10-31', newYork).to - dayWindow('2026-10-31', newYork).from).toBe(
      25 * HOUR,
    )
  })

  it('moves a cut-off inside the spring gap forward, and takes the first of a repeated hour', () => {
    // 02:00 does not exist in Berlin on 29 March 2026: the day starts at 03:00 CEST.
    expect(new Date(dayWindow('2026-03-29', berlin, 2).from).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    )
    // 02:00 happens twice on 25 October 2026: the first (CEST) one starts the day.
    expect(new Date(dayWindow('2026-10-25', berlin, 2).from).toISOString()).toBe(
      '2026-10-25T00:00:00.000Z',
    )
    // New York repeats 01:00 on 1 November 2026.
    expect(new Date(dayWindow('2026-11-01', newYork, 1).from).toISOString()).toBe(
      '2026-11-01T05:00:00.000Z',
    )
  })

  it('puts the small hours in the evening before', () => {
    expect(businessDayOf(utc('2026-07-14T23:30:00Z'), berlin)).toBe('2026-07-14') // 01:30
    expect(businessDayOf(utc('2026-07-15T01:59:59Z'), berlin)).toBe('2026-07-14') // 03:59:59
    expect(businessDayOf(utc('2026-07-15T02:00:00Z'), berlin)).toBe('2026-07-15') // 04:00
    expect(businessDayOf(utc('2026-07-15T02:00:00Z'), berlin, 0)).toBe('2026-07-15')
    expect(businessDayOf(utc('2026-01-01T03:59:00Z'), newYork)).toBe('2025-12-31')
  })

  it('puts every instant inside the window of its own business day, in both zones', () => {
    const zones: [string, LocalZone][] = [
      ['Berlin', berlin],
      ['New York', newYork],
    ]
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: utc('2024-01-01T00:00:00Z'), max: utc('2028-12-31T00:00:00Z') }),
        fc.integer({ min: 0, max: 23 }),
        ([, zone], instant, cutoff) => {
          const date = businessDayOf(instant, zone, cutoff)
          const w = dayWindow(date, zone, cutoff)
          expect(instant).toBeGreaterThanOrEqual(w.from)
          expect(instant).toBeLessThan(w.to)
          // Consecutive days tile: no gap, no overlap.
          expect(dayWindow(addDays(date, 1), zone, cutoff).from).toBe(w.to)
          expect([23, 24, 25]).toContain((w.to - w.from) / HOUR)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('does calendar arithmetic across months, years and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
    expect(isBusinessDate('2026-02-29')).toBe(false)
    expect(isBusinessDate('2028-02-29')).toBe(true)
    expect(isBusinessDate('2026-7-1')).toBe(false)
    expect(() => dayWindow('yesterday', berlin)).toThrow(RangeError)
    expect(() => dayWindow('2026-07-01', berlin, 24)).toThrow(RangeError)
  })

  it('reads the system zone right across DST changes (the app runs in the machine zone)', () => {
    // The app's zone is the process zone; child processes check it for both zones.
    const instants = [
      '2026-03-29T00:59:00Z',
      '2026-03-29T01:00:00Z',
      '2026-10-25T00:59:00Z',
      '2026-10-25T01:00:00Z',
      '2026-03-08T06:59:00Z',
      '2026-03-08T07:00:00Z',
      '2026-11-01T05:59:00Z',
      '2026-11-01T06:00:00Z',
    ].map(utc)
    for (const tz of ['Europe/Berlin', 'America/New_York']) {
      const script = `process.stdout.write(JSON.stringify(${JSON.stringify(instants)}.map((t) => -new Date(t).getTimezoneOffset())))`
      const offsets = JSON.parse(
        execFileSync(process.execPath, ['-e', script], { env: { TZ: tz }, encoding: 'utf8' }),
      ) as number[]
      const oracle = namedZone(tz)
      expect(offsets).toEqual(instants.map((t) => oracle.offsetMinutes(t)))
    }
  })
})
