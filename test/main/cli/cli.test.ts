import { spawn } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCli, UsageError } from '../../../src/cli/options'
import { exitCodeFor } from '../../../src/cli/output'
import { tempDataDir } from '../payments/support'

const ROOT = path.resolve(__dirname, '../../..')

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json', POS_API_KEY: '' },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('CLI options', () => {
  it('uses the in-process simulator when nothing is configured', () => {
    const o = parseCli(['sale', '12.34', '--terminal', 'T1'], {})
    expect(o).toMatchObject({ command: 'sale', positionals: ['12.34'], merchantId: 'demo' })
    expect(o.connection).toBeUndefined()
  })

  it('sets both hosts from --env and takes the key from POS_API_KEY, never storing it', () => {
    const o = parseCli(['terminals', '--env', 'development'], { POS_API_KEY: 'secret-key-123' })
    expect(o.connection).toEqual({
      apiBaseUrl: 'https://cloud.handpoint.io',
      statusBaseUrl: 'https://transactions.handpoint.io',
      apiKey: 'secret-key-123',
    })
    expect(o.merchantId).not.toContain('secret')
  })

  it('refuses unknown options, a missing key and a shortened 90-second rule against Handpoint', () => {
    expect(() => parseCli(['sale', '--bogus'], {})).toThrow(UsageError)
    expect(() => parseCli(['terminals', '--env', 'production'], {})).toThrow(/API key/)
    expect(() =>
      parseCli(['recover', '--env', 'production', '--not-charged-after', '5'], {
        POS_API_KEY: 'k',
      }),
    ).toThrow(/at least 90/)
  })

  it('maps states to exit codes', () => {
    expect(
      ['approved', 'processed', 'declined', 'cancelled', 'failed', 'unknown', 'accepted'].map((s) =>
        exitCodeFor(s as never),
      ),
    ).toEqual([0, 0, 2, 2, 2, 3, 3])
  })
})

describe('CLI process', () => {
  it('prints exactly one JSON object for a declined sale and exits 2', async () => {
    const run = await cli([
      'sale',
      '37.84',
      '--terminal',
      '0821032398',
      '--json',
      '--data-dir',
      tempDataDir('cli-'),
    ])
    expect(run.code).toBe(2)
    const lines = run.stdout.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0]!)).toMatchObject({
      state: 'declined',
      finStatus: 'DECLINED',
      currency: 'EUR',
      transactionID: expect.any(String),
      transactionReference: expect.any(String),
      totalAmount: expect.any(Number),
    })
  }, 30_000)

  it('exits 1 with one line on stderr for a usage error', async () => {
    const run = await cli(['sale', '--terminal', '0821032398', '--data-dir', tempDataDir('cli-')])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/AMOUNT/)
  }, 30_000)
})
