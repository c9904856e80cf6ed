import type { LocalZone } from '../../../src/main/day/business-day'

/**
 * A named zone for tests, from the platform's time-zone database (Intl). The app itself uses the
 * system zone; this lets one test process look at Berlin and New York side by side.
 */
export function namedZone(timeZone: string): LocalZone {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  })
  return {
    offsetMinutes(instant) {
      const parts = Object.fromEntries(
        format.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]),
      )
      const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour, parts.minute)
      return Math.round((wall - Math.floor(instant / 60_000) * 60_000) / 60_000)
    },
  }
}

export const berlin = namedZone('Europe/Berlin')
export const newYork = namedZone('America/New_York')
