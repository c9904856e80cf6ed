/** Seeded PRNG (mulberry32): fault rolls and generated ids replay exactly for a given seed. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** True with probability p (0 or undefined never, 1 always). */
  chance(p: number | undefined): boolean
  /** Integer in [0, n). */
  int(n: number): number
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    chance: (p) => (p ?? 0) > 0 && next() < (p ?? 0),
    int: (n) => Math.floor(next() * n),
  }
}
