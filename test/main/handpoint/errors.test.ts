import { afterEach, describe, expect, it } from 'vitest'
import {
  HandpointError,
  describeHandpointError,
  type HandpointErrorKind,
} from '../../../src/main/handpoint'
import { clientFor, rejection, startStub, type Stub, type StubReply } from './stub-server'

const terminal = { serialNumber: '0821032398', terminalType: 'PAXA920' }
const sale = { operation: 'sale', ...terminal, amountMinor: '1000', currency: 'EUR' } as const

let stub: Stub | undefined
afterEach(async () => {
  await stub?.close()
  stub = undefined
})

async function postAgainst(reply: StubReply) {
  stub = await startStub(() => reply)
  const client = clientFor(stub, { timeoutMs: 300 })
  const error = await rejection<HandpointError>(client.startTransaction(sale))
  expect(error).toBeInstanceOf(HandpointError)
  return { error, requests: stub.requests.length }
}

const badRequest = (message: unknown) => ({
  status: 400,
  body: { error: { statusCode: 400, name: 'BadRequestError', message } },
})

describe('error bodies of POST /transactions (docs/handpoint-api.md §3)', () => {
  const cases: [string, StubReply, HandpointErrorKind, number | undefined][] = [
    [
      '1001 nested object (tier A)',
      badRequest({ error: 1001, message: 'The device is busy' }),
      'terminal-busy',
      1001,
    ],
    [
      '1001 JSON-encoded string',
      badRequest('{"error":1001,"message":"Device is busy"}'),
      'terminal-busy',
      1001,
    ],
    [
      '1001 flat body',
      { status: 400, body: { error: 1001, message: 'Device is busy' } },
      'terminal-busy',
      1001,
    ],
    [
      '1002 nested object',
      badRequest({
        error: 1002,
        message: 'No device listening at the other end of the secure channel',
      }),
      'terminal-offline',
      1002,
    ],
    [
      '1003 nested object',
      badRequest({ error: 1003, message: 'Cancel operation not allowed' }),
      'cancel-not-allowed',
      1003,
    ],
    [
      '1004 nested object',
      badRequest({ error: 1004, message: 'Auth not available: [object Object]' }),
      'terminal-not-assigned',
      1004,
    ],
    [
      '1005 is a plain bad request',
      badRequest({ error: 1005, message: 'No transaction to cancel' }),
      'bad-request',
      1005,
    ],
    [
      'plain string message',
      badRequest('Invalid amount (0 < amount < 999999999999)'),
      'bad-request',
      undefined,
    ],
    ['400 without body', { status: 400 }, 'bad-request', undefined],
    [
      '401',
      {
        status: 401,
        body: { error: { statusCode: 401, name: 'UnauthorizedError', message: 'x' } },
      },
      'unauthorized',
      undefined,
    ],
    [
      '403',
      {
        status: 403,
        body: {
          error: {
            statusCode: 403,
            name: 'ForbiddenError',
            message: 'No valid key found in header',
          },
        },
      },
      'forbidden',
      undefined,
    ],
    [
      '404',
      {
        status: 404,
        body: { error: { statusCode: 404, name: 'NotFoundError', message: 'Not found' } },
      },
      'not-found',
      undefined,
    ],
    [
      '409 (tier B busy)',
      { status: 409, body: { error: { statusCode: 409, name: 'ConflictError', message: 'busy' } } },
      'terminal-busy',
      undefined,
    ],
    ['418 other 4xx', { status: 418, body: 'teapot' }, 'bad-request', undefined],
  ]

  it.each(cases)('%s', async (_name, reply, kind, terminalCode) => {
    const { error, requests } = await postAgainst(reply)
    expect(error.kind).toBe(kind)
    expect(error.terminalCode).toBe(terminalCode)
    expect(error.httpStatus).toBe(typeof reply === 'object' ? reply.status : undefined)
    // A definite refusal: the terminal did not take the operation, it is safe to start anew.
    expect(error.ambiguous).toBe(false)
    expect(error.message).toMatch(/^[A-Z].*\.$/)
    expect(requests).toBe(1)
  })

  it('words a plain 400 message into a sentence', async () => {
    const { error } = await postAgainst(badRequest('Invalid amount (0 < amount < 999999999999)'))
    expect(error.message).toBe(
      'Handpoint refused the request: Invalid amount (0 < amount < 999999999999). Check the details, then try again.',
    )
  })

  it('reads 422 field paths from details, including missing properties', async () => {
    const { error } = await postAgainst({
      status: 422,
      body: {
        error: {
          statusCode: 422,
          name: 'UnprocessableEntityError',
          message:
            'The request body is invalid. See error object `details` property for more info.',
          code: 'VALIDATION_FAILED',
          details: [
            {
              path: '',
              code: 'required',
              message: "must have required property 'operation'",
              info: { missingProperty: 'operation' },
            },
            { path: '/amount', code: 'type', message: 'must be string', info: { type: 'string' } },
          ],
        },
      },
    })
    expect(error.kind).toBe('validation')
    expect(error.fieldErrors).toEqual([
      { path: '/operation', message: "must have required property 'operation'" },
      { path: '/amount', message: 'must be string' },
    ])
    expect(error.message).toContain('/amount must be string')
  })

  it('reads Retry-After in seconds on 429', async () => {
    const { error, requests } = await postAgainst({
      status: 429,
      headers: { 'Retry-After': '2' },
      body: {
        error: {
          statusCode: 429,
          name: 'TooManyRequestsError',
          message: 'Too many requests, please try again later.',
        },
      },
    })
    expect(error.kind).toBe('rate-limited')
    expect(error.retryAfterMs).toBe(2000)
    expect(error.ambiguous).toBe(false)
    expect(requests).toBe(1)
  })

  it('reads Retry-After as an HTTP date on 429', async () => {
    stub = await startStub(() => ({
      status: 429,
      headers: { 'Retry-After': 'Tue, 24 Nov 2026 01:00:05 GMT' },
    }))
    const now = () => Date.parse('Tue, 24 Nov 2026 01:00:00 GMT')
    const error = await rejection<HandpointError>(clientFor(stub, { now }).startTransaction(sale))
    expect(error.retryAfterMs).toBe(5000)
  })
})

describe('ambiguous failures of POST /transactions are never retried', () => {
  it.each([
    ['500', { status: 500, body: 'oops' } as StubReply, 'server'],
    ['503 with HTML', { status: 503, body: '<html>down</html>' } as StubReply, 'server'],
    ['malformed 202', { status: 202, body: 'not json' } as StubReply, 'malformed-response'],
    ['empty 202', { status: 202 } as StubReply, 'malformed-response'],
    [
      '202 without transactionResultId in polling mode',
      { status: 202, body: { statusMessage: 'Operation Accepted' } } as StubReply,
      'malformed-response',
    ],
    ['reset after send', 'reset' as StubReply, 'network'],
    ['no answer in time', 'hang' as StubReply, 'timeout'],
    [
      'unexpected 302',
      { status: 302, headers: { Location: 'https://evil.example/' } } as StubReply,
      'malformed-response',
    ],
  ])('%s', async (_name, reply, kind) => {
    const { error, requests } = await postAgainst(reply)
    expect(error.kind).toBe(kind)
    expect(error.ambiguous).toBe(true)
    expect(error.message).toContain('do not start it again until its outcome is known')
    expect(error.message).not.toMatch(/try again/i)
    expect(requests).toBe(1)
  })

  it('calls a refused connection unambiguous: nothing was sent', async () => {
    stub = await startStub(() => ({ status: 202 }))
    const url = stub.url
    await stub.close()
    stub = undefined
    const client = clientFor({ url, requests: [], close: async () => {} })
    const error = await rejection<HandpointError>(client.startTransaction(sale))
    expect(error.kind).toBe('network')
    expect(error.ambiguous).toBe(false)
  })
})

describe('describeHandpointError', () => {
  const kinds: HandpointErrorKind[] = [
    'terminal-busy',
    'terminal-offline',
    'cancel-not-allowed',
    'terminal-not-assigned',
    'bad-request',
    'unauthorized',
    'forbidden',
    'not-found',
    'validation',
    'rate-limited',
    'server',
    'network',
    'timeout',
    'malformed-response',
    'invalid-input',
  ]

  it.each(kinds)('has a distinct sentence for %s', (kind) => {
    const text = describeHandpointError(kind)
    expect(text).toMatch(/^[A-Z][^]*\.$/)
    expect(kinds.filter((k) => describeHandpointError(k) === text)).toEqual([kind])
  })

  it('warns against repeating an ambiguous operation', () => {
    const error = new HandpointError('timeout', 'x', { ambiguous: true })
    expect(describeHandpointError(error)).toBe(
      'Handpoint did not answer in time. The operation may have reached the terminal: do not start it again until its outcome is known.',
    )
    expect(describeHandpointError(new HandpointError('timeout', 'x'))).toBe(
      describeHandpointError('timeout'),
    )
  })
})
