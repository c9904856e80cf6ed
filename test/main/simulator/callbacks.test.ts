import { describe, expect, it } from 'vitest'
import { retryGaps } from '../../../src/main/simulator/callbacks'
import { post, receiver, sale, sim, until } from './helpers'

const hooked = (url: string, extra: Record<string, unknown> = {}): Record<string, unknown> =>
  sale({ callbackUrl: url, token: 'secret-token', ...extra })

describe('callback delivery', () => {
  it('POSTs the result to callbackUrl with AUTH-TOKEN and JSON', async () => {
    const s = await sim()
    const hook = await receiver()
    await post(s, hooked(hook.url))
    const [delivery] = await until(() => (hook.received.length === 1 ? hook.received : undefined))
    expect(delivery!.headers['auth-token']).toBe('secret-token')
    expect(delivery!.headers['content-type']).toBe('application/json')
    expect(delivery!.body).toMatchObject({ finStatus: 'AUTHORISED', recoveredTransaction: false })
    expect(s.stats().callbackAttempts).toBe(1)
  })

  it('retries until a 2xx and flags retried deliveries recoveredTransaction: true', async () => {
    const s = await sim({ timeScale: 1000 })
    const hook = await receiver([500, 503, 404])
    await post(s, hooked(hook.url))
    await until(() => (hook.received.length === 4 ? true : undefined))
    expect(hook.received.map((r) => r.body.recoveredTransaction)).toEqual([false, true, true, true])
    expect(new Set(hook.received.map((r) => r.body.transactionID)).size).toBe(1)
  })

  it('keeps retrying against an unreachable receiver (network errors count as failures)', async () => {
    const s = await sim({ timeScale: 1000 })
    await post(s, hooked('http://127.0.0.1:9/unreachable'))
    await until(() => (s.stats().callbackAttempts >= 3 ? true : undefined))
  })

  it('retries every 5 s for 100 s, then 8, 16, 32 s ... capped at 15 min, for 2 days', () => {
    const gaps = [...retryGaps()]
    expect(gaps.slice(0, 20)).toEqual(Array(20).fill(5_000))
    expect(gaps.slice(20, 24)).toEqual([8_000, 16_000, 32_000, 64_000])
    expect(Math.max(...gaps)).toBe(15 * 60_000)
    const total = gaps.reduce((a, b) => a + b, 0)
    expect(total).toBeLessThanOrEqual(2 * 24 * 3600_000)
    expect(total).toBeGreaterThan(2 * 24 * 3600_000 - 15 * 60_000)
  })
})

describe('callback faults', () => {
  it('drops the first attempt, then the recovery loop delivers it flagged as recovered', async () => {
    const s = await sim({ timeScale: 1000 })
    s.faults.callbackDropRate = 1
    const hook = await receiver()
    await post(s, hooked(hook.url))
    await until(() => (hook.received.length === 1 ? true : undefined))
    expect(hook.received[0]!.body.recoveredTransaction).toBe(true)
    expect(s.stats().callbackAttempts).toBe(2)
  })

  it('duplicates a delivery with the very same body', async () => {
    const s = await sim()
    s.faults.callbackDuplicateRate = 1
    const hook = await receiver()
    await post(s, hooked(hook.url))
    await until(() => (hook.received.length === 2 ? true : undefined))
    expect(hook.received[1]!.body).toEqual(hook.received[0]!.body)
  })

  it('delays the first attempt by callbackDelayMs of terminal time', async () => {
    const s = await sim({ timeScale: 10 })
    s.faults = { callbackDelayMs: 5_000 }
    const hook = await receiver()
    const finishedAt: number[] = []
    s.onTerminalFinished(() => finishedAt.push(Date.now()))
    await post(s, hooked(hook.url))
    await until(() => (hook.received.length === 1 ? true : undefined))
    // 5 s of terminal time is 500 ms at timeScale 10.
    expect(Date.now() - finishedAt[0]!).toBeGreaterThanOrEqual(450)
  })

  it('stops retrying when the simulator closes', async () => {
    const s = await sim({ timeScale: 1000 })
    const hook = await receiver([500, 500, 500, 500, 500, 500, 500, 500, 500, 500])
    await post(s, hooked(hook.url))
    await until(() => (hook.received.length >= 2 ? true : undefined))
    await s.close()
    const seen = hook.received.length
    // 50 ms is ten retry gaps at timeScale 1000: a loop still running would have posted again.
    await new Promise((r) => setTimeout(r, 50))
    expect(hook.received.length).toBe(seen)
  })
})

describe('callback shutdown', () => {
  it('aborts an attempt in flight when the simulator closes', async () => {
    const { createServer } = await import('node:http')
    let arrived!: () => void
    let aborted!: () => void
    const arrivedSeen = new Promise<void>((r) => (arrived = r))
    const abortedSeen = new Promise<void>((r) => (aborted = r))
    // A receiver that reads the request and never answers.
    const hanging = createServer((req) => {
      req.socket.on('close', () => aborted())
      req.resume()
      arrived()
    })
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r))
    const port = (hanging.address() as { port: number }).port
    try {
      const s = await sim()
      await post(s, sale({ callbackUrl: `http://127.0.0.1:${port}/hook`, token: 't' }))
      await arrivedSeen
      await s.close()
      await abortedSeen
    } finally {
      hanging.closeAllConnections()
      await new Promise((r) => hanging.close(r))
    }
  })
})
