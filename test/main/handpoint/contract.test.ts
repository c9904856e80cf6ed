import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  HandpointError,
  createHandpointClient,
  parseTransactionResult,
  type HandpointClient,
  type TransactionInput,
  type TransactionResult,
} from '../../../src/main/handpoint'
import { DEMO_API_KEY, startSimulator, type Simulator } from '../../../src/main/simulator'
import { rejection } from './stub-server'

/**
 * The client against the built-in simulator: every operation through the polling flow, the
 * callback flow, status by reference, tip adjustment and the main error codes. Both sides
 * claim to follow the reference; this is where they have to agree.
 */

const OTHER_KEY = 'CONTRACT-OTHER-MERCHANT'
const T = {
  normal: { serialNumber: '0821032398', terminalType: 'PAXA920PRO' },
  offline: { serialNumber: '1111111111', terminalType: 'PAXA920' },
  faults: { serialNumber: '2222222222', terminalType: 'PAXA920' },
  other: { serialNumber: '3333333333', terminalType: 'PAXA920' },
}

let sim: Simulator
let client: HandpointClient

beforeAll(async () => {
  sim = await startSimulator({
    timeScale: 40,
    rateLimitPerSecond: 0,
    merchants: [
      {
        apiKey: DEMO_API_KEY,
        merchantIdAlpha: 'DemoCafe',
        terminals: [
          { ...T.normal, behaviour: 'normal' },
          { ...T.offline, behaviour: 'offline' },
          { ...T.faults, behaviour: 'normal' },
        ],
      },
      { apiKey: OTHER_KEY, merchantIdAlpha: 'OtherShop', terminals: [{ ...T.other }] },
    ],
  })
  client = clientWith(DEMO_API_KEY)
})
afterAll(async () => {
  await sim.close()
})

function clientWith(apiKey: string, extra: { timeoutMs?: number } = {}) {
  return createHandpointClient({
    apiBaseUrl: sim.apiBaseUrl,
    statusBaseUrl: sim.statusBaseUrl,
    apiKey,
    ...extra,
  })
}

/** Resolves when the terminal reports its next finished operation. */
function nextFinish(serialNumber: string, on: Simulator = sim): Promise<void> {
  return new Promise((resolve) => {
    const off = on.onTerminalFinished((f) => {
      if (f.serialNumber !== serialNumber) return
      off()
      resolve()
    })
  })
}

/** The polling flow (§5.2): 202 with a transactionResultId, 204 while running, then 200. */
async function run(input: TransactionInput): Promise<TransactionResult> {
  const finished = nextFinish(input.serialNumber)
  const accepted = await client.startTransaction(input)
  expect(accepted.statusMessage).toBe('Operation Accepted')
  expect(accepted.transactionResultId).toMatch(new RegExp(`^${input.serialNumber}-\\d{13}$`))
  const id = accepted.transactionResultId!
  let outcome = await client.getTransactionResult(id)
  if (outcome.kind === 'in-progress') {
    await finished
    outcome = await client.getTransactionResult(id)
  }
  if (outcome.kind !== 'final') throw new Error(`no result for ${input.operation}: ${outcome.kind}`)
  expect(outcome.result).not.toHaveProperty('unMaskedPan')
  return outcome.result
}

const eur = (amountMinor: string) => ({ amountMinor, currency: 'EUR' })

describe('every operation through the polling flow', () => {
  it('lists the merchant terminals', async () => {
    const devices = await client.listDevices()
    expect(devices.map((d) => d.serialNumber)).toEqual(
      expect.arrayContaining([T.normal.serialNumber, T.faults.serialNumber]),
    )
    expect(devices.map((d) => d.serialNumber)).not.toContain(T.other.serialNumber)
  })

  it('sale -> status by reference -> tip adjustment -> saleReversal -> status chain', async () => {
    const reference = randomUUID()
    const sale = await run({
      operation: 'sale',
      ...T.normal,
      ...eur('1000'),
      transactionReference: reference,
    })
    expect(sale).toMatchObject({
      finStatus: 'AUTHORISED',
      type: 'SALE',
      totalAmount: 1000,
      transactionReference: reference,
    })
    expect(sale.transactionID).toBe(sale.efttransactionID)

    await expect(client.getStatusByReference(reference)).resolves.toMatchObject({
      finStatus: 'AUTHORISED',
    })
    await expect(client.adjustTip(sale.transactionID!, '1.50')).resolves.toBeUndefined()

    const reversal = await run({
      operation: 'saleReversal',
      ...T.normal,
      ...eur('1000'),
      originalTransactionId: sale.transactionID!,
    })
    expect(reversal.finStatus).toBe('AUTHORISED')
    const chain = await client.getStatusChain(reference, 'all')
    expect(chain).toHaveLength(2)
    expect(chain[0]!.finStatus).toBe('CANCELLED')
    await expect(client.getStatusChain(reference, 'last')).resolves.toHaveLength(1)
    await expect(client.getStatusChain(reference, 2)).resolves.toHaveLength(1)
  })

  it('refund (standalone and linked) and refundReversal', async () => {
    const standalone = await run({
      operation: 'refund',
      ...T.normal,
      ...eur('300'),
      transactionReference: randomUUID(),
    })
    expect(standalone).toMatchObject({ finStatus: 'AUTHORISED', type: 'REFUND' })
    const sale = await run({ operation: 'saleAndTokenizeCard', ...T.normal, ...eur('800') })
    expect(sale.finStatus).toBe('AUTHORISED')
    expect(sale.cardToken).toBeTruthy()
    const linked = await run({
      operation: 'refund',
      ...T.normal,
      ...eur('200'),
      originalTransactionId: sale.transactionID!,
    })
    expect(linked.finStatus).toBe('AUTHORISED')
    const reversed = await run({
      operation: 'refundReversal',
      ...T.normal,
      ...eur('200'),
      originalTransactionId: linked.transactionID!,
    })
    expect(reversed.finStatus).toBe('AUTHORISED')
  })

  it('the pre-authorisation family', async () => {
    const hold = await run({
      operation: 'preAuthorization',
      ...T.normal,
      ...eur('10000'),
      transactionReference: randomUUID(),
    })
    expect(hold.finStatus).toBe('AUTHORISED')
    const original = { originalTransactionId: hold.transactionID! }
    expect(
      (
        await run({
          operation: 'preAuthorizationIncrease',
          ...T.normal,
          ...eur('2500'),
          ...original,
        })
      ).finStatus,
    ).toBe('AUTHORISED')
    expect(
      (
        await run({
          operation: 'preAuthorizationCapture',
          ...T.normal,
          ...eur('12000'),
          ...original,
        })
      ).finStatus,
    ).toBe('CAPTURED')
    expect(
      (await run({ operation: 'preAuthorizationReversal', ...T.normal, ...original })).finStatus,
    ).toBe('AUTHORISED')
    const moto = await run({ operation: 'moToPreAuthorization', ...T.normal, ...eur('5000') })
    expect(moto.finStatus).toBe('AUTHORISED')
  })

  it('the MOTO family', async () => {
    const sale = await run({
      operation: 'moToSale',
      ...T.normal,
      ...eur('4200'),
      transactionReference: randomUUID(),
    })
    expect(sale).toMatchObject({ finStatus: 'AUTHORISED', type: 'MOTO_SALE', cardEntryType: 'CNP' })
    const refund = await run({
      operation: 'moToRefund',
      ...T.normal,
      ...eur('1000'),
      originalTransactionId: sale.transactionID!,
    })
    expect(refund.finStatus).toBe('AUTHORISED')
    const reversal = await run({
      operation: 'moToReversal',
      ...T.normal,
      originalTransactionId: sale.transactionID!,
    })
    expect(reversal.finStatus).toBe('AUTHORISED')
  })

  it.each([
    [{ operation: 'tokenizeCard' } as const],
    [{ operation: 'cardPan' } as const],
    [{ operation: 'pingDevice' } as const],
    [{ operation: 'update' } as const],
    [
      {
        operation: 'printReceipt',
        receipt: '<html><body><main>Thanks</main></body></html>',
      } as const,
    ],
  ])('non-financial %o ends PROCESSED', async (op) => {
    const result = await run({ ...T.normal, ...op })
    expect(result.finStatus).toBe('PROCESSED')
  })

  it('decline and partial-approval trigger amounts', async () => {
    expect((await run({ operation: 'sale', ...T.normal, ...eur('3784') })).finStatus).toBe(
      'DECLINED',
    )
    const partial = await run({ operation: 'sale', ...T.normal, ...eur('3757') })
    expect(partial.finStatus).toBe('PARTIAL_APPROVAL')
    expect(partial.dueAmount).toBeGreaterThan(0)
  })
})

describe('a terminal in real time (2 s card wait)', () => {
  it('answers 204 while waiting for the card, 1001 to a second sale, cancels, then 1003', async () => {
    const realtime = await startSimulator({ rateLimitPerSecond: 0 })
    try {
      const c = createHandpointClient({
        apiBaseUrl: realtime.apiBaseUrl,
        statusBaseUrl: realtime.statusBaseUrl,
        apiKey: DEMO_API_KEY,
      })
      const terminal = { serialNumber: '0821032398', terminalType: 'PAXA920PRO' }
      const finished = nextFinish(terminal.serialNumber, realtime)
      const accepted = await c.startTransaction({ operation: 'sale', ...terminal, ...eur('700') })
      await expect(c.getTransactionResult(accepted.transactionResultId!)).resolves.toEqual({
        kind: 'in-progress',
      })
      const busy = await rejection<HandpointError>(
        c.startTransaction({ operation: 'sale', ...terminal, ...eur('700') }),
      )
      expect(busy).toMatchObject({
        kind: 'terminal-busy',
        terminalCode: 1001,
        httpStatus: 400,
        ambiguous: false,
      })
      await c.startTransaction({ operation: 'stopCurrentTransaction', ...terminal })
      await finished
      const outcome = await c.getTransactionResult(accepted.transactionResultId!)
      expect(outcome.kind === 'final' && outcome.result.finStatus).toBe('CANCELLED')
      const late = await rejection<HandpointError>(
        c.startTransaction({ operation: 'stopCurrentTransaction', ...terminal }),
      )
      expect(late).toMatchObject({
        kind: 'cancel-not-allowed',
        terminalCode: 1003,
        ambiguous: false,
      })
    } finally {
      await realtime.close()
    }
  })
})

describe('callback flow', () => {
  it('delivers the result to callbackUrl with AUTH-TOKEN, parsable by the client schema', async () => {
    const received: { token: string | undefined; result: TransactionResult }[] = []
    let delivered: () => void = () => {}
    const arrived = new Promise<void>((resolve) => (delivered = resolve))
    const receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      req.on('end', () => {
        received.push({
          token: req.headers['auth-token'] as string | undefined,
          result: parseTransactionResult(JSON.parse(body)),
        })
        res.writeHead(200).end()
        delivered()
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = receiver.address() as AddressInfo
      const reference = randomUUID()
      const accepted = await client.startTransaction({
        operation: 'sale',
        ...T.normal,
        ...eur('1234'),
        transactionReference: reference,
        callback: { url: `http://127.0.0.1:${port}/handpoint`, token: 'contract-token' },
      })
      expect(accepted.transactionResultId).toBeUndefined()
      await arrived
      expect(received[0]!.token).toBe('contract-token')
      expect(received[0]!.result).toMatchObject({
        finStatus: 'AUTHORISED',
        transactionReference: reference,
      })
    } finally {
      receiver.closeAllConnections()
      await new Promise<void>((resolve) => receiver.close(() => resolve()))
    }
  })
})

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
    expect(await kindOf(clientWith('NOT-A-KEY').listDevices())).toEqual({
      kind: 'forbidden',
      code: undefined,
      status: 403,
      ambiguous: false,
    })
  })

  it('1002 for an offline terminal', async () => {
    expect(
      await kindOf(client.startTransaction({ operation: 'sale', ...T.offline, ...eur('500') })),
    ).toMatchObject({ kind: 'terminal-offline', code: 1002 })
  })

  it("1004 for another merchant's terminal", async () => {
    expect(
      await kindOf(client.startTransaction({ operation: 'sale', ...T.other, ...eur('500') })),
    ).toMatchObject({ kind: 'terminal-not-assigned', code: 1004 })
  })

  it('404 for an unknown transactionResultId, UNDEFINED for an unknown reference', async () => {
    await expect(client.getTransactionResult(`${T.normal.serialNumber}-1`)).resolves.toEqual({
      kind: 'not-found',
    })
    await expect(client.getStatusByReference(randomUUID())).resolves.toMatchObject({
      finStatus: 'UNDEFINED',
    })
    expect((await kindOf(client.getStatusChain(randomUUID(), 'all'))).kind).toBe('not-found')
  })

  it("401 for another merchant's reference", async () => {
    const reference = randomUUID()
    await run({ operation: 'sale', ...T.normal, ...eur('100'), transactionReference: reference })
    expect((await kindOf(clientWith(OTHER_KEY).getStatusByReference(reference))).kind).toBe(
      'unauthorized',
    )
  })

  it('a dropped 202 is ambiguous, and the status host resolves it without a second POST', async () => {
    const reference = randomUUID()
    const finished = nextFinish(T.faults.serialNumber)
    sim.faults = { drop202: 1 }
    try {
      const error = await kindOf(
        client.startTransaction({
          operation: 'sale',
          ...T.faults,
          ...eur('900'),
          transactionReference: reference,
        }),
      )
      expect(error).toMatchObject({ kind: 'network', ambiguous: true })
    } finally {
      sim.faults = {}
    }
    await finished
    await expect(client.getStatusByReference(reference)).resolves.toMatchObject({
      finStatus: 'AUTHORISED',
    })
    expect(sim.stats().postsByReference[reference]).toBe(1)
  })

  it('a 202 slower than the timeout is an ambiguous timeout', async () => {
    const finished = nextFinish(T.faults.serialNumber)
    sim.faults = { delay202Ms: 600 }
    try {
      const error = await kindOf(
        clientWith(DEMO_API_KEY, { timeoutMs: 200 }).startTransaction({
          operation: 'sale',
          ...T.faults,
          ...eur('900'),
        }),
      )
      expect(error).toMatchObject({ kind: 'timeout', ambiguous: true })
    } finally {
      sim.faults = {}
    }
    await finished
  })

  it('500 is ambiguous on POST and retried on GET', async () => {
    sim.faults = { serverErrorRate: 1 }
    try {
      const before = sim.stats().requestsByKey[DEMO_API_KEY] ?? 0
      expect(
        await kindOf(client.startTransaction({ operation: 'pingDevice', ...T.faults })),
      ).toMatchObject({ kind: 'server', status: 500, ambiguous: true })
      expect(await kindOf(client.listDevices())).toMatchObject({ kind: 'server', ambiguous: false })
      expect((sim.stats().requestsByKey[DEMO_API_KEY] ?? 0) - before).toBe(1 + 3)
    } finally {
      sim.faults = {}
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
