import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HandpointError, readDeviceHealth } from '../../../src/main/handpoint'
import {
  parseBatchClose,
  parseBatchDetail,
  parseBatchSummary,
} from '../../../src/main/handpoint/batch-results'
import { CLOSE_NEWER, DETAIL, SUMMARY } from './fixtures-edge'
import { clientFor, startStub, type Stub, type StubReply } from './stub-server'

/** Whatever the batch, status-chain, ping and command endpoints answer: a value or a HandpointError. */

const entryShaped = fc.record({ key: fc.jsonValue(), value: fc.jsonValue() }, { requiredKeys: [] })
const batchShaped = fc.record(
  {
    batchNumber: fc.oneof(fc.constant('1'), fc.jsonValue()),
    closedAt: fc.oneof(fc.stringMatching(/^\d{17}$/), fc.jsonValue()),
    netAmount: fc.oneof(fc.stringMatching(/^-?\d{1,16}(\.\d{0,4})?$/), fc.jsonValue()),
    transactionCount: fc.jsonValue(),
    customerReference: fc.jsonValue(),
    customFields: fc.oneof(
      fc.record({ entry: fc.oneof(entryShaped, fc.array(entryShaped), fc.jsonValue()) }),
      fc.jsonValue(),
    ),
    details: fc.oneof(
      fc.array(
        fc.record(
          {
            transactionType: fc.oneof(fc.constant('SALE'), fc.jsonValue()),
            amount: fc.oneof(fc.stringMatching(/^\d{1,4}\.\d{2}$/), fc.jsonValue()),
            retrievalReferenceNumber: fc.jsonValue(),
            __proto__: fc.jsonValue(),
          },
          { requiredKeys: [] },
        ),
      ),
      fc.jsonValue(),
    ),
  },
  { requiredKeys: [] },
)
const deviceShaped = fc.record(
  {
    deviceStatus: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
    deviceInfo: fc.jsonValue(),
    customData: fc.oneof(fc.json(), fc.string()),
  },
  { requiredKeys: [] },
)
const anyBody = fc.oneof(
  fc.json(),
  fc.string(),
  batchShaped.map((v) => JSON.stringify(v)),
  fc.array(batchShaped).map((v) => JSON.stringify(v)),
)
const status = fc.constantFrom(200, 202, 204, 400, 403, 404, 422, 429, 500)
const currency = fc.constantFrom('EUR', 'JPY', 'BHD')

function onlyHandpointErrors(error: unknown) {
  expect(error).toBeInstanceOf(HandpointError)
  expect((error as HandpointError).message).toMatch(/^[A-Z].*\.$/s)
}

describe('parsing arbitrary day-close and device answers', () => {
  let stub: Stub
  let reply: StubReply = { status: 200 }
  beforeAll(async () => {
    stub = await startStub(() => reply)
  })
  afterAll(async () => {
    await stub.close()
  })

  it('every new call yields a value or a HandpointError, whatever the server says', async () => {
    const client = clientFor(stub, { timeoutMs: 2000 })
    const pax = { serialNumber: '1', terminalType: 'PAXA920' }
    const query = { ...pax, batchNumber: '1', currency: 'EUR' }
    const calls = [
      () => client.closeBatch(pax),
      () => client.getBatchSummary(query),
      () => client.getBatchDetail(query),
      () => client.getStatusAll('ref'),
      () => client.pingDevice(pax),
      () => client.reboot(pax, { force: false }),
    ]
    await fc.assert(
      fc.asyncProperty(status, anyBody, async (code, body) => {
        reply = { status: code, body }
        for (const call of calls) {
          try {
            const value = await call()
            expect(JSON.stringify(value ?? null)).not.toMatch(/unMaskedPan/i)
          } catch (error) {
            onlyHandpointErrors(error)
          }
        }
      }),
      { numRuns: 100 },
    )
  }, 60_000)

  it('the batch parsers never throw anything but HandpointError, and amounts are integers', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), batchShaped), currency, (value, code) => {
        for (const parse of [
          () => parseBatchClose(value),
          () => parseBatchSummary(value, code).netAmountMinor,
          () => parseBatchDetail(value, code).lines.map((l) => l.amountMinor),
        ]) {
          try {
            const out = parse()
            for (const n of [out].flat())
              if (typeof n === 'number') expect(Number.isSafeInteger(n)).toBe(true)
          } catch (error) {
            onlyHandpointErrors(error)
          }
        }
      }),
      { numRuns: 3000 },
    )
  })

  it('the documented examples survive any extra fields', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (extra) => {
        const withExtra = <T extends object>(example: T) => ({ ...extra, ...example })
        expect(parseBatchClose(withExtra(CLOSE_NEWER)).batchNumber).toBe('1')
        expect(parseBatchSummary(withExtra(SUMMARY), 'EUR').netAmountMinor).toBe(24500)
        expect(parseBatchDetail(withExtra(DETAIL), 'EUR').lines).toHaveLength(3)
      }),
      { numRuns: 500 },
    )
  })

  it('readDeviceHealth never throws and only yields typed values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), deviceShaped), (value) => {
        const health = readDeviceHealth(value)
        if (health === undefined) return
        if (health.batteryPercent !== undefined) {
          expect(Number.isInteger(health.batteryPercent)).toBe(true)
          expect(health.batteryPercent).toBeGreaterThanOrEqual(0)
          expect(health.batteryPercent).toBeLessThanOrEqual(100)
        }
        for (const flag of [health.charging, health.batteryFull, health.onExternalPower]) {
          expect(flag === undefined || typeof flag === 'boolean').toBe(true)
        }
        for (const text of [health.appVersion, health.sdkVersion, health.externalPower]) {
          expect(text === undefined || (typeof text === 'string' && text.length <= 64)).toBe(true)
        }
      }),
      { numRuns: 3000 },
    )
  })
})
