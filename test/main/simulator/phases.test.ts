import { describe, expect, it } from 'vitest'
import type { OperationType } from '../../../src/main/handpoint/types'
import { call, NORMAL, PIN, post, result, run, sale, SIGNATURE, sim, until } from './helpers'

const stop = (terminal = NORMAL): Record<string, unknown> => ({
  operation: 'stopCurrentTransaction',
  ...terminal,
})

describe('terminal phases and the cancel window', () => {
  it('cancels while waiting for the card: 202 for the stop, CANCELLED for the sale', async () => {
    const s = await sim({ timeScale: 2 })
    const accepted = await post(s, sale())
    expect(s.terminalPhase(NORMAL.serial_number)).toBe('waiting-for-card')
    const stopped = await post(s, stop())
    expect(stopped.status).toBe(202)
    const cancelled = await result(s, accepted.json.transactionResultId)
    expect(cancelled.json).toMatchObject({
      finStatus: 'CANCELLED',
      type: 'SALE',
      maskedCardNumber: '',
      customerReceipt: '',
      totalAmount: 0,
    })
    expect((await result(s, stopped.json.transactionResultId)).json).toMatchObject({
      type: 'CANCEL_TRX',
    })
    expect(s.terminalPhase(NORMAL.serial_number)).toBeUndefined()
  })

  it('cancels on the PIN screen, goes through PIN then processing on a PIN terminal', async () => {
    // timeScale 2: the PIN screen stays up 1.5 s, ample time for the stop to land on it.
    const s = await sim({ timeScale: 2 })
    const accepted = await post(s, sale(PIN))
    await until(() => s.terminalPhase(PIN.serial_number) === 'pin' || undefined)
    expect((await post(s, stop(PIN))).status).toBe(202)
    expect((await result(s, accepted.json.transactionResultId)).json.finStatus).toBe('CANCELLED')
    const fast = await sim()
    const approved = await run(fast, sale(PIN))
    expect(approved.json).toMatchObject({
      finStatus: 'AUTHORISED',
      verificationMethod: 'PIN',
      cardEntryType: 'ICC',
      paymentScenario: 'CHIP',
    })
  })

  it('refuses the stop with 1003 while processing, and when nothing runs', async () => {
    const s = await sim({ timeScale: 100 })
    const notAllowed = {
      error: {
        statusCode: 400,
        name: 'BadRequestError',
        message: { error: 1003, message: 'Cancel operation not allowed' },
      },
    }
    expect((await post(s, stop())).json).toEqual(notAllowed)
    // 37.68 keeps the host silent for 120 s (1.2 s here): a long processing phase to aim at.
    const accepted = await post(s, sale({ amount: '3768' }))
    await until(() => s.terminalPhase(NORMAL.serial_number) === 'processing' || undefined)
    expect((await post(s, stop())).json).toEqual(notAllowed)
    expect((await result(s, accepted.json.transactionResultId)).json).toMatchObject({
      finStatus: 'FAILED',
      errorMessage: 'Request timeout: no answer from the host',
    })
  })

  it('asks for a signature after processing on a signature terminal and hosts the image', async () => {
    const s = await sim({ timeScale: 10 })
    const accepted = await post(s, sale(SIGNATURE))
    await until(() => s.terminalPhase(SIGNATURE.serial_number) === 'signature' || undefined)
    expect((await post(s, stop(SIGNATURE))).json.error.message.error).toBe(1003)
    const { json } = await result(s, accepted.json.transactionResultId)
    expect(json).toMatchObject({ finStatus: 'AUTHORISED', verificationMethod: 'SIGNATURE' })
    expect(json.signatureUrl).toBe(
      `${s.receiptsBaseUrl}/receipts/${json.transactionID}/signature.svg`,
    )
    const image = await call(json.signatureUrl, { key: null })
    expect(image.headers.get('content-type')).toBe('image/svg+xml')
  })

  it('keeps a slow-card terminal on the card screen longer than a normal one', async () => {
    const s = await sim({ timeScale: 10 })
    s.setBehaviour(NORMAL.serial_number, 'slow-card')
    const started = Date.now()
    await run(s, sale())
    // 9 s card + 1.5 s processing at timeScale 10.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
  })
})

describe('sandbox trigger amounts', () => {
  it.each([
    ['3779', 'EUR', '01', 'Refer to card issuer'],
    ['3784', 'EUR', '05', 'Not authorised'],
    ['3793', 'USD', '04', 'Pick up card'],
    ['37790', 'KWD', '01', 'Refer to card issuer'],
  ])('declines %s %s with issuer code %s', async (amount, currency, code, text) => {
    const s = await sim()
    const { json } = await run(s, sale({ amount, currency }))
    expect(json).toMatchObject({
      finStatus: 'DECLINED',
      issuerResponseCode: code,
      statusMessage: text,
      totalAmount: 0,
      authorisationCode: '',
    })
  })

  it('partially approves 37.57 with the remainder in dueAmount', async () => {
    const s = await sim()
    const { json } = await run(s, sale({ amount: '3757', currency: 'USD' }))
    expect(json.finStatus).toBe('PARTIAL_APPROVAL')
    expect(json.totalAmount).toBeLessThan(3757)
    expect(json.totalAmount + json.dueAmount).toBe(3757)
  })

  it('fails 37.41 and approves any other amount, also 3779 JPY (no decimals: not a trigger)', async () => {
    const s = await sim()
    expect((await run(s, sale({ amount: '3741' }))).json).toMatchObject({
      finStatus: 'FAILED',
      errorMessage: 'Processing error',
    })
    expect((await run(s, sale({ amount: '3779', currency: 'JPY' }))).json.finStatus).toBe(
      'AUTHORISED',
    )
  })
})

describe('the 19 operations', () => {
  const expected: Record<OperationType, { finStatus: string; type: string }> = {
    sale: { finStatus: 'AUTHORISED', type: 'SALE' },
    saleAndTokenizeCard: { finStatus: 'AUTHORISED', type: 'SALE' },
    refund: { finStatus: 'AUTHORISED', type: 'REFUND' },
    refundReversal: { finStatus: 'AUTHORISED', type: 'VOID_REFUND' },
    saleReversal: { finStatus: 'AUTHORISED', type: 'VOID_SALE' },
    tokenizeCard: { finStatus: 'PROCESSED', type: 'TOKENIZE_CARD' },
    printReceipt: { finStatus: 'PROCESSED', type: 'UNDEFINED' },
    update: { finStatus: 'PROCESSED', type: 'UNDEFINED' },
    cardPan: { finStatus: 'PROCESSED', type: 'CARD_PAN' },
    pingDevice: { finStatus: 'PROCESSED', type: 'UNDEFINED' },
    stopCurrentTransaction: { finStatus: 'PROCESSED', type: 'CANCEL_TRX' },
    moToSale: { finStatus: 'AUTHORISED', type: 'MOTO_SALE' },
    moToRefund: { finStatus: 'AUTHORISED', type: 'MOTO_REFUND' },
    moToReversal: { finStatus: 'AUTHORISED', type: 'MOTO_REVERSAL' },
    moToPreAuthorization: { finStatus: 'AUTHORISED', type: 'PRE_AUTHORIZATION' },
    preAuthorization: { finStatus: 'AUTHORISED', type: 'PRE_AUTHORIZATION' },
    preAuthorizationIncrease: { finStatus: 'AUTHORISED', type: 'PRE_AUTHORIZATION_INCREASE' },
    preAuthorizationCapture: { finStatus: 'CAPTURED', type: 'PRE_AUTHORIZATION_CAPTURE' },
    preAuthorizationReversal: { finStatus: 'AUTHORISED', type: 'REVERSAL' },
  }
  const money = { amount: '2500', currency: 'EUR' }

  it('runs every operation with its documented result', async () => {
    const s = await sim()
    const id = async (operation: string): Promise<string> =>
      (await run(s, { operation, ...NORMAL, ...money })).json.transactionID
    const originals: Partial<Record<OperationType, () => Promise<string>>> = {
      saleReversal: () => id('sale'),
      refundReversal: () => id('refund'),
      moToReversal: () => id('moToSale'),
      preAuthorizationIncrease: () => id('preAuthorization'),
      preAuthorizationCapture: () => id('preAuthorization'),
      preAuthorizationReversal: () => id('preAuthorization'),
    }
    for (const [operation, outcome] of Object.entries(expected) as [
      OperationType,
      { finStatus: string; type: string },
    ][]) {
      if (operation === 'stopCurrentTransaction') continue
      const body: Record<string, unknown> = { operation, ...NORMAL, ...money }
      if (originals[operation]) body.originalTransactionId = await originals[operation]!()
      if (operation === 'printReceipt') body.receipt = '<html><body>Hello</body></html>'
      const { json } = await run(s, body)
      expect({ operation, finStatus: json.finStatus, type: json.type }).toEqual({
        operation,
        ...outcome,
      })
      if (body.originalTransactionId)
        expect(json.originalEFTTransactionID).toBe(body.originalTransactionId)
      if (operation === 'saleAndTokenizeCard' || operation === 'tokenizeCard')
        expect(json.cardToken).not.toBe('')
      if (operation === 'cardPan') expect(json.unMaskedPan).toMatch(/^\d{16}$/)
    }
    const runningSale = await post(s, sale())
    const stopped = await run(s, stop())
    expect(stopped.json).toMatchObject(expected.stopCurrentTransaction)
    expect((await result(s, runningSale.json.transactionResultId)).json.finStatus).toBe('CANCELLED')
  })

  it('fails a linked operation whose original is unknown and declines a second capture', async () => {
    const s = await sim()
    const unknown = await run(s, {
      operation: 'saleReversal',
      ...NORMAL,
      ...money,
      originalTransactionId: '01236fc0-8192-11eb-9aca-ad4b0e95f241',
    })
    expect(unknown.json).toMatchObject({
      finStatus: 'FAILED',
      errorMessage: 'Original transaction not found',
    })
    const preAuth = (await run(s, { operation: 'preAuthorization', ...NORMAL, ...money })).json
      .transactionID
    const capture = {
      operation: 'preAuthorizationCapture',
      ...NORMAL,
      ...money,
      originalTransactionId: preAuth,
    }
    expect((await run(s, capture)).json.finStatus).toBe('CAPTURED')
    expect((await run(s, capture)).json.finStatus).toBe('DECLINED')
  })

  it('accepts a negative preAuthorizationIncrease (a decrease) but no negative sale', async () => {
    const s = await sim()
    const preAuth = (await run(s, { operation: 'preAuthorization', ...NORMAL, ...money })).json
      .transactionID
    const decrease = await run(s, {
      operation: 'preAuthorizationIncrease',
      ...NORMAL,
      amount: '-500',
      currency: 'EUR',
      originalTransactionId: preAuth,
    })
    expect(decrease.json.finStatus).toBe('AUTHORISED')
    expect((await post(s, sale({ amount: '-500' }))).status).toBe(400)
  })

  it('spreads the card time when asked, as customers do; fixed times otherwise', async () => {
    const durations = async (options: Parameters<typeof sim>[0]): Promise<number[]> => {
      const s = await sim({ timeScale: 1000, ...options })
      const finished: number[] = []
      s.onTerminalFinished((f) => finished.push(f.at))
      const times: number[] = []
      for (let i = 0; i < 6; i += 1) {
        const start = Date.now()
        await run(s, sale())
        times.push(finished[i]! - start)
      }
      return times
    }
    // 3.5 s of terminal time is 3.5 ms here; the customer adds up to 200 ms.
    const spread = await durations({ cardTimeSpreadMs: 200_000 })
    expect(Math.max(...spread) - Math.min(...spread)).toBeGreaterThan(50)
    for (const ms of spread) expect(ms).toBeLessThan(1_000)
    const range = (values: number[]): number => Math.max(...values) - Math.min(...values)
    expect(range(await durations({}))).toBeLessThan(range(spread))
  })
})
