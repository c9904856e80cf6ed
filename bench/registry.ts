import { b1 } from './b1-overhead'
import { b2 } from './b2-latency'
import { b3 } from './b3-scale'
import { b4 } from './b4-history'
import { b5 } from './b5-ui'
import { b6 } from './b6-receipts'
import { bTill } from './b-till'
import { dayReport } from './day-report'
import type { Benchmark } from './types'

/** Every benchmark, in the order `npm run bench` runs them. */
export const benchmarks: Benchmark[] = [b1, b2, b3, b4, b5, b6, bTill, dayReport]
