/** Small statistics helpers for benchmarks (no dependencies). */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)
}

export const median = (values: number[]): number => quantile(values, 0.5)
export const p99 = (values: number[]): number => quantile(values, 0.99)

/** Milliseconds since an origin taken with `performance.now()`. */
export function since(start: number): number {
  return performance.now() - start
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}
