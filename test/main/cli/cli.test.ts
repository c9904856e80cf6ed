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

describe('CLI money rules', () => {
  it('bounds follow-ups by what is left and asks for --manager-pin above the ceiling', async () => {
    const dir = tempDataDir('cli-money-')
    const at = ['--data-dir', dir]
    expect((await cli(['manager-pin', 'set', '--new-manager-pin', '2468', ...at])).code).toBe(0)
    expect((await cli(['ceiling', '5.00', ...at])).stdout).toContain('Ceiling set: 5.00 EUR')
    // Lifting it needs the PIN.
    const lift = await cli(['ceiling', 'none', ...at])
    expect(lift.code).toBe(1)
    expect(lift.stderr).toMatch(/needs the manager PIN/)

    const sale = await cli(['sale', '9.00', '--terminal', '0821032398', '--json', ...at])
    expect(sale.code).toBe(0)
    const tx = (JSON.parse(sale.stdout) as { transactionID: string }).transactionID
    const follow = ['--original', tx, '--terminal', '0821032398', ...at]

    const tooMuch = await cli(['refund', '500.00', ...follow])
    expect(tooMuch.code).toBe(1)
    expect(tooMuch.stderr.trim()).toBe(
      'Only 9.00 EUR is left of the original payment. Enter at most that amount.',
    )
    const noPin = await cli(['refund', '9.00', ...follow])
    expect(noPin.code).toBe(1)
    expect(noPin.stderr).toMatch(/above 5.00 EUR need a manager/)
    const withPin = await cli(['refund', '9.00', '--manager-pin', '2468', '--json', ...follow])
    expect(withPin.stderr).not.toMatch(/manager/)
    expect(JSON.parse(withPin.stdout)).toMatchObject({ operation: 'refund' })
    expect(withPin.stdout).not.toContain('2468')
  }, 60_000)
})
