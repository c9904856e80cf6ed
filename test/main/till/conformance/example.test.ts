import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDataDir } from '../../payments/support'
import { startServe, type ServeHandle } from '../serve-process'

const ROOT = path.resolve(import.meta.dirname, '../../../..')

function sell(
  url: string,
  token: string,
  args: string[],
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['examples/till/sell.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, TILL_URL: url, TILL_TOKEN: token },
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, out }))
  })
}

describe('the example till (examples/till/sell.ts) against cli serve', () => {
  let serve: ServeHandle | undefined
  afterEach(async () => {
    await serve?.stop('SIGTERM')
    serve = undefined
  })

  it('sells, waits, prints the receipt text, and recovers by its key after a dropped connection', async () => {
    serve = await startServe(['--port', '0', '--data-dir', tempDataDir('till-example-')])
    const plain = await sell(serve.url, serve.token!, ['12.34', '0821032398'])
    expect(plain.out).toMatch(/Final: approved/)
    expect(plain.out).toMatch(/^AMOUNT +EUR 12\.34$/m)
    expect(plain.code).toBe(0)
    const dropped = await sell(serve.url, serve.token!, ['5.00', '0821032398', '--drop'])
    expect(dropped.out).toMatch(/The connection dropped/)
    expect(dropped.out).toMatch(/Final: approved/)
    expect(dropped.code).toBe(0)
    // One sale for each run, whatever the drop did.
    const list = await fetch(`${serve.url}/payments?terminal=0821032398&limit=10`, {
      headers: { Authorization: `Bearer ${serve.token}` },
    })
    expect(((await list.json()) as { payments: unknown[] }).payments).toHaveLength(2)
  })
})
