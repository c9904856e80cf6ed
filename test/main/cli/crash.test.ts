import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPaymentStore } from '../../../src/main/payments/store/open-store'
import type { PaymentRecord } from '../../../src/shared/contract/payments.contract'
import { startSimulator, type Simulator } from '../../../src/main/simulator'
import { tempDataDir } from '../payments/support'
import { oldLine, writeJournal } from '../payments/store/legacy-files'

/**
 * Crash tests: the CLI is SIGKILLed at each named point of a sale, polled and by callback, then
 * `recover` runs in a new process. Every operation must resolve exactly once, and nothing may
 * be POSTed twice. Plus: a crash on top of a damaged earlier record, and a crash half way
 * through moving an old journal into the store.
 */

const ROOT = path.resolve(__dirname, '../../..')
const POINTS = [
  'before-save',
  'after-save-before-post',
  'after-post-before-202',
  'after-result-before-record',
] as const
const FLOWS = ['poll', 'callback'] as const
const CASES = FLOWS.flatMap((flow) => POINTS.map((point) => ({ flow, point })))
/** The double fault and the import get keys and terminals of their own. */
const DOUBLE = CASES.length
const IMPORT = CASES.length + 1

interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

let simulator: Simulator

beforeAll(async () => {
  simulator = await startSimulator({
    merchants: Array.from({ length: CASES.length + 2 }, (_, i) => ({
      apiKey: `CRASH-KEY-${i}-abcdefghijklmnop`,
      merchantIdAlpha: `Crash${i}`,
      terminals: [{ serialNumber: serialOf(i) }],
    })),
    timeScale: 10,
  })
})
afterAll(async () => simulator?.close())

function serialOf(index: number): string {
  return `777${String(index).padStart(6, '0')}`
}

/** A port free right now, so the process that recovers listens where the callbacks go. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

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

/** What the store holds after the restart: nothing unfinished, nothing twice, no damage left. */
function storeOf(dataDir: string): { items: PaymentRecord[]; problems: unknown[] } {
  const { store } = openPaymentStore({ dir: path.join(dataDir, 'payments'), check: 'now' })
  try {
    expect(store.unfinished()).toEqual([])
    return { items: store.search({ limit: 10 }).items, problems: [...store.problems] }
  } finally {
    store.close()
  }
}

interface Report {
  recovered: { transactionReference: string; state: string }[]
  unresolved: number
  problems: { code: string }[]
}

const outcomes = new Map<string, Outcome>()
const key = (flow: string, point: string): string => `${flow}/${point}`

describe('the CLI killed at each crash point, then recover', () => {
  beforeAll(async () => {
    await pool(CASES, 2, async ({ flow, point }, index) => {
      const dataDir = tempDataDir('crash-')
      const port =
        flow === 'callback'
          ? ['--flow', 'callback', '--callback-port', String(await freePort())]
          : []
      const sale = ['sale', '12.34', '--terminal', serialOf(index), ...port]
      const crashed = await cli(index, dataDir, sale, point)
      const recovered = await cli(index, dataDir, ['recover', ...port.slice(2)])
      outcomes.set(key(flow, point), { crashed, recovered, dataDir })
    })
  }, 300_000)

  CASES.forEach(({ flow, point }) => {
    it(`${flow}, ${point}: resolved once, nothing doubled`, () => {
      const { crashed, recovered, dataDir } = outcomes.get(key(flow, point))!
      expect(crashed.signal, crashed.stderr + crashed.stdout).toBe('SIGKILL')
      expect(recovered.stderr).toBe('')
      expect(recovered.code, recovered.stdout).toBe(0)
      const report = JSON.parse(recovered.stdout) as Report
      expect(report.unresolved).toBe(0)
      const { items, problems } = storeOf(dataDir)
      expect(problems).toEqual([])
      const posts = simulator.stats().postsByReference
      if (point === 'before-save') {
        expect(items).toEqual([])
        expect(report.recovered).toEqual([])
        return
      }
      expect(items).toHaveLength(1)
      const record = items[0]!
      expect(record.flow).toBe(flow)
      if (point === 'after-save-before-post') {
        // Never sent: proven not charged by the 90-second rule (3 s against this simulator).
        expect(posts[record.transactionReference]).toBeUndefined()
        expect(record).toMatchObject({ state: 'failed', lastError: { code: 'not_charged' } })
      } else {
        expect(posts[record.transactionReference]).toBe(1)
        expect(record.state).toBe('approved')
        expect(record.result?.transactionId).toBeTruthy()
      }
      expect(report.recovered.map((r) => r.transactionReference)).toEqual([
        record.transactionReference,
      ])
    })
  })
})

describe('two faults at once', () => {
  it('an earlier record damaged on disk and a crash after the POST: recover resolves the sale approved, one POST', async () => {
    const dataDir = tempDataDir('double-')
    const terminal = ['--terminal', serialOf(DOUBLE)]
    const first = await cli(DOUBLE, dataDir, ['sale', '5.00', ...terminal])
    expect(first.code, first.stderr).toBe(0)
    const crashed = await cli(
      DOUBLE,
      dataDir,
      ['sale', '12.34', ...terminal],
      'after-post-before-202',
    )
    expect(crashed.signal).toBe('SIGKILL')
    // One flipped bit inside the first sale's final change, as a failing disk would leave it.
    const file = path.join(dataDir, 'payments', 'payments.db')
    const db = new DatabaseSync(file)
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    const { body } = db
      .prepare('SELECT body FROM payment_changes WHERE no / 65536 = 1 ORDER BY no DESC LIMIT 1')
      .get() as { body: Uint8Array }
    db.close()
    const bytes = readFileSync(file)
    const at = bytes.indexOf(Buffer.from(body))
    expect(at).toBeGreaterThan(0)
    bytes[at + 5] = bytes[at + 5]! ^ 0x10
    writeFileSync(file, bytes)

    const recovered = await cli(DOUBLE, dataDir, ['recover'])
    expect(recovered.code, recovered.stdout + recovered.stderr).toBe(0)
    expect(recovered.stderr).toMatch(/^Warning: The payment store was damaged/)
    const report = JSON.parse(recovered.stdout) as Report
    expect(report.problems.map((p) => p.code)).toEqual(['payments_store_damaged'])
    const { items } = storeOf(dataDir)
    expect(items.map((r) => r.state)).toEqual(['approved', 'approved'])
    const posts = simulator.stats().postsByReference
    for (const r of items) expect(posts[r.transactionReference]).toBe(1)
  }, 120_000)
})

describe('moving an old journal into the store', () => {
  it('killed half way: the next start finishes it, nothing lost, nothing doubled', async () => {
    const dataDir = tempDataDir('import-')
    const lines = Array.from({ length: 12 }, (_, i) => oldLine(i))
    mkdirSync(path.join(dataDir, 'payments'))
    writeJournal(path.join(dataDir, 'payments', 'journal.jsonl'), lines)
    const crashed = await cli(IMPORT, dataDir, ['history'], 'mid-import')
    expect(crashed.signal).toBe('SIGKILL')
    const history = await cli(IMPORT, dataDir, ['history', '--limit', '50'])
    expect(history.code, history.stderr).toBe(0)
    expect(history.stderr).toMatch(/^Note: 12 payments were moved from the old payment journal/)
    const listed = JSON.parse(history.stdout) as { items: { id: string }[]; total: number }
    expect(listed.total).toBe(12)
    expect(listed.items.map((r) => r.id).sort()).toEqual(lines.map((l) => l.record.id).sort())
  }, 120_000)
})
