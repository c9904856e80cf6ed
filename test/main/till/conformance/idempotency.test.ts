import { request } from 'node:http'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, DEMO_API_KEY, type Simulator } from '../../../../src/main/simulator'
import { tempDataDir } from '../../payments/support'
import { startServe, type ServeHandle } from '../serve-process'
import { CAFE_TERMINALS, FRONT, final, sale, startRealLink } from './harness'

describe('till link conformance: one payment per key, whatever happens', () => {
  it('any interleaving of N identical POSTs gives one payment and one POST at the simulator', async () => {
    const link = await startRealLink()
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 6, maxLength: 6 }),
        fc.constantFrom(...CAFE_TERMINALS),
        async (n, delays, terminal) => {
          run += 1
          const key = `dup-${run}`
          const body = sale(1000 + run, terminal)
          const answers = await Promise.all(
            Array.from({ length: n }, async (_, i) => {
              await new Promise((r) => setTimeout(r, delays[i]))
              const res = await link.call('/payments', { method: 'POST', key, json: body })
              return { status: res.status, body: await res.json() }
            }),
          )
          const ids = new Set(answers.map((a) => a.body.id))
          expect(ids.size).toBe(1)
          expect(answers.filter((a) => a.status === 201)).toHaveLength(1)
          expect(answers.filter((a) => a.status === 200)).toHaveLength(n - 1)
          const [id] = [...ids] as [string]
          const done = await final(link, id)
          expect(link.posts(String(done['transactionReference']))).toBe(1)
          // Asked again later, the key still answers with the same payment and sends nothing.
          const later = await link.call('/payments', { method: 'POST', key, json: body })
          expect([later.status, (await later.json()).id]).toEqual([200, id])
          expect(link.posts(String(done['transactionReference']))).toBe(1)
        },
      ),
      { numRuns: 12 },
    )
  })

  it('a till whose connection dropped finds its payment by key, and its retry starts nothing new', async () => {
    const link = await startRealLink()
    const key = 'dropped-1'
    const body = sale(4321, CAFE_TERMINALS[1])
    // The request goes out whole, then the connection drops before any answer.
    await new Promise<void>((resolve) => {
      const payload = JSON.stringify(body)
      const req = request(`${link.base}/payments`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${FRONT}`,
          'Idempotency-Key': key,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(payload),
        },
      })
      req.on('error', () => resolve())
      req.on('finish', () => {
        req.destroy()
        resolve()
      })
      req.end(payload)
    })
    let found: { id: string; transactionReference: string } | undefined
    for (let i = 0; i < 200 && !found; i += 1) {
      found = (await (await link.call(`/payments?idempotencyKey=${key}`)).json()).payments[0]
      if (!found) await new Promise((r) => setTimeout(r, 10))
    }
    expect(found).toBeDefined()
    const retry = await link.call('/payments', { method: 'POST', key, json: body })
    expect([retry.status, (await retry.json()).id]).toEqual([200, found!.id])
    expect(await final(link, found!.id)).toMatchObject({ state: 'approved', amount: 4321 })
    expect(link.posts(found!.transactionReference)).toBe(1)
  })
})

describe('till link conformance: a crash between accept and send', () => {
  const running: (ServeHandle | Simulator)[] = []
  afterEach(async () => {
    for (const r of running.splice(0)) {
      if ('child' in r) await r.stop('SIGKILL')
      else await r.close()
    }
  })

  it('resumes the same payment after a restart, found by key, never sent twice', async () => {
    const simulator = await startSimulator({ rateLimitPerSecond: 0 })
    running.push(simulator)
    const dataDir = tempDataDir('till-crash-')
    const connection = [
      '--api-url',
      simulator.apiBaseUrl,
      '--status-url',
      simulator.statusBaseUrl,
      '--api-key',
      DEMO_API_KEY,
      '--data-dir',
      dataDir,
      '--not-charged-after',
      '2',
      '--port',
      '0',
    ]
    // The process dies right after the payment and its key are saved, before the POST leaves.
    const first = await startServe(connection, { POS_CRASH_AT: 'after-save-before-post' })
    running.push(first)
    const token = first.token!
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
    const body = JSON.stringify({
      operation: 'sale',
      amount: 1500,
      currency: 'EUR',
      terminal: '0821032398',
    })
    await expect(
      fetch(`${first.url}/payments`, {
        method: 'POST',
        headers: { ...headers, 'Idempotency-Key': 'crash-1' },
        body,
      }),
    ).rejects.toThrow()
    expect(await first.exited).toBe('SIGKILL')
    const second = await startServe(connection)
    running.push(second)
    type Seen = { id: string; final: boolean; transactionReference: string }
    const list = (await (
      await fetch(`${second.url}/payments?idempotencyKey=crash-1`, { headers })
    ).json()) as { payments: Seen[] }
    expect(list.payments).toHaveLength(1)
    const payment = list.payments[0]!
    expect(payment.final).toBe(false)
    // The retry after the restart finds the same payment and sends nothing.
    const retry = await fetch(`${second.url}/payments`, {
      method: 'POST',
      headers: { ...headers, 'Idempotency-Key': 'crash-1' },
      body,
    })
    expect([retry.status, ((await retry.json()) as Seen).id]).toEqual([200, payment.id])
    let state = payment
    for (let i = 0; i < 30 && !state.final; i += 1) {
      state = (await (
        await fetch(`${second.url}/payments/${payment.id}?wait=10`, { headers })
      ).json()) as Seen
    }
    // Never sent: the status host knows nothing of it, so after the (shortened) 90-second rule
    // it ends as not charged; nothing ever reached the terminal.
    expect(state).toMatchObject({ final: true, state: 'failed', approvedAmount: 0 })
    expect(simulator.stats().postsByReference[payment.transactionReference] ?? 0).toBe(0)
    expect(await second.stop('SIGTERM')).toBe(0)
  })
})
