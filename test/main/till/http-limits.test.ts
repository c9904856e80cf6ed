import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { CAFE_2, ManualClock, startFakeLink, type FakeLink } from './support'

/** Sends raw bytes and resolves with everything the server answered until it closed. */
function raw(link: FakeLink, send: string, opts: { end?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(link.server.port, '127.0.0.1')
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (d) => (answer += d))
    socket.on('error', reject)
    socket.on('close', () => resolve(answer))
    socket.write(send)
    if (opts.end) socket.end()
  })
}

describe('till link over HTTP: limits and hostile clients', () => {
  it('allows 20 requests a second per token, then 429 rate_limited with Retry-After', async () => {
    const clock = new ManualClock()
    const link = await startFakeLink({ clock })
    const statuses: number[] = []
    for (let i = 0; i < 21; i += 1) statuses.push((await link.call('/terminals')).status)
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true)
    const limited = await link.call('/terminals')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('1')
    const body = await limited.json()
    expect(body.error.code).toBe('rate_limited')
    expect(body.error.message).toMatch(/wait 1 s/)
    // Another token has its own budget; time refills this one.
    expect((await link.call('/terminals', { token: CAFE_2 })).status).toBe(200)
    clock.advance(50)
    expect((await link.call('/terminals')).status).toBe(200)
    expect((await link.call('/terminals')).status).toBe(429)
    clock.advance(1_000)
    expect((await link.call('/terminals')).status).toBe(200)
  })

  it('answers unknown paths 404 and wrong methods 405 with Allow, as JSON errors', async () => {
    const link = await startFakeLink()
    const missing = await link.call('/nothing-here')
    expect(missing.status).toBe(404)
    expect((await missing.json()).error.code).toBe('not_found')
    const wrong = await link.call('/payments', { method: 'DELETE' })
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('POST, GET')
    expect((await wrong.json()).error.code).toBe('method_not_allowed')
  })

  it('refuses huge headers (431) and garbage (400), and goes on serving', async () => {
    const link = await startFakeLink()
    const huge = await raw(
      link,
      `GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Junk: ${'a'.repeat(20_000)}\r\n\r\n`,
    )
    expect(huge).toMatch(/^HTTP\/1\.1 431/)
    const garbage = await raw(link, 'HELLO THERE\r\n\r\n')
    expect(garbage).toMatch(/^HTTP\/1\.1 400/)
    expect((await link.call('/health', { token: null })).status).toBe(200)
  })

  it('closes a client that sends its headers or its body too slowly', async () => {
    const link = await startFakeLink({ headersTimeoutMs: 200, requestTimeoutMs: 400 })
    const started = performance.now()
    const headers = await raw(link, 'GET /v1/health HTTP/1.1\r\nHost: x\r\n')
    expect(headers).toMatch(/^HTTP\/1\.1 408|^$/)
    const body = await raw(
      link,
      'POST /v1/payments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nIdempotency-Key: k\r\nAuthorization: Bearer tok-cafe-till-1-xxxxxxxxxxxx\r\n\r\n{"op',
    )
    expect(body).toMatch(/^HTTP\/1\.1 408|^$/)
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(link.engine.started).toBe(0)
    expect((await link.call('/health', { token: null })).status).toBe(200)
  })
})
