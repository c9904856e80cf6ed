import { PerformanceObserver } from 'node:perf_hooks'
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8'

/**
 * A ceiling on V8's young generation in the app's main process (bench/README.md, B3 "Memory").
 *
 * V8 sizes the young generation by itself: it starts at a few MiB and doubles whenever enough
 * objects survived since the last growth, up to a maximum that grows with the machine's memory
 * (2 x 64 MiB on our build machine). Under a steady trickle of payments it reaches that maximum
 * within minutes and then carries 100 MiB or more of mostly garbage, for a heap whose live objects
 * are some 20 MiB. The maximum is fixed when the process starts (Electron's main process would
 * need `--js-flags` at launch), but the factor V8 grows by (`--semi-space-growth-factor`) is read
 * at each growth, and at 1 a growth adds nothing (checked on Node 24's V8 13.6). So the young
 * generation grows as V8 wants up to the ceiling; once a doubling would pass it, the factor is set
 * to 1. When V8 shrinks the space again (it does when allocation slows, e.g. an idle app), the
 * factor goes back to V8's default.
 *
 * V8's flags belong to the process, not to one thread: call this once, from the main thread.
 * Checked after each garbage collection (a 'gc' performance entry), which is when V8 resizes;
 * a long stretch of work that never yields to the event loop can still grow it a step or two
 * past the ceiling, until V8 shrinks it.
 */

const MiB = 2 ** 20

/** Both halves of the young generation together (the size V8 reports for 'new_space'). */
export const YOUNG_GENERATION_CEILING = 16 * MiB

/** V8's own `--semi-space-growth-factor`: the young generation doubles. */
export const V8_GROWTH_FACTOR = 2

/** What the policy needs from V8, so a test can play V8. */
export interface YoungGenerationV8 {
  /** The young generation's current size in bytes (both halves). */
  newSpaceSize(): number
  setGrowthFactor(factor: number): void
  /** Calls `listener` after garbage collections; returns the unsubscribe. */
  afterGc(listener: () => void): () => void
}

export interface YoungGenerationCeiling {
  /** The growth factor last set (V8's default until the ceiling is reached). */
  readonly factor: number
  /** Looks at the young generation now (also done after each collection). */
  check(): void
  /** Stops watching and gives V8 its default growth back. */
  stop(): void
}

/** The factor for a young generation of `size` bytes: growing only while a doubling fits. */
export function growthFactorFor(size: number, ceiling: number): number {
  return size * V8_GROWTH_FACTOR <= ceiling ? V8_GROWTH_FACTOR : 1
}

export function capYoungGeneration(
  ceiling: number = YOUNG_GENERATION_CEILING,
  v8: YoungGenerationV8 = nodeV8,
): YoungGenerationCeiling {
  // V8 starts with its default: only a change is written (setting a flag takes a lock in V8).
  let factor = V8_GROWTH_FACTOR
  const check = (): void => {
    const wanted = growthFactorFor(v8.newSpaceSize(), ceiling)
    if (wanted === factor) return
    factor = wanted
    v8.setGrowthFactor(wanted)
  }
  check()
  const unsubscribe = v8.afterGc(check)
  return {
    get factor() {
      return factor
    },
    check,
    stop() {
      unsubscribe()
      if (factor !== V8_GROWTH_FACTOR) v8.setGrowthFactor(V8_GROWTH_FACTOR)
      factor = V8_GROWTH_FACTOR
    },
  }
}

/** The process's own V8, through Node's `v8` and `perf_hooks` (the same in Electron's main). */
export const nodeV8: YoungGenerationV8 = {
  newSpaceSize: () =>
    getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0,
  setGrowthFactor: (factor) => setFlagsFromString(`--semi-space-growth-factor=${factor}`),
  afterGc(listener) {
    const observer = new PerformanceObserver(() => listener())
    observer.observe({ entryTypes: ['gc'] })
    return () => observer.disconnect()
  },
}
