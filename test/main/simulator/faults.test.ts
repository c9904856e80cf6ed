import { describe, expect, it } from 'vitest'
import {
  call,
  DEMO_API_KEY,
  NORMAL,
  post,
  receiver,
  result,
  run,
  sale,
  sim,
  until,
  uuid4,
} from './helpers'

describe('rate limit', () => {
  it('answers 429 TooManyRequestsError with Retry-After beyond 2 requests/s per key, and counts', async () => {
    const s = await sim({ rateLimitPerSecond: 2 })
    const replies = await Promise.all([1, 2, 3].map(() => call(`${s.apiBaseUrl}/initialize`)))
    const statuses = replies.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 200, 429])
    const limited = replies.find((r) => r.status === 429)!
    expect(limited.json).toEqual({
      error: {
        statusCode: 429,
        name: 'TooManyRequestsError',
        message: 'Too many requests, please try again later.',
      },
    })
    expect(limited.headers.get('retry-after')).toBe('1')
    // The budget is per key: the other merchant is unaffected.
    expect((await call(`${s.apiBaseUrl}/initialize`, { key: 'OTHER-MERCHANT-KEY' })).status).toBe(
      200,
    )
    expect(s.stats()).toMatchObject({
      requestsByKey: { [DEMO_API_KEY]: 3, 'OTHER-MERCHANT-KEY': 1 },
      maxRequestsInAnySecondByKey: { [DEMO_API_KEY]: 3 },
      rateLimited: 1,
    })
  })

  it('counts the status host against the same key budget', async () => {
    const s = await sim({ rateLimitPerSecond: 1 })
    expect((await call(`${s.apiBaseUrl}/initialize`)).status).toBe(200)
    expect((await call(`${s.statusBaseUrl}/transactions/${uuid4()}/status`)).status).toBe(429)
  })

  it('is off with rateLimitPerSecond 0 but still measured', async () => {
    const s = await sim({ rateLimitPerSecond: 0 })
    await Promise.all([1, 2, 3, 4].map(() => call(`${s.apiBaseUrl}/initialize`)))
    expect(s.stats()).toMatchObject({
      rateLimited: 0,
      maxRequestsInAnySecondByKey: { [DEMO_API_KEY]: 4 },
    })
  })
})

describe('HTTP faults', () => {
  it('drop202: the socket dies before the 202, yet the transaction runs', async () => {
    const s = await sim()
    const reference = uuid4()
    const finished: string[] = []
    s.onTerminalFinished((f) => finished.push(`${f.transactionReference}:${f.finStatus}`))
    s.faults.drop202 = 1
    await expect(post(s, sale({ transactionReference: reference }))).rejects.toThrow()
    s.faults.drop202 = 0
    await until(() => finished.length === 1 || undefined)
    expect(finished).toEqual([`${reference}:AUTHORISED`])
    expect((await call(`${s.statusBaseUrl}/transactions/${reference}/status`)).json.finStatus).toBe(
      'AUTHORISED',
    )
    expect(s.stats().postsByReference).toEqual({ [reference]: 1 })
  })

  it('delay202Ms holds the 202 back by real milliseconds', async () => {
    const s = await sim()
    s.faults.delay202Ms = 300
    const started = Date.now()
    expect((await post(s, sale())).status).toBe(202)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
  })

  it('serverErrorRate answers 500 before anything starts', async () => {
    const s = await sim()
    const reference = uuid4()
    s.faults.serverErrorRate = 1
    const reply = await post(s, sale({ transactionReference: reference }))
    expect([reply.status, reply.json.error.name]).toEqual([500, 'InternalServerError'])
    expect((await call(`${s.apiBaseUrl}/initialize`)).status).toBe(500)
    s.faults.serverErrorRate = 0
    expect(s.terminalPhase(NORMAL.serial_number)).toBeUndefined()
    expect((await call(`${s.statusBaseUrl}/transactions/${reference}/status`)).json.finStatus).toBe(
      'UNDEFINED',
    )
  })

  it('replays the same fault sequence for the same seed', async () => {
    const pattern = async (): Promise<number[]> => {
      const s = await sim({ seed: 7 })
      s.faults.serverErrorRate = 0.5
      const statuses: number[] = []
      for (let i = 0; i < 8; i += 1)
        statuses.push((await call(`${s.apiBaseUrl}/initialize`)).status)
      await s.close()
      return statuses
    }
    const first = await pattern()
    expect(first).toContain(500)
    expect(first).toContain(200)
    expect(await pattern()).toEqual(first)
  })
})

describe('terminal faults', () => {
  it('goOfflineMidTransaction: gateway charges, terminal result held until it is back, then recovered', async () => {
    const s = await sim({ timeScale: 20 })
    const reference = uuid4()
    const hook = await receiver()
    s.faults.goOfflineMidTransaction = 1
    const polled = await post(s, sale({ transactionReference: reference }))
    await until(async () =>
      (await call(`${s.statusBaseUrl}/transactions/${reference}/status`)).json.finStatus ===
      'AUTHORISED'
        ? true
        : undefined,
    )
    s.faults.goOfflineMidTransaction = 0
    expect(
      (await call(`${s.apiBaseUrl}/transaction-result/${polled.json.transactionResultId}`)).status,
    ).toBe(204)
    expect(
      (await post(s, sale({ callbackUrl: hook.url, token: 'x' }))).json.error.message.error,
    ).toBe(1002)
    s.setBehaviour(NORMAL.serial_number, 'normal')
    const { json } = await result(s, polled.json.transactionResultId)
    expect(json).toMatchObject({
      finStatus: 'AUTHORISED',
      recoveredTransaction: true,
      transactionReference: reference,
    })
  })

  it('goOfflineMidTransaction in callback mode posts the held result as recovered', async () => {
    const s = await sim({ timeScale: 20 })
    const hook = await receiver()
    s.faults.goOfflineMidTransaction = 1
    await post(s, sale({ callbackUrl: hook.url, token: 'x' }))
    await until(() => (s.terminalPhase(NORMAL.serial_number) === undefined ? true : undefined))
    expect(hook.received).toHaveLength(0)
    s.faults.goOfflineMidTransaction = 0
    s.setBehaviour(NORMAL.serial_number, 'normal')
    await until(() => (hook.received.length === 1 ? true : undefined))
    expect(hook.received[0]!.body).toMatchObject({
      finStatus: 'AUTHORISED',
      recoveredTransaction: true,
    })
  })

  it('a flaky-network terminal misses some requests (1002) and loses first callback attempts', async () => {
    const s = await sim({ timeScale: 1000 })
    s.setBehaviour(NORMAL.serial_number, 'flaky-network')
    const hook = await receiver()
    const codes: number[] = []
    // Until three went through and at least one was missed (the RNG decides which come first).
    const accepted = () => codes.filter((c) => c === 202).length
    while (accepted() < 3 || !codes.includes(1002)) {
      const reply = await post(s, sale({ callbackUrl: hook.url, token: 'x' }))
      codes.push(reply.status === 202 ? 202 : reply.json.error.message.error)
      if (reply.status === 202)
        await until(() => (s.terminalPhase(NORMAL.serial_number) === undefined ? true : undefined))
      expect(codes.length).toBeLessThan(40)
    }
    expect(codes).toContain(1002)
    await until(() => (hook.received.length === accepted() ? true : undefined))
    expect(hook.received.every((r) => r.body.recoveredTransaction === true)).toBe(true)
  })

  it('runs a normal sale again once the terminal is back to normal', async () => {
    const s = await sim()
    s.setBehaviour(NORMAL.serial_number, 'offline')
    s.setBehaviour(NORMAL.serial_number, 'normal')
    expect((await run(s, sale())).json.finStatus).toBe('AUTHORISED')
    expect(() => s.setBehaviour('nope', 'normal')).toThrow(/No simulated terminal/)
  })
})
