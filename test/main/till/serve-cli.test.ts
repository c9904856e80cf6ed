import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDataDir } from '../payments/support'
import { startServe } from './serve-process'

describe('cli serve', () => {
  it('prints the base URL and a first till token, answers, and stops cleanly on SIGTERM and SIGINT', async () => {
    const dataDir = tempDataDir('serve-')
    const first = await startServe(['--port', '0', '--data-dir', dataDir])
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/)
    expect(first.token).toMatch(/^ptl_/)
    const health = await fetch(`${first.url}/health`)
    expect(await health.json()).toEqual({ status: 'ok', version: expect.any(String) })
    const terminals = await fetch(`${first.url}/terminals`, {
      headers: { Authorization: `Bearer ${first.token}` },
    })
    const list = (await terminals.json()) as { terminals: { serial: string }[] }
    expect(list.terminals.map((t) => t.serial)).toContain('0821032398')
    expect(await first.stop('SIGTERM')).toBe(0)
    const saved = JSON.parse(readFileSync(path.join(dataDir, 'till-link.json'), 'utf8'))
    expect(saved.tokens).toHaveLength(1)
    expect(saved.tokens[0]).toMatchObject({ name: 'cli', lastUsedAt: expect.any(Number) })
    expect(JSON.stringify(saved)).not.toContain(first.token!.slice(4))
    // A second start with the same data folder keeps the token and makes no new one.
    const second = await startServe(['--port', '0', '--data-dir', dataDir])
    expect(second.token).toBeUndefined()
    const again = await fetch(`${second.url}/terminals`, {
      headers: { Authorization: `Bearer ${first.token}` },
    })
    expect(again.status).toBe(200)
    expect(await second.stop('SIGINT')).toBe(0)
  })
})
