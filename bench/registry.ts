import { b5 } from './b5-ui'
import type { Benchmark } from './types'

/** Every benchmark, in the order `npm run bench` runs them. */
export const benchmarks: Benchmark[] = [b5]
