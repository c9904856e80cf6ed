import { spawn } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCli } from '../../../src/cli/options'
import { tempDataDir } from '../payments/support'

const ROOT = path.resolve(import.meta.dirname, '../../..')

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

describe('CLI: terminal health and commands (built-in simulator)', () => {
  it('terminals --health --json checks every terminal and prints one object', async () => {
    const run = await cli(['terminals', '--health', '--json', '--data-dir', tempDataDir('cli-')])
    expect(run.code).toBe(0)
    const out = JSON.parse(run.stdout) as { terminals: { state: string; device?: object }[] }
    expect(out.terminals.map((t) => t.state)).toEqual(['online', 'online', 'online'])
    expect(out.terminals[0]?.device).toMatchObject({ source: 'check', appVersion: '20.4.12.1' })
  })

  it('terminal SERIAL reboot-hour 3 is sent to the terminal (never "applied")', async () => {
    const run = await cli([
      'terminal',
      '0821032398',
      'reboot-hour',
      '3',
      '--json',
      '--data-dir',
      tempDataDir('cli-'),
    ])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      command: 'set-reboot-time',
      body: { hour: 3 },
      by: 'cli',
      outcome: 'sent',
      answer: { code: 'command_sent', params: { serial: '0821032398' } },
    })
  })

  it('refuses a value out of range before anything is sent', async () => {
    const run = await cli([
      'terminal',
      '0821032398',
      'reboot-hour',
      '24',
      '--data-dir',
      tempDataDir('cli-'),
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/hour/)
    expect(run.stdout).toBe('')
  })

  it('takes --health and --force as flags', () => {
    expect(parseCli(['terminals', '--health'], {})).toMatchObject({ health: true, force: false })
    expect(parseCli(['terminal', 'T1', 'reboot', '--force'], {})).toMatchObject({
      command: 'terminal',
      positionals: ['T1', 'reboot'],
      force: true,
    })
  })
})
