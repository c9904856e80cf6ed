import { afterEach, describe, expect, it } from 'vitest'
import type { HandpointError } from '../../../src/main/handpoint'
import { classifyReceipt } from '../../../src/main/handpoint'
import {
  APPROVED_SALE,
  DEVICES_2_17,
  DEVICES_2_28,
  STATUS_2_20,
  STATUS_2_28,
  UNDEFINED_STATUS,
} from './fixtures'
import { API_KEY, clientFor, rejection, startStub, type Stub, type StubReply } from './stub-server'

const REF = '2bfde1fc-23b1-4c67-93d9-1d4a557f4d4f'
const GUID = '01236fc0-8192-11eb-9aca-ad4b0e95f241'

let stub: Stub | undefined
afterEach(async () => {
  await stub?.close()
  stub = undefined
})

async function serve(routes: Record<string, StubReply | StubReply[]>) {
  const seen: Record<string, number> = {}
  stub = await startStub((req) => {
    const route = routes[`${req.method} ${req.url}`]
    if (route === undefined) return { status: 599, body: `no route ${req.url}` }
    const n = (seen[req.url] = (seen[req.url] ?? 0) + 1)
    return Array.isArray(route) ? (route[Math.min(n, route.length) - 1] as StubReply) : route
  })
  return stub
}

describe('listDevices', () => {
  it('reads the 2.17 example of GET /initialize', async () => {
    const s = await serve({ 'GET /initialize': { status: 200, body: DEVICES_2_17 } })
    await expect(clientFor(s).listDevices()).resolves.toEqual([
      { serialNumber: '082104578', terminalType: 'PAXA920', merchantIdAlpha: 'merchantID' },
    ])
    const raw = s.requests[0]!.rawHeaders
    expect(raw[raw.indexOf('ApiKeyCloud') + 1]).toBe(API_KEY)
  })

  it('falls back to GET /devices on 404 and keeps the VT entry, never the ssk', async () => {
    const s = await serve({
      'GET /initialize': {
        status: 404,
        body: { error: { statusCode: 404, name: 'NotFoundError' } },
      },
      'GET /devices': { status: 200, body: DEVICES_2_28 },
    })
    const devices = await clientFor(s).listDevices()
    expect(devices).toEqual([
      { serialNumber: '1850025030', terminalType: 'PAXA920PRO', merchantIdAlpha: 'merchantID' },
      { serialNumber: '0000000001', terminalType: 'VT', merchantIdAlpha: 'merchantID' },
    ])
    expect(JSON.stringify(devices)).not.toContain('ssk')
    expect(s.requests.map((r) => r.url)).toEqual(['/initialize', '/devices'])
  })

  it('skips entries that cannot be addressed and keeps leading zeros', async () => {
    const s = await serve({
      'GET /initialize': {
        status: 200,
        body: [
          { serial_number: '0821032398', terminal_type: 'PAXA920' },
          { serial_number: 'x' },
          42,
          null,
        ],
      },
    })
    await expect(clientFor(s).listDevices()).resolves.toEqual([
      { serialNumber: '0821032398', terminalType: 'PAXA920' },
    ])
  })

  it('calls a non-list a malformed response', async () => {
    const s = await serve({ 'GET /initialize': { status: 200, body: { devices: [] } } })
    const error = await rejection<HandpointError>(clientFor(s).listDevices())
    expect(error.kind).toBe('malformed-response')
    expect(error.ambiguous).toBe(false)
  })

  it('reports a bad key as forbidden', async () => {
    const s = await serve({
      'GET /initialize': {
        status: 403,
        body: {
          error: {
            statusCode: 403,
            name: 'ForbiddenError',
            message: 'No valid key found in header',
          },
        },
      },
    })
    expect((await rejection<HandpointError>(clientFor(s).listDevices())).kind).toBe('forbidden')
  })
})

describe('getTransactionResult', () => {
  const path = 'GET /transaction-result/0821032398-1628774190395'
  const id = '0821032398-1628774190395'

  it('is in progress on 204 with an empty body', async () => {
    const s = await serve({ [path]: { status: 204 } })
    await expect(clientFor(s).getTransactionResult(id)).resolves.toEqual({ kind: 'in-progress' })
  })

  it('is in progress on the tier-B 200 + IN_PROGRESS variant', async () => {
    const s = await serve({ [path]: { status: 200, body: { finStatus: 'IN_PROGRESS' } } })
    await expect(clientFor(s).getTransactionResult(id)).resolves.toEqual({ kind: 'in-progress' })
  })

  it('is not found on 404', async () => {
    const s = await serve({
      [path]: { status: 404, body: { error: { statusCode: 404, name: 'NotFoundError' } } },
    })
    await expect(clientFor(s).getTransactionResult(id)).resolves.toEqual({ kind: 'not-found' })
  })

  it('parses the documented approved sale, keeps unknown fields and drops unMaskedPan', async () => {
    const s = await serve({ [path]: { status: 200, body: APPROVED_SALE } })
    const outcome = await clientFor(s).getTransactionResult(id)
    expect(outcome.kind).toBe('final')
    const result = outcome.kind === 'final' ? outcome.result : undefined
    expect(result).toMatchObject({
      finStatus: 'AUTHORISED',
      totalAmount: 300,
      transactionID: GUID,
      maskedCardNumber: '************0936',
      paymentScenario: 'CHIPCONTACTLESS',
      transactionOrigin: 'CLOUD',
      recoveredTransaction: false,
      deviceStatus: { batteryStatus: '80', serialNumber: '1850025030' },
    })
    expect(result).not.toHaveProperty('unMaskedPan')
    // Fields we do not model are kept exactly as sent, null included.
    expect(result?.metadata).toBeNull()
    expect(JSON.stringify(result)).not.toContain('4111111111110936')
    expect(classifyReceipt(result?.customerReceipt)).toBe('url')
  })

  it('treats null in a modelled field as absent', async () => {
    const s = await serve({
      [path]: { status: 200, body: { finStatus: 'DECLINED', signatureUrl: null, dueAmount: null } },
    })
    await expect(clientFor(s).getTransactionResult(id)).resolves.toEqual({
      kind: 'final',
      result: { finStatus: 'DECLINED' },
    })
  })

  it('accepts receipts as inline HTML', async () => {
    const html =
      '<html><head></head><body><header>Cafe</header><main><div id="amount">3.00</div></main></body></html>'
    const s = await serve({
      [path]: {
        status: 200,
        body: { ...APPROVED_SALE, merchantReceipt: html, customerReceipt: '' },
      },
    })
    const outcome = await clientFor(s).getTransactionResult(id)
    const result = outcome.kind === 'final' ? outcome.result : undefined
    expect(result?.merchantReceipt).toBe(html)
    expect(classifyReceipt(result?.merchantReceipt)).toBe('html')
    expect(classifyReceipt(result?.customerReceipt)).toBe('none')
  })

  it.each([
    ['no finStatus', { totalAmount: 5 }],
    ['an amount of the wrong type', { finStatus: 'AUTHORISED', totalAmount: '3.00' }],
    ['not JSON', '{"finStatus":'],
    ['a list', [APPROVED_SALE]],
    ['an empty 200', ''],
  ])('calls a body with %s malformed', async (_name, body) => {
    const s = await serve({ [path]: { status: 200, body } })
    const error = await rejection<HandpointError>(clientFor(s).getTransactionResult(id))
    expect(error.kind).toBe('malformed-response')
    expect(error.ambiguous).toBe(false)
  })

  it('encodes the id so it cannot escape its path segment', async () => {
    const s = await serve({ 'GET /transaction-result/..%2Finitialize': { status: 204 } })
    await expect(clientFor(s).getTransactionResult('../initialize')).resolves.toEqual({
      kind: 'in-progress',
    })
  })

  it('refuses an empty id before any request', async () => {
    const s = await serve({})
    const error = await rejection<HandpointError>(clientFor(s).getTransactionResult(''))
    expect(error.kind).toBe('invalid-input')
    expect(s.requests).toHaveLength(0)
  })
})

describe('status by reference (transactions host)', () => {
  it('reads the 2.20 example with a string efttimestamp', async () => {
    const s = await serve({
      [`GET /status-host/transactions/${REF}/status`]: { status: 200, body: STATUS_2_20 },
    })
    const result = await clientFor(s).getStatusByReference(REF)
    const raw = s.requests[0]!.rawHeaders
    expect(raw[raw.indexOf('ApiKeyCloud') + 1]).toBe(API_KEY)
    expect(result).toMatchObject({
      finStatus: 'AUTHORISED',
      efttimestamp: '20230511110113006',
      cardTypeId: 'V',
    })
  })

  it('reads the 2.28 example with a number efttimestamp', async () => {
    const s = await serve({
      [`GET /status-host/transactions/${REF}/status`]: { status: 200, body: STATUS_2_28 },
    })
    const result = await clientFor(s).getStatusByReference(REF)
    expect(result).toMatchObject({
      finStatus: 'CANCELLED',
      efttimestamp: 1683802873006,
      holdAmount: 1000,
    })
  })

  it('answers UNDEFINED for an unknown reference (200, not an error)', async () => {
    const s = await serve({
      [`GET /status-host/transactions/${REF}/status`]: { status: 200, body: UNDEFINED_STATUS },
    })
    await expect(clientFor(s).getStatusByReference(REF)).resolves.toEqual(UNDEFINED_STATUS)
  })

  it('reports 401 when the key does not own the reference', async () => {
    const s = await serve({ [`GET /status-host/transactions/${REF}/status`]: { status: 401 } })
    expect((await rejection<HandpointError>(clientFor(s).getStatusByReference(REF))).kind).toBe(
      'unauthorized',
    )
  })

  it.each([
    ['all', [STATUS_2_20, { ...STATUS_2_20, type: 'REVERSAL', finStatus: 'AUTHORISED' }], 2],
    ['first', STATUS_2_20, 1],
    ['last', { ...STATUS_2_20, type: 'REVERSAL' }, 1],
    [2, { ...STATUS_2_20, type: 'REVERSAL' }, 1],
  ] as const)('reads the chain with selector %s', async (selector, body, length) => {
    const s = await serve({
      [`GET /status-host/transactions/${REF}/status/${selector}`]: { status: 200, body },
    })
    const chain = await clientFor(s).getStatusChain(REF, selector)
    expect(chain).toHaveLength(length)
    expect(chain.every((r) => r.finStatus)).toBe(true)
  })

  it('throws not-found when the chain or index does not exist', async () => {
    const s = await serve({ [`GET /status-host/transactions/${REF}/status/9`]: { status: 404 } })
    expect((await rejection<HandpointError>(clientFor(s).getStatusChain(REF, 9))).kind).toBe(
      'not-found',
    )
  })

  it.each([0, -1, 1.5, Number.NaN])('refuses selector %s before any request', async (selector) => {
    const s = await serve({})
    const error = await rejection<HandpointError>(clientFor(s).getStatusChain(REF, selector))
    expect(error.kind).toBe('invalid-input')
    expect(s.requests).toHaveLength(0)
  })
})

describe('adjustTip', () => {
  it('posts the major amount as a string and accepts "tip adjusted"', async () => {
    const s = await serve({
      [`POST /transactions/${GUID}/tip-adjustment`]: {
        status: 200,
        body: { statusMessage: 'tip adjusted' },
      },
    })
    await expect(clientFor(s).adjustTip(GUID, '5.25')).resolves.toBeUndefined()
    expect(JSON.parse(s.requests[0]!.body)).toEqual({ amount: '5.25' })
  })

  it('reports the documented invalid-guid 400', async () => {
    const s = await serve({
      'POST /transactions/fake-guid/tip-adjustment': {
        status: 400,
        body: {
          error: { statusCode: 400, name: 'BadRequestError', message: 'Invalid guid [fake-guid]' },
        },
      },
    })
    const error = await rejection<HandpointError>(clientFor(s).adjustTip('fake-guid', '1.00'))
    expect(error.kind).toBe('bad-request')
    expect(error.message).toContain('Invalid guid [fake-guid]')
  })

  it.each(['0', '0.00', '5,25', '-1', '1.2345', '', '5.'])(
    'refuses %j before any request',
    async (amount) => {
      const s = await serve({})
      expect((await rejection<HandpointError>(clientFor(s).adjustTip(GUID, amount))).kind).toBe(
        'invalid-input',
      )
      expect(s.requests).toHaveLength(0)
    },
  )

  it('is never retried', async () => {
    const s = await serve({ [`POST /transactions/${GUID}/tip-adjustment`]: { status: 503 } })
    const error = await rejection<HandpointError>(clientFor(s).adjustTip(GUID, '1.00'))
    expect(error.ambiguous).toBe(true)
    expect(s.requests).toHaveLength(1)
  })
})
