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

/** A 95 % confidence interval of the median (order statistics, normal approximation). */
export function medianInterval(values: number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b)
  const n = sorted.length
  if (n === 0) return [Number.NaN, Number.NaN]
  const half = 0.98 * Math.sqrt(n)
  const lo = Math.max(0, Math.floor(n / 2 - half))
  const hi = Math.min(n - 1, Math.ceil(n / 2 + half))
  return [sorted[lo]!, sorted[hi]!]
}
