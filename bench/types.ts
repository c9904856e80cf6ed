export interface Metric {
  name: string
  value: number
  unit: string
  /** What we aim for, in words (never fails the run). */
  target?: string
}

export interface BenchResult {
  id: string
  /** One line: what this benchmark measures. */
  measures: string
  metrics: Metric[]
  notes?: string[]
}

export interface Benchmark {
  id: string
  measures: string
  run(): Promise<BenchResult>
}
