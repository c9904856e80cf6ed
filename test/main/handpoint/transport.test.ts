import { afterEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_TIMEOUT_MS,
  HandpointError,
  createHandpointClient,
  environmentUrls,
} from '../../../src/main/handpoint'
import { clientFor, rejection, startStub, type Stub, type StubReply } from './stub-server'

let stub: Stub | undefined
afterEach(async () => {
  await stub?.close()
  stub = undefined
})

const DEVICES = [{ serial_number: '0821032398', terminal_type: 'PAXA920' }]

/** Answers the n-th request with replies[n] (the last one repeats). */
async function sequence(...replies: StubReply[]) {
  stub = await startStub((_req, i) => replies[Math.min(i, replies.length - 1)]!)
  const waits: number[] = []
  const client = clientFor(stub, {
    timeoutMs: 250,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms)
    },
  })
  return { stub, client, waits }
}

describe('GET retries', () => {
  it('retries 5xx with full-jitter exponential backoff, at most 3 attempts', async () => {
    const { stub, client, waits } = await sequence(
      { status: 503 },
      { status: 502 },
      { status: 200, body: DEVICES },
    )
    await expect(client.listDevices()).resolves.toHaveLength(1)
    expect(stub.requests).toHaveLength(3)
    // random 0.5 x ceilings 250 ms and 500 ms.
    expect(waits).toEqual([125, 250])
  })

  it('gives up after 3 attempts with an unambiguous server error', async () => {
    const { stub, client, waits } = await sequence({ status: 500 })
    const error = await rejection<HandpointError>(client.listDevices())
    expect(error.kind).toBe('server')
    expect(error.ambiguous).toBe(false)
    expect(stub.requests).toHaveLength(3)
    expect(waits).toHaveLength(2)
  })

  it('never waits longer than the cap and scales with the random draw', async () => {
    stub = await startStub(() => ({ status: 500 }))
    const waits: number[] = []
    const client = clientFor(stub, {
      random: () => 0.999,
      retry: { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 3000 },
      sleep: async (ms) => {
        waits.push(ms)
      },
    })
    await rejection(client.listDevices())
    expect(waits).toEqual([999, 1998, 2997, 2997, 2997])
  })

  it('honours Retry-After on 429', async () => {
    const { client, waits } = await sequence(
      { status: 429, headers: { 'Retry-After': '2' } },
      { status: 200, body: DEVICES },
    )
    await expect(client.listDevices()).resolves.toHaveLength(1)
    expect(waits).toEqual([2000])
  })

  it('does not sit out a long Retry-After: the caller gets it', async () => {
    const { stub, client, waits } = await sequence({
      status: 429,
      headers: { 'Retry-After': '60' },
    })
    const error = await rejection<HandpointError>(client.listDevices())
    expect(error.kind).toBe('rate-limited')
    expect(error.retryAfterMs).toBe(60_000)
    expect(waits).toEqual([])
    expect(stub.requests).toHaveLength(1)
  })

  it('retries a connection reset and a timeout', async () => {
    const { stub, client } = await sequence('reset', 'hang', { status: 200, body: DEVICES })
    await expect(client.listDevices()).resolves.toHaveLength(1)
    expect(stub.requests).toHaveLength(3)
  })

  it('reports a read that never answers as an unambiguous timeout', async () => {
    const { stub, client } = await sequence('hang')
    const error = await rejection<HandpointError>(client.getTransactionResult('1-2'))
    expect(error.kind).toBe('timeout')
    expect(error.ambiguous).toBe(false)
    expect(error.message).toBe(
      'Handpoint did not answer within 250 ms. Check the internet connection, then try again.',
    )
    expect(stub.requests).toHaveLength(3)
  })

  it.each([400, 401, 403, 422])('does not retry a %s', async (status) => {
    const { stub, client } = await sequence({ status })
    await rejection(client.listDevices())
    expect(stub.requests).toHaveLength(1)
  })

  it('does not follow redirects (they would carry the API key elsewhere)', async () => {
    const target = await startStub(() => ({ status: 200, body: DEVICES }))
    try {
      const { client } = await sequence({
        status: 302,
        headers: { Location: `${target.url}/initialize` },
      })
      const error = await rejection<HandpointError>(client.listDevices())
      expect(error.kind).toBe('malformed-response')
      expect(target.requests).toHaveLength(0)
    } finally {
      await target.close()
    }
  })
})

describe('POST /transactions is never retried', () => {
  it.each([
    ['503', { status: 503 } as StubReply],
    ['429', { status: 429, headers: { 'Retry-After': '1' } } as StubReply],
    ['reset', 'reset' as StubReply],
    ['timeout', 'hang' as StubReply],
  ])('%s', async (_name, reply) => {
    const { stub, client, waits } = await sequence(reply, {
      status: 202,
      body: { transactionResultId: 'a-1', statusMessage: 'Operation Accepted' },
    })
    await rejection(
      client.startTransaction({
        operation: 'pingDevice',
        serialNumber: '1',
        terminalType: 'PAXA920',
      }),
    )
    expect(stub.requests).toHaveLength(1)
    expect(waits).toEqual([])
  })
})

describe('configuration', () => {
  it('knows the production and development hosts', () => {
    expect(environmentUrls('production')).toEqual({
      apiBaseUrl: 'https://cloud.handpoint.com',
      statusBaseUrl: 'https://transactions.handpoint.com',
    })
    expect(environmentUrls('development')).toEqual({
      apiBaseUrl: 'https://cloud.handpoint.io',
      statusBaseUrl: 'https://transactions.handpoint.io',
    })
  })

  it('waits 15 s by default', () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(15_000)
  })

  it('strips a trailing slash and keeps a relay path prefix', async () => {
    stub = await startStub(() => ({ status: 200, body: DEVICES }))
    const client = createHandpointClient({
      apiBaseUrl: `${stub.url}/relay/`,
      statusBaseUrl: stub.url,
      apiKey: 'k',
    })
    await client.listDevices()
    expect(stub.requests[0]!.url).toBe('/relay/initialize')
  })

  const ok = {
    apiBaseUrl: 'https://cloud.handpoint.io',
    statusBaseUrl: 'https://transactions.handpoint.io',
    apiKey: 'k',
  }
  it.each([
    [
      'plain http to another machine',
      { ...ok, apiBaseUrl: 'http://cloud.handpoint.io' },
      'apiBaseUrl',
    ],
    ['not a URL', { ...ok, statusBaseUrl: 'cloud' }, 'statusBaseUrl'],
    ['a file URL', { ...ok, apiBaseUrl: 'file:///etc' }, 'apiBaseUrl'],
    [
      'credentials in the URL',
      { ...ok, apiBaseUrl: 'https://u:p@cloud.handpoint.io' },
      'apiBaseUrl',
    ],
    ['an empty key', { ...ok, apiKey: '' }, 'apiKey'],
    ['a key with a line break', { ...ok, apiKey: 'abc\r\nX-Evil: 1' }, 'apiKey'],
    ['a zero timeout', { ...ok, timeoutMs: 0 }, 'timeoutMs'],
  ])('refuses %s', (_name, config, path) => {
    let error: unknown
    try {
      createHandpointClient(config)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(HandpointError)
    expect((error as HandpointError).kind).toBe('invalid-input')
    expect((error as HandpointError).fieldErrors?.[0]?.path).toBe(path)
    expect((error as HandpointError).message).not.toContain('abc')
  })

  it('allows plain http to this computer (simulator, tests)', () => {
    for (const host of ['localhost:9', '127.0.0.1:9', '[::1]:9']) {
      expect(() => createHandpointClient({ ...ok, apiBaseUrl: `http://${host}` })).not.toThrow()
    }
  })
})
