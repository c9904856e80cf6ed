import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { HandpointError } from '../../../src/main/handpoint'
import {
  createHandpointClient,
  parseTransactionResult,
  type TransactionResult,
} from '../../../src/main/handpoint'
import { startSimulator } from '../../../src/main/simulator'
import { DEMO_API_KEY, T, eur, useContractSimulator } from './contract-sim'
import { rejection } from './stub-server'

/**
 * The client against the built-in simulator: every operation through the polling flow, the
 * callback flow, status by reference and tip adjustment (errors: contract-errors.test.ts).
 * Both sides claim to follow the reference; this is where they have to agree.
 */
const ctx = useContractSimulator()

describe('every operation through the polling flow', () => {
  it('lists the merchant terminals', async () => {
    const devices = await ctx.client.listDevices()
    expect(devices.map((d) => d.serialNumber)).toEqual(
      expect.arrayContaining([T.normal.serialNumber, T.faults.serialNumber]),
    )
    expect(devices.map((d) => d.serialNumber)).not.toContain(T.other.serialNumber)
  })

  it('sale -> status by reference -> tip adjustment -> saleReversal -> status chain', async () => {
    const reference = randomUUID()
    const sale = await ctx.run({
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

    await expect(ctx.client.getStatusByReference(reference)).resolves.toMatchObject({
      finStatus: 'AUTHORISED',
    })
    await expect(ctx.client.adjustTip(sale.transactionID!, '1.50')).resolves.toBeUndefined()

    const reversal = await ctx.run({
      operation: 'saleReversal',
      ...T.normal,
      ...eur('1000'),
      originalTransactionId: sale.transactionID!,
    })
    expect(reversal.finStatus).toBe('AUTHORISED')
    const chain = await ctx.client.getStatusChain(reference, 'all')
    expect(chain).toHaveLength(2)
    expect(chain[0]!.finStatus).toBe('CANCELLED')
    await expect(ctx.client.getStatusChain(reference, 'last')).resolves.toHaveLength(1)
    await expect(ctx.client.getStatusChain(reference, 2)).resolves.toHaveLength(1)
  })

  it('refund (standalone and linked) and refundReversal', async () => {
    const standalone = await ctx.run({
      operation: 'refund',
      ...T.normal,
      ...eur('300'),
      transactionReference: randomUUID(),
    })
    expect(standalone).toMatchObject({ finStatus: 'AUTHORISED', type: 'REFUND' })
    const sale = await ctx.run({ operation: 'saleAndTokenizeCard', ...T.normal, ...eur('800') })
    expect(sale.finStatus).toBe('AUTHORISED')
    expect(sale.cardToken).toBeTruthy()
    const linked = await ctx.run({
      operation: 'refund',
      ...T.normal,
      ...eur('200'),
      originalTransactionId: sale.transactionID!,
    })
    expect(linked.finStatus).toBe('AUTHORISED')
    const reversed = await ctx.run({
      operation: 'refundReversal',
      ...T.normal,
      ...eur('200'),
      originalTransactionId: linked.transactionID!,
    })
    expect(reversed.finStatus).toBe('AUTHORISED')
  })

  it('the pre-authorisation family', async () => {
    const hold = await ctx.run({
      operation: 'preAuthorization',
      ...T.normal,
      ...eur('10000'),
      transactionReference: randomUUID(),
    })
    expect(hold.finStatus).toBe('AUTHORISED')
    const original = { originalTransactionId: hold.transactionID! }
    expect(
      (
        await ctx.run({
          operation: 'preAuthorizationIncrease',
          ...T.normal,
          ...eur('2500'),
          ...original,
        })
      ).finStatus,
    ).toBe('AUTHORISED')
    expect(
      (
        await ctx.run({
          operation: 'preAuthorizationCapture',
          ...T.normal,
          ...eur('12000'),
          ...original,
        })
      ).finStatus,
    ).toBe('CAPTURED')
    expect(
      (await ctx.run({ operation: 'preAuthorizationReversal', ...T.normal, ...original }))
        .finStatus,
    ).toBe('AUTHORISED')
    const moto = await ctx.run({ operation: 'moToPreAuthorization', ...T.normal, ...eur('5000') })
    expect(moto.finStatus).toBe('AUTHORISED')
  })

  it('the MOTO family', async () => {
    const sale = await ctx.run({
      operation: 'moToSale',
      ...T.normal,
      ...eur('4200'),
      transactionReference: randomUUID(),
    })
    expect(sale).toMatchObject({ finStatus: 'AUTHORISED', type: 'MOTO_SALE', cardEntryType: 'CNP' })
    const refund = await ctx.run({
      operation: 'moToRefund',
      ...T.normal,
      ...eur('1000'),
      originalTransactionId: sale.transactionID!,
    })
    expect(refund.finStatus).toBe('AUTHORISED')
    const reversal = await ctx.run({
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
    const result = await ctx.run({ ...T.normal, ...op })
    expect(result.finStatus).toBe('PROCESSED')
  })

  it('decline and partial-approval trigger amounts', async () => {
    expect((await ctx.run({ operation: 'sale', ...T.normal, ...eur('3784') })).finStatus).toBe(
      'DECLINED',
    )
    const partial = await ctx.run({ operation: 'sale', ...T.normal, ...eur('3757') })
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
      const finished = ctx.nextFinish(terminal.serialNumber, realtime)
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
      const accepted = await ctx.client.startTransaction({
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
