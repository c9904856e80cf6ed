import { randomUUID } from 'node:crypto'
import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { HandpointError, createHandpointClient } from '../../../src/main/handpoint'
import { startSimulator } from '../../../src/main/simulator'
import { DEMO_API_KEY, OTHER_KEY, T, eur, useContractSimulator } from './contract-sim'
import { rejection } from './stub-server'

/** The client's typed errors against the simulator's answers for the main error codes. */
const ctx = useContractSimulator()

describe('error codes', () => {
  const kindOf = async (promise: Promise<unknown>) => {
    const error = await rejection<HandpointError>(promise)
    expect(error).toBeInstanceOf(HandpointError)
    return {
      kind: error.kind,
      code: error.terminalCode,
      status: error.httpStatus,
      ambiguous: error.ambiguous,
    }
  }

  it('403 for an unknown key', async () => {
    expect(await kindOf(ctx.clientWith('NOT-A-KEY').listDevices())).toEqual({
      kind: 'forbidden',
      code: undefined,
      status: 403,
      ambiguous: false,
    })
  })

  it('the curl spelling ApiKeyCLoud names the same header the client sends', async () => {
    // The reference's curl examples write the header with a capital L (§1).
    const curl = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${ctx.sim.apiBaseUrl}/initialize`,
        { headers: { ApiKeyCLoud: DEMO_API_KEY } },
        (res) => {
          let body = ''
          res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(curl.status).toBe(200)
    const viaClient = await ctx.client.listDevices()
    const viaCurl = (JSON.parse(curl.body) as { serial_number: string }[]).map(
      (d) => d.serial_number,
    )
    expect(viaClient.map((d) => d.serialNumber)).toEqual(viaCurl)
  })

  it('1002 for an offline terminal', async () => {
    expect(
      await kindOf(ctx.client.startTransaction({ operation: 'sale', ...T.offline, ...eur('500') })),
    ).toMatchObject({ kind: 'terminal-offline', code: 1002 })
  })

  it("1004 for another merchant's terminal", async () => {
    expect(
      await kindOf(ctx.client.startTransaction({ operation: 'sale', ...T.other, ...eur('500') })),
    ).toMatchObject({ kind: 'terminal-not-assigned', code: 1004 })
  })

  it('404 for an unknown transactionResultId, UNDEFINED for an unknown reference', async () => {
    await expect(ctx.client.getTransactionResult(`${T.normal.serialNumber}-1`)).resolves.toEqual({
      kind: 'not-found',
    })
    await expect(ctx.client.getStatusByReference(randomUUID())).resolves.toMatchObject({
      finStatus: 'UNDEFINED',
    })
    expect((await kindOf(ctx.client.getStatusChain(randomUUID(), 'all'))).kind).toBe('not-found')
  })

  it("401 for another merchant's reference", async () => {
    const reference = randomUUID()
    await ctx.run({
      operation: 'sale',
      ...T.normal,
      ...eur('100'),
      transactionReference: reference,
    })
    expect((await kindOf(ctx.clientWith(OTHER_KEY).getStatusByReference(reference))).kind).toBe(
      'unauthorized',
    )
  })

  it('a dropped 202 is ambiguous, and the status host resolves it without a second POST', async () => {
    const reference = randomUUID()
    const finished = ctx.nextFinish(T.faults.serialNumber)
    ctx.sim.faults = { drop202: 1 }
    try {
      const error = await kindOf(
        ctx.client.startTransaction({
          operation: 'sale',
          ...T.faults,
          ...eur('900'),
          transactionReference: reference,
        }),
      )
      expect(error).toMatchObject({ kind: 'network', ambiguous: true })
    } finally {
      ctx.sim.faults = {}
    }
    await finished
    await expect(ctx.client.getStatusByReference(reference)).resolves.toMatchObject({
      finStatus: 'AUTHORISED',
    })
    expect(ctx.sim.stats().postsByReference[reference]).toBe(1)
  })

  it('a 202 slower than the timeout is an ambiguous timeout', async () => {
    const finished = ctx.nextFinish(T.faults.serialNumber)
    ctx.sim.faults = { delay202Ms: 600 }
    try {
      const error = await kindOf(
        ctx.clientWith(DEMO_API_KEY, { timeoutMs: 200 }).startTransaction({
          operation: 'sale',
          ...T.faults,
          ...eur('900'),
        }),
      )
      expect(error).toMatchObject({ kind: 'timeout', ambiguous: true })
    } finally {
      ctx.sim.faults = {}
    }
    await finished
  })

  it('500 is ambiguous on POST and retried on GET', async () => {
    ctx.sim.faults = { serverErrorRate: 1 }
    try {
      const before = ctx.sim.stats().requestsByKey[DEMO_API_KEY] ?? 0
      expect(
        await kindOf(ctx.client.startTransaction({ operation: 'pingDevice', ...T.faults })),
      ).toMatchObject({ kind: 'server', status: 500, ambiguous: true })
      expect(await kindOf(ctx.client.listDevices())).toMatchObject({
        kind: 'server',
        ambiguous: false,
      })
      expect((ctx.sim.stats().requestsByKey[DEMO_API_KEY] ?? 0) - before).toBe(1 + 3)
    } finally {
      ctx.sim.faults = {}
    }
  })
})

describe('rate limit', () => {
  it('429 with Retry-After beyond 2 requests per second; GETs wait and succeed', async () => {
    const limited = await startSimulator({ rateLimitPerSecond: 2 })
    try {
      const waits: number[] = []
      const c = createHandpointClient({
        apiBaseUrl: limited.apiBaseUrl,
        statusBaseUrl: limited.statusBaseUrl,
        apiKey: DEMO_API_KEY,
        sleep: (ms) => {
          waits.push(ms)
          return new Promise((resolve) => setTimeout(resolve, ms))
        },
      })
      await c.listDevices()
      await c.listDevices()
      const error = await rejection<HandpointError>(
        c.startTransaction({
          operation: 'pingDevice',
          serialNumber: '0821032398',
          terminalType: 'PAXA920PRO',
        }),
      )
      expect(error.kind).toBe('rate-limited')
      expect(error.retryAfterMs).toBeGreaterThan(0)
      expect(error.ambiguous).toBe(false)
      await expect(c.listDevices()).resolves.not.toHaveLength(0)
      expect(waits.length).toBeGreaterThan(0)
    } finally {
      await limited.close()
    }
  })
})
