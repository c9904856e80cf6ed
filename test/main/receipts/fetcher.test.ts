import { createServer } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_FETCH_POLICY,
  fetchWithinPolicy,
  isAllowedUrl,
  type FetchPolicy,
} from '../../../src/main/receipts/fetcher'

const loopback: FetchPolicy = { ...DEFAULT_FETCH_POLICY, allowLoopbackHttp: true, timeoutMs: 300 }
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

describe('receipt fetch policy', () => {
  it('allows https anywhere, http only on loopback when enabled, and listed origins', () => {
    expect(
      isAllowedUrl('https://receipts.handpoint.com/receipts/x/customer.html', DEFAULT_FETCH_POLICY),
    ).toBe(true)
    expect(isAllowedUrl('http://127.0.0.1:8080/r', DEFAULT_FETCH_POLICY)).toBe(false)
    expect(isAllowedUrl('http://127.0.0.1:8080/r', loopback)).toBe(true)
    expect(isAllowedUrl('http://localhost/r', loopback)).toBe(true)
    expect(isAllowedUrl('http://192.168.1.5/r', loopback)).toBe(false)
    expect(
      isAllowedUrl('http://sim.lan:81/r', { ...loopback, allowedOrigins: ['http://sim.lan:81'] }),
    ).toBe(true)
    expect(isAllowedUrl('file:///etc/passwd', loopback)).toBe(false)
    expect(isAllowedUrl('https://user:pw@receipts.handpoint.com/', loopback)).toBe(false)
    expect(isAllowedUrl('not a url', loopback)).toBe(false)
  })

  it('checks every redirect hop against the same list', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(302, { location: 'http://10.0.0.1/internal' }).end()
    })
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    closers.push(() => new Promise((ok) => server.close(() => ok())))
    const port = (server.address() as { port: number }).port
    await expect(fetchWithinPolicy(`http://127.0.0.1:${port}/r`, loopback)).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('http://10.0.0.1'),
    })
  })

  it('gives up on a server that does not answer, as a retryable failure', async () => {
    const server = createServer(() => undefined) // accepts, never answers
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    closers.push(
      () =>
        new Promise((ok) => {
          server.closeAllConnections()
          server.close(() => ok())
        }),
    )
    const port = (server.address() as { port: number }).port
    await expect(fetchWithinPolicy(`http://127.0.0.1:${port}/r`, loopback)).rejects.toMatchObject({
      retryable: true,
      message: 'The receipt server did not answer within 0.3 s.',
    })
  })

  it('stops reading a body that grows past the limit', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }) // no content-length: chunked
      res.write('<div>'.padEnd(4000, 'x'))
      res.end('</div>'.padStart(4000, 'y'))
    })
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    closers.push(() => new Promise((ok) => server.close(() => ok())))
    const port = (server.address() as { port: number }).port
    await expect(
      fetchWithinPolicy(`http://127.0.0.1:${port}/r`, { ...loopback, maxBytes: 5000 }),
    ).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('larger than') })
  })
})
