/**
 * `npm run bench [-- B1 B4 ...]`: runs the benchmarks against the built-in simulator on loopback,
 * prints a table and writes bench/results.json. Benchmarks print figures; they never fail CI.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import type { Benchmark, BenchResult } from './types'
import { benchmarks } from './registry'

async function main(): Promise<void> {
  const wanted = new Set(process.argv.slice(2).map((a) => a.toUpperCase()))
  const selected = benchmarks.filter((b) => wanted.size === 0 || wanted.has(b.id))
  const results: BenchResult[] = []
  for (const bench of selected) {
    process.stdout.write(`\n${bench.id}: ${bench.measures}\n`)
    const loadBefore = load()
    try {
      const result = await bench.run()
      // The machine is shared: the load average before and after says how far to trust it.
      result.notes = [...(result.notes ?? []), `load average ${loadBefore} before, ${load()} after`]
      results.push(result)
      printResult(result)
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      process.stdout.write(`  could not run: ${message}\n`)
      results.push({
        id: bench.id,
        measures: bench.measures,
        metrics: [],
        notes: [`error: ${message}`],
      })
    }
  }
  mkdirSync('bench', { recursive: true })
  const report = {
    at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    results,
  }
  writeFileSync('bench/results.json', JSON.stringify(report, null, 2) + '\n')
  process.stdout.write('\nWrote bench/results.json\n')
}

/** The 1-minute load average and the number of cores, e.g. "0.4 on 2 cores". */
function load(): string {
  return `${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`
}

function printResult(result: BenchResult): void {
  const width = Math.max(...result.metrics.map((m) => m.name.length), 10)
  for (const m of result.metrics) {
    const value = Number.isInteger(m.value) ? String(m.value) : m.value.toFixed(2)
    const target = m.target ? `   (target ${m.target})` : ''
    process.stdout.write(`  ${m.name.padEnd(width)}  ${value.padStart(10)} ${m.unit}${target}\n`)
  }
  for (const note of result.notes ?? []) process.stdout.write(`  note: ${note}\n`)
}

export type { Benchmark }
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
