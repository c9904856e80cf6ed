// Prints one closing line over every vitest JSON report of this run: "Tests: N passed, N failed".
import { existsSync, readFileSync, readdirSync } from 'node:fs'

const dir = 'test-results'
let passed = 0
let failed = 0
let skipped = 0
for (const file of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : []) {
  const report = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'))
  passed += report.numPassedTests ?? 0
  failed += report.numFailedTests ?? 0
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
}
console.log(`Tests: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''))
process.exit(failed > 0 || passed === 0 ? 1 : 0)
