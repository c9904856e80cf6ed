import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HandpointError, parseTransactionResult } from '../../../src/main/handpoint'
import { clientFor, startStub, type Stub, type StubReply } from './stub-server'

/** Error-shaped JSON in every documented variant, with arbitrary leaves. */
const errorShaped = fc.oneof(
  fc.record({
    error: fc.record({
      statusCode: fc.integer(),
      name: fc.string(),
      message: fc.oneof(
        fc.jsonValue(),
        fc.record({
          error: fc.oneof(fc.integer({ min: 1000, max: 1006 }), fc.jsonValue()),
          message: fc.jsonValue(),
        }),
        fc.jsonValue().map((v) => JSON.stringify({ error: 1001, message: v })),
      ),
      code: fc.jsonValue(),
      details: fc.oneof(
        fc.jsonValue(),
        fc.array(
          fc.record({ path: fc.jsonValue(), message: fc.jsonValue(), info: fc.jsonValue() }),
        ),
      ),
    }),
  }),
  fc.record({ error: fc.oneof(fc.integer(), fc.string()), message: fc.jsonValue() }),
)
const resultShaped = fc.record(
  {
    finStatus: fc.oneof(fc.constantFrom('AUTHORISED', 'IN_PROGRESS', 'UNDEFINED'), fc.jsonValue()),
    totalAmount: fc.jsonValue(),
    unMaskedPan: fc.string(),
    deviceStatus: fc.jsonValue(),
    efttimestamp: fc.jsonValue(),
    recoveredTransaction: fc.jsonValue(),
  },
  { requiredKeys: [] },
)
const anyBody = fc.oneof(
  fc.json(),
  fc.string(),
  errorShaped.map((v) => JSON.stringify(v)),
  resultShaped.map((v) => JSON.stringify(v)),
  fc.array(resultShaped).map((v) => JSON.stringify(v)),
)
const status = fc.constantFrom(200, 202, 204, 301, 400, 401, 403, 404, 409, 418, 422, 429, 500, 503)
const retryAfter = fc.option(
  fc.stringMatching(/^[ -~]{0,30}$/).map((s) => s.trim()),
  { nil: undefined },
)

function expectOnlyHandpointErrors(error: unknown) {
  expect(error).toBeInstanceOf(HandpointError)
  expect((error as HandpointError).message).toMatch(/^[A-Z].*\.$/s)
}

describe('parsing arbitrary answers', () => {
  let stub: Stub
  let reply: StubReply = { status: 200 }
  beforeAll(async () => {
    stub = await startStub(() => reply)
  })
  afterAll(async () => {
    await stub.close()
  })

  it('never throws anything but HandpointError, whatever the server says', async () => {
    const client = clientFor(stub, { timeoutMs: 2000 })
    const calls = [
      () => client.listDevices(),
      () =>
        client.startTransaction({
          operation: 'pingDevice',
          serialNumber: '1',
          terminalType: 'PAXA920',
        }),
      () => client.getTransactionResult('1-2'),
      () => client.getStatusByReference('ref'),
      () => client.getStatusChain('ref', 'all'),
      () => client.adjustTip('guid', '1.00'),
    ]
    await fc.assert(
      fc.asyncProperty(status, anyBody, retryAfter, async (code, body, after) => {
        reply = { status: code, body, headers: after ? { 'Retry-After': after } : {} }
        for (const call of calls) {
          try {
            const value = await call()
            expect(JSON.stringify(value ?? null)).not.toMatch(/unMaskedPan/i)
          } catch (error) {
            expectOnlyHandpointErrors(error)
          }
        }
      }),
      { numRuns: 100 },
    )
  }, 60_000)

  it('parseTransactionResult never throws anything but HandpointError and drops unMaskedPan', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), resultShaped), (value) => {
        try {
          const result = parseTransactionResult(value)
          expect(typeof result.finStatus).toBe('string')
          expect(result).not.toHaveProperty('unMaskedPan')
        } catch (error) {
          expectOnlyHandpointErrors(error)
        }
      }),
      { numRuns: 3000 },
    )
  })

  it('drops unMaskedPan at any depth and in any casing', () => {
    const result = parseTransactionResult({
      finStatus: 'AUTHORISED',
      UNMASKEDPAN: '4111111111111111',
      nested: { unmaskedPan: '4111111111111111', keep: 1 },
      list: [{ unMaskedPan: '4111111111111111' }],
    })
    expect(JSON.stringify(result)).not.toContain('4111')
    expect(result.nested).toEqual({ keep: 1 })
  })
})
