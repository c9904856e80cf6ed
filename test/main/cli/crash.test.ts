import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Journal } from '../../../src/main/payments/journal'
import { startSimulator, type Simulator } from '../../../src/main/simulator'
import { tempDataDir } from '../payments/support'

/**
 * Crash tests: the CLI is SIGKILLed at each named point of a sale, then `recover` runs in a new
 * process. Every operation must resolve exactly once, and nothing may be POSTed twice.
 */

const ROOT = path.resolve(__dirname, '../../..')
const POINTS = [
  'before-journal',
  'after-journal-before-post',
  'after-post-before-202',
  'after-result-before-record',
  'mid-compaction',
] as const

interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

let simulator: Simulator

beforeAll(async () => {
  simulator = await startSimulator({
    merchants: POINTS.map((_, i) => ({
      apiKey: `CRASH-KEY-${i}-abcdefghijklmnop`,
      merchantIdAlpha: `Crash${i}`,
      terminals: [{ serialNumber: `77700000${i}` }],
    })),
    timeScale: 10,
  })
})
afterAll(async () => simulator?.close())

function cli(index: number, dataDir: string, args: string[], crashAt?: string): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/index.ts',
        ...args,
        '--api-url',
        simulator.apiBaseUrl,
        '--status-url',
        simulator.statusBaseUrl,
        '--data-dir',
        dataDir,
        '--not-charged-after',
        '3',
        '--json',
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          TSX_TSCONFIG_PATH: 'tsconfig.node.json',
          POS_API_KEY: `CRASH-KEY-${index}-abcdefghijklmnop`,
          POS_CRASH_AT: crashAt ?? '',
        },
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
}

interface Outcome {
  crashed: Exit
  recovered: Exit
  dataDir: string
}

/** Runs `work` over `items`, at most `limit` at a time (2 cores: tsx start-up is CPU bound). */
async function pool<T, R>(
  items: readonly T[],
  limit: number,
  work: (t: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++
        results[i] = await work(items[i]!, i)
      }
    }),
  )
  return results
}

const outcomes = new Map<string, Outcome>()

describe('the CLI killed at each crash point, then recover', () => {
  beforeAll(async () => {
    await pool(POINTS, 2, async (point, index) => {
      const dataDir = tempDataDir('crash-')
      const crashed = await cli(
        index,
        dataDir,
        ['sale', '12.34', '--terminal', `77700000${index}`],
        point,
      )
      const recovered = await cli(index, dataDir, ['recover'])
      outcomes.set(point, { crashed, recovered, dataDir })
    })
  }, 120_000)

  POINTS.forEach((point) => {
    it(`${point}: resolved once, nothing doubled`, () => {
      const { crashed, recovered, dataDir } = outcomes.get(point)!
      expect(crashed.signal, crashed.stderr + crashed.stdout).toBe('SIGKILL')
      expect(recovered.stderr).toBe('')
      expect(recovered.code).toBe(0)
      const report = JSON.parse(recovered.stdout) as {
        recovered: { transactionReference: string }[]
        unresolved: number
      }
      expect(report.unresolved).toBe(0)

      // What the journal holds after the restart: nothing unfinished, nothing twice.
      const journal = Journal.open(path.join(dataDir, 'payments'))
      const items = journal.search({ limit: 10 }).items
      expect(journal.unfinished()).toEqual([])
      expect(journal.problems).toEqual([])
      journal.close()
      const posts = simulator.stats().postsByReference
      if (point === 'before-journal') {
        expect(items).toEqual([])
        expect(report.recovered).toEqual([])
        return
      }
      expect(items).toHaveLength(1)
      const record = items[0]!
      if (point === 'after-journal-before-post') {
        // Never sent: proven not charged by the 90-second rule (3 s against this simulator).
        expect(posts[record.transactionReference]).toBeUndefined()
        expect(record).toMatchObject({ state: 'failed', lastError: { code: 'not_charged' } })
      } else {
        expect(posts[record.transactionReference]).toBe(1)
        expect(record.state).toBe('approved')
        expect(record.result?.transactionId).toBeTruthy()
      }
      if (point === 'mid-compaction') {
        // The sale had finished; the interrupted compaction lost nothing and left no temp file.
        expect(report.recovered).toEqual([])
        const files = readdirSync(path.join(dataDir, 'payments'))
        expect(files.some((f) => f.endsWith('.tmp'))).toBe(false)
      } else {
        expect(report.recovered.map((r) => r.transactionReference)).toEqual([
          record.transactionReference,
        ])
      }
    })
  })
})
