import { describe, expect, it } from 'vitest'
import { DEMO_MERCHANTS, startSimulator } from '../../../src/main/simulator/index'
import { call, NORMAL, OTHER, OTHER_KEY, post, result, run, sale, sim, uuid4 } from './helpers'

describe('simulator defaults and options', () => {
  it('serves the demo merchant with three terminals of different behaviours by default', async () => {
    const s = await sim({ merchants: undefined })
    const devices = await call(`${s.apiBaseUrl}/devices`)
    expect(devices.json.map((d: { serial_number: string }) => d.serial_number)).toEqual(
      DEMO_MERCHANTS[0]!.terminals.map((t) => t.serialNumber),
    )
    expect(new Set(DEMO_MERCHANTS[0]!.terminals.map((t) => t.behaviour)).size).toBe(3)
    expect(s.apiBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(new Set([s.apiBaseUrl, s.statusBaseUrl, s.receiptsBaseUrl]).size).toBe(3)
  })

  it('refuses a non-positive timeScale and a serial number listed twice', async () => {
    await expect(startSimulator({ timeScale: 0 })).rejects.toThrow(/timeScale/)
    const twice = [
      {
        apiKey: 'a',
        merchantIdAlpha: 'A',
        terminals: [{ serialNumber: '1' }, { serialNumber: '1' }],
      },
    ]
    await expect(startSimulator({ merchants: twice })).rejects.toThrow(/listed twice/)
  })
})

describe('simulator cloud host: keys and devices', () => {
  it('lists the devices on /initialize and /devices, whatever the header spelling', async () => {
    const s = await sim()
    const viaDocSpelling = await call(`${s.apiBaseUrl}/initialize`, { headerName: 'ApiKeyCLoud' })
    const viaDevices = await call(`${s.apiBaseUrl}/devices`, { headerName: 'apikeycloud' })
    expect(viaDocSpelling.status).toBe(200)
    expect(viaDevices.json).toEqual(viaDocSpelling.json)
    expect(viaDocSpelling.json).toHaveLength(3)
    expect(viaDocSpelling.json[0]).toEqual({
      merchant_id_alpha: 'DemoCafe',
      serial_number: NORMAL.serial_number,
      ssk: expect.stringMatching(/^[0-9A-F]{26}$/),
      terminal_type: NORMAL.terminal_type,
    })
    const other = await call(`${s.apiBaseUrl}/initialize`, { key: OTHER_KEY })
    expect(other.json.map((d: { serial_number: string }) => d.serial_number)).toEqual([
      OTHER.serial_number,
    ])
  })

  it('answers 403 ForbiddenError for an unknown or missing key on every host', async () => {
    const s = await sim()
    const forbidden = {
      error: { statusCode: 403, name: 'ForbiddenError', message: 'No valid key found in header' },
    }
    expect((await call(`${s.apiBaseUrl}/initialize`, { key: 'nope' })).json).toEqual(forbidden)
    expect((await call(`${s.apiBaseUrl}/transactions`, { key: null, body: sale() })).status).toBe(
      403,
    )
    const status = await call(`${s.statusBaseUrl}/transactions/${uuid4()}/status`, { key: 'nope' })
    expect([status.status, status.json]).toEqual([403, forbidden])
  })

  it('answers 404 NotFoundError for an unknown route', async () => {
    const s = await sim()
    const reply = await call(`${s.apiBaseUrl}/nothing-here`)
    expect(reply.status).toBe(404)
    expect(reply.json.error).toMatchObject({ statusCode: 404, name: 'NotFoundError' })
  })
})

describe('POST /transactions validation', () => {
  it('gives 422 VALIDATION_FAILED with AJV-style paths for schema violations', async () => {
    const s = await sim()
    const reply = await post(s, { serial_number: 1234, amount: 1000, tipConfiguration: {} })
    expect(reply.status).toBe(422)
    expect(reply.json.error).toMatchObject({
      statusCode: 422,
      name: 'UnprocessableEntityError',
      code: 'VALIDATION_FAILED',
    })
    expect(reply.json.error.message).toBe(
      'The request body is invalid. See error object `details` property for more info.',
    )
    expect(reply.json.error.details).toEqual(
      expect.arrayContaining([
        {
          path: '',
          code: 'required',
          message: "must have required property 'operation'",
          info: { missingProperty: 'operation' },
        },
        {
          path: '',
          code: 'required',
          message: "must have required property 'terminal_type'",
          info: { missingProperty: 'terminal_type' },
        },
        {
          path: '/serial_number',
          code: 'type',
          message: 'must be string',
          info: { type: 'string' },
        },
        { path: '/amount', code: 'type', message: 'must be string', info: { type: 'string' } },
        {
          path: '/tipConfiguration',
          code: 'required',
          message: "must have required property 'tipPercentages'",
          info: { missingProperty: 'tipPercentages' },
        },
      ]),
    )
    const enumReply = await post(s, sale({ operation: 'teleport' }))
    expect(enumReply.json.error.details[0]).toMatchObject({ path: '/operation', code: 'enum' })
    expect((await post(s, [])).json.error.details[0]).toMatchObject({
      path: '',
      code: 'type',
      message: 'must be object',
    })
  })

  it('gives 400 with a plain string for semantic errors', async () => {
    const s = await sim()
    const message = async (body: Record<string, unknown>): Promise<unknown> => {
      const reply = await post(s, body)
      expect(reply.status).toBe(400)
      expect(reply.json.error.name).toBe('BadRequestError')
      return reply.json.error.message
    }
    expect(await message(sale({ amount: '0' }))).toBe('Invalid amount (0 < amount < 999999999999)')
    expect(await message(sale({ amount: '1234567890123' }))).toBe(
      'Invalid amount (0 < amount < 999999999999)',
    )
    expect(await message(sale({ amount: '10.00' }))).toBe(
      'Invalid amount (0 < amount < 999999999999)',
    )
    expect(await message(sale({ amount: undefined }))).toBe(
      'amount and currency are required for operation sale',
    )
    expect(await message(sale({ currency: 'XYZ' }))).toBe('Invalid currency [XYZ]')
    // Version nibble 1 is a UUID, but not a v4.
    expect(
      await message(sale({ transactionReference: '01236fc0-8192-11eb-9aca-ad4b0e95f241' })),
    ).toBe('TransactionReference with wrong uuidv4 format [01236fc0-8192-11eb-9aca-ad4b0e95f241]')
    expect(await message(sale({ callbackUrl: 'https://pos.example/hook' }))).toBe(
      'token is required when callbackUrl is present',
    )
    expect(
      await message({ operation: 'saleReversal', ...NORMAL, amount: '1000', currency: 'EUR' }),
    ).toBe('originalTransactionId is required for operation saleReversal')
    expect(await message({ operation: 'printReceipt', ...NORMAL })).toBe(
      'receipt is required for operation printReceipt',
    )
    expect((await post(s, '{"operation":')).status).toBe(400)
  })

  it('refuses terminals of another merchant or with the wrong type with 1004', async () => {
    const s = await sim()
    const terminalError = (code: number, message: string): unknown => ({
      error: { statusCode: 400, name: 'BadRequestError', message: { error: code, message } },
    })
    const notOwned = terminalError(1004, 'Auth not available: [object Object]')
    expect((await post(s, sale(OTHER))).json).toEqual(notOwned)
    expect((await post(s, sale({ terminal_type: 'PAXA910S' }))).json).toEqual(notOwned)
    expect((await post(s, sale({ serial_number: '0000000000' }))).json).toEqual(notOwned)
  })

  it('answers 1002 for an offline terminal and 1001 while a terminal is busy', async () => {
    const s = await sim({ timeScale: 2 })
    s.setBehaviour(NORMAL.serial_number, 'offline')
    expect((await post(s, sale())).json.error.message).toEqual({
      error: 1002,
      message: 'No device listening at the other end of the secure channel',
    })
    s.setBehaviour(NORMAL.serial_number, 'normal')
    expect((await post(s, sale())).status).toBe(202)
    const busy = await post(s, sale())
    expect(busy.status).toBe(400)
    expect(busy.json).toEqual({
      error: {
        statusCode: 400,
        name: 'BadRequestError',
        message: { error: 1001, message: 'The device is busy' },
      },
    })
  })

  it('accepts the Postman spelling motoSale as the documented moToSale', async () => {
    const s = await sim()
    const done = await run(s, sale({ operation: 'motoSale' }))
    expect(done.json).toMatchObject({
      type: 'MOTO_SALE',
      paymentScenario: 'MOTO',
      cardEntryType: 'CNP',
    })
  })
})

describe('202 bodies and polling', () => {
  it('returns the polling body with <serial>-<epoch ms>, 204 with an empty body, then the result', async () => {
    let now = 1_628_774_190_395
    const s = await sim({ now: () => now, timeScale: 2 })
    const reference = uuid4()
    const accepted = await post(s, sale({ transactionReference: reference }))
    expect(accepted.status).toBe(202)
    expect(accepted.text).toBe(
      `{"transactionResultId":"0821032398-1628774190395","statusMessage":"Operation Accepted","transactionReference":"${reference}"}`,
    )
    const running = await call(
      `${s.apiBaseUrl}/transaction-result/${accepted.json.transactionResultId}`,
    )
    expect([running.status, running.text]).toEqual([204, ''])
    now += 5_000
    const done = await result(s, accepted.json.transactionResultId)
    expect(done.json).toMatchObject({
      finStatus: 'AUTHORISED',
      transactionReference: reference,
      requestedAmount: 1000,
      totalAmount: 1000,
      efttimestamp: now,
    })
    // Still there when asked again.
    expect(
      (await call(`${s.apiBaseUrl}/transaction-result/${accepted.json.transactionResultId}`))
        .status,
    ).toBe(200)
  })

  it('returns the callback-mode body without transactionResultId', async () => {
    const s = await sim()
    const accepted = await post(s, sale({ callbackUrl: 'http://127.0.0.1:9/hook', token: 't0k3n' }))
    expect(accepted.status).toBe(202)
    expect(accepted.text).toBe('{"statusMessage":"Operation Accepted"}')
  })

  it('answers 404 for unknown ids and for ids of another merchant', async () => {
    const s = await sim()
    expect((await call(`${s.apiBaseUrl}/transaction-result/0821032398-1`)).status).toBe(404)
    const accepted = await post(s, sale())
    const foreign = await call(
      `${s.apiBaseUrl}/transaction-result/${accepted.json.transactionResultId}`,
      { key: OTHER_KEY },
    )
    expect(foreign.status).toBe(404)
    expect(foreign.json.error.name).toBe('NotFoundError')
  })
})
