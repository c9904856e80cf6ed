import { createServer } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_FETCH_POLICY, fetchWithinPolicy } from '../../../src/main/receipts/fetcher'
import { fixture, makeService, receiptHost, record } from './helpers'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

describe('plain http receipts on this computer', () => {
  it('are fetched only for merchants main says may use them (simulator, custom on loopback)', async () => {
    const host = await receiptHost()
    closers.push(() => host.close())
    host.routes.set('/r/customer.html', { status: 200, body: fixture('customer.html') })
    const ctx = await makeService({
      fetchPolicy: { timeoutMs: 2_000 }, // the release default: no loopback http for anyone
      loopbackHttp: (merchantId) => merchantId === 'on-simulator',
    })
    closers.push(() => ctx.cleanup())
    const receipt = { customerReceipt: `${host.url}/r/customer.html` }

    await ctx.service.collect({ ...record('p-cloud', receipt), merchantId: 'on-production' })
    const refused = await ctx.service.getReceipts('p-cloud')
    expect(refused.customer).toMatchObject({ status: 'failed' })
    expect(refused.customer.reason).toMatchObject({ code: 'receipt_address_not_allowed' })
    expect(host.hits).toEqual([])

    await ctx.service.collect({ ...record('p-sim', receipt), merchantId: 'on-simulator' })
    expect((await ctx.service.getReceipts('p-sim')).customer.status).toBe('stored')
    expect(host.hits).toEqual(['/r/customer.html'])
  })
})

describe('a receipt body that arrives too slowly', () => {
  it('ends as a timeout that is tried again, not as a raw abort', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.write('<div>first part') // and then nothing more
    })
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    closers.push(
      () =>
        new Promise((ok) => {
          server.closeAllConnections()
          server.close(() => ok())
        }),
    )
    const port = (server.address() as { port: number }).port
    const policy = { ...DEFAULT_FETCH_POLICY, allowLoopbackHttp: true, timeoutMs: 300 }
    await expect(fetchWithinPolicy(`http://127.0.0.1:${port}/r`, policy)).rejects.toMatchObject({
      name: 'ReceiptFetchError',
      retryable: true,
      what: { code: 'receipt_server_timeout', params: { seconds: 0.3 } },
      message: 'The receipt server did not answer within 0.3 s.',
    })
  })

  it('is retried by the collector on its schedule', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.write('<div>first part')
    })
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    closers.push(
      () =>
        new Promise((ok) => {
          server.closeAllConnections()
          server.close(() => ok())
        }),
    )
    const port = (server.address() as { port: number }).port
    const ctx = await makeService({ fetchPolicy: { allowLoopbackHttp: true, timeoutMs: 300 } })
    closers.push(() => ctx.cleanup())
    await ctx.service.collect(
      record('p-slow', { customerReceipt: `http://127.0.0.1:${port}/r/customer.html` }),
    )
    const view = await ctx.service.getReceipts('p-slow')
    expect(view.customer).toMatchObject({ status: 'failed', attempts: 1 })
    expect(view.customer.nextAttemptAt).toBeGreaterThan(0)
    expect(ctx.clock.pending.filter((t) => !t.cancelled)).toHaveLength(1)
  })
})
