import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_API_KEY, startSimulator, type Simulator } from '../../../src/main/simulator'
import { tempDataDir } from '../payments/support'

const ROOT = path.resolve(__dirname, '../../..')
let sim: Simulator
let dataDir: string

/** The CLI against one simulator that outlives each run (so batches stay between commands). */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/index.ts',
        ...args,
        '--api-url',
        sim.apiBaseUrl,
        '--status-url',
        sim.statusBaseUrl,
        '--data-dir',
        dataDir,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json', POS_API_KEY: DEMO_API_KEY },
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

beforeAll(async () => {
  sim = await startSimulator({ timeScale: 10 })
  dataDir = tempDataDir('cli-day-')
})
afterAll(() => sim.close())

describe('CLI day-report and batch-close', () => {
  it('prints the day as exactly one JSON object, closes the batch, and refuses a bad date', async () => {
    expect((await cli(['sale', '12.50', '--terminal', '0821032398'])).code).toBe(0)
    expect((await cli(['sale', '37.84', '--terminal', '0821032398'])).code).toBe(2)
    const report = await cli(['day-report', '--json'])
    expect(report.code).toBe(0)
    const lines = report.stdout.trim().split('\n')
    expect(lines).toHaveLength(1)
    const json = JSON.parse(lines[0]!)
    expect(Object.keys(json)).toEqual(['date', 'terminals', 'brands', 'exceptions'])
    expect(json.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(json.terminals).toEqual([
      {
        terminal: '0821032398',
        currency: 'EUR',
        sales: { count: 1, amount: 1250 },
        refunds: { count: 0, amount: 0 },
        reversals: { count: 0, amount: 0 },
        captures: { count: 0, amount: 0 },
        tips: { count: 0, amount: 0 },
        net: 1250,
        declined: 1,
        failed: 0,
        cancelled: 0,
        verdict: 'confirmed',
      },
    ])
    expect(json.brands).toEqual([
      {
        brand: expect.any(String),
        entry: expect.any(String),
        currency: 'EUR',
        count: 1,
        amount: 1250,
      },
    ])

    const close = await cli(['batch-close', '--terminal', '0821032398', '--json'])
    expect(close.code).toBe(0)
    expect(JSON.parse(close.stdout)).toMatchObject({
      state: 'closed',
      answer: { batchNumber: '1' },
      summary: { netMinor: 1250, transactionCount: 1 },
    })
    const text = await cli(['batch-close', '--terminal', '0821032398'])
    expect(text.stderr).toContain('its payments can no longer be reversed, only refunded')

    const bad = await cli(['day-report', '--date', '2026-02-30'])
    expect(bad.code).toBe(1)
    expect(bad.stderr.trim()).toBe(
      'Give the business day as YYYY-MM-DD, for example 2026-07-14 (2026-02-30 is not one).',
    )
  }, 90_000)
})
