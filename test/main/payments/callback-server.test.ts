import http from 'node:http'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  digestOf,
  hashToken,
  startCallbackServer,
  type CallbackServer,
  type CallbackServerOptions,
} from '../../../src/main/payments/callback-server'

const RESULT = JSON.stringify({ finStatus: 'AUTHORISED', transactionID: 'tx-1' })

let server: CallbackServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** A server whose delivery handler applies each operation once, like the engine does. */
async function start(options: Partial<CallbackServerOptions> = {}) {
  const applied: string[] = []
  server = await startCallbackServer({ host: '127.0.0.1', port: 0, ...options }, async (id) => {
    if (applied.includes(id)) return 'duplicate'
    applied.push(id)
    return 'applied'
  })
  const { token, hash } = server.issueToken()
  server.bind(hash, 'op-1')
  return { applied, token, url: server.url }
}

const post = (url: string, headers: Record<string, string>, body = RESULT) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })

describe('callback server', () => {
  it('answers 401 to a wrong or missing token and applies nothing', async () => {
    const { applied, url, token } = await start()
    expect((await post(url, {})).status).toBe(401)
    expect((await post(url, { 'AUTH-TOKEN': 'not-the-token' })).status).toBe(401)
    expect((await post(url, { 'AUTH-TOKEN': `${token}x` })).status).toBe(401)
    expect(applied).toEqual([])
  })

  it('applies a known token once and answers 200 to a repeated delivery', async () => {
    const { applied, url, token } = await start()
    const first = await post(url, { 'AUTH-TOKEN': token })
    const again = await post(url, { 'AUTH-TOKEN': token })
    expect([first.status, again.status]).toEqual([200, 200])
    expect(await again.text()).toBe('duplicate')
    expect(applied).toEqual(['op-1'])
  })

  it('refuses a body over 64 KiB with 413, declared or streamed', async () => {
    const { applied, url, token } = await start()
    const big = JSON.stringify({ finStatus: 'AUTHORISED', pad: 'x'.repeat(70 * 1024) })
    expect((await post(url, { 'AUTH-TOKEN': token }, big)).status).toBe(413)
    // No Content-Length: the limit is enforced while the body streams in.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = http.request(url, { method: 'POST', headers: { 'AUTH-TOKEN': token } }, (res) =>
        resolve(res.statusCode ?? 0),
      )
      req.on('error', reject)
      for (let i = 0; i < 70; i += 1) req.write(Buffer.alloc(1024, 32))
      req.end()
    })
    expect(streamed).toBe(413)
    expect(applied).toEqual([])
  })

  it('accepts POST on its one path only', async () => {
    const { url, token } = await start()
    expect((await fetch(url, { headers: { 'AUTH-TOKEN': token } })).status).toBe(405)
    expect((await post(`${url}/../other`, { 'AUTH-TOKEN': token })).status).toBe(404)
  })

  it('closes a connection whose headers never finish', async () => {
    const { url } = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 })
    const { hostname, port } = new URL(url)
    const closed = await new Promise<{ ms: number; data: string }>((resolve) => {
      const began = performance.now()
      let data = ''
      const socket = net.connect(Number(port), hostname, () => {
        socket.write('POST /handpoint/callback HTTP/1.1\r\nHost: x\r\nAUTH-TOKEN: ')
      })
      socket.on('data', (d) => (data += d.toString()))
      socket.on('close', () => resolve({ ms: performance.now() - began, data }))
      socket.on('error', () => {})
    })
    expect(closed.ms).toBeLessThan(5_000)
    expect(closed.data === '' || closed.data.startsWith('HTTP/1.1 408')).toBe(true)
  })
})

describe('a kept token digest', () => {
  it('owns its 32 bytes instead of holding a slab of the shared buffer pool', () => {
    const hash = hashToken('a-token')
    const digest = digestOf(hash)
    expect(digest.toString('hex')).toBe(hash)
    expect(digest.buffer.byteLength).toBe(32)
  })
})
