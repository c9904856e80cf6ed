import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { call, DEMO_API_KEY } from './helpers'

const root = resolve(__dirname, '../../..')

describe('npm run simulator (src/cli/simulator.ts)', () => {
  it('prints the URLs, the demo key and a curl example, serves, and stops cleanly on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/simulator.ts', '--time-scale', '50', '--inline-receipts', '1'],
      {
        cwd: root,
        env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
    try {
      const deadline = Date.now() + 15_000
      while (!output.includes('status/all') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20))
      const api = /API base URL:\s+(\S+)/.exec(output)?.[1]
      expect(api).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(output).toMatch(/Status base URL:\s+http:\/\/127\.0\.0\.1:\d+/)
      expect(output).toContain(DEMO_API_KEY)
      expect(output).toContain(`curl -s ${api}/initialize -H 'ApiKeyCLoud: ${DEMO_API_KEY}'`)
      expect((await call(`${api}/initialize`)).json).toHaveLength(3)
    } finally {
      child.kill('SIGINT')
    }
    expect(await exited).toBe(0)
    expect(output).toContain('SIGINT received, stopping the simulator.')
  })

  it('refuses a malformed option with a sentence and exit code 1', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/simulator.ts', '--time-scale', 'fast'],
      {
        cwd: root,
        env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let errors = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk))
    const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)))
    expect(code).toBe(1)
    expect(errors).toContain('--time-scale needs a non-negative number, got "fast".')
  })
})
