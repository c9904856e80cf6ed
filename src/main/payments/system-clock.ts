import type { Clock } from './ports'

/** The real wall clock and timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms)
    return { cancel: () => clearTimeout(timer) }
  },
}
