import { describe, expect, it } from 'vitest'
import { call, DEMO_API_KEY, NORMAL, OTHER_KEY, run, sale, sim, until, uuid4 } from './helpers'

describe('results and receipts', () => {
  it('shapes an approved sale like the reference example, with hosted thermal receipts', async () => {
    const s = await sim()
    const { json } = await run(
      s,
      sale({ customerReference: 'op15248', metadata: { metadata1: 'table 4' } }),
    )
    expect(json.transactionID).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(json.efttransactionID).toBe(json.transactionID)
    expect(json).toMatchObject({
      finStatus: 'AUTHORISED',
      type: 'SALE',
      issuerResponseCode: '00',
      currency: 'EUR',
      customerReference: 'op15248',
      metadata: { metadata1: 'table 4' },
      maskedCardNumber: expect.stringMatching(/^\*{12}\d{4}$/),
      recoveredTransaction: false,
      deviceStatus: expect.objectContaining({
        serialNumber: NORMAL.serial_number,
        applicationName: 'Payments',
      }),
    })
    expect(json.customerReceipt).toBe(
      `${s.receiptsBaseUrl}/receipts/${json.transactionID}/customer.html`,
    )
    expect(json.merchantReceipt).toBe(
      `${s.receiptsBaseUrl}/receipts/${json.transactionID}/merchant.html`,
    )
    const customer = await call(json.customerReceipt, { key: null })
    expect(customer.status).toBe(200)
    expect(customer.headers.get('content-type')).toContain('text/html')
    expect(customer.text).toMatch(/^<html><head>/)
    for (const id of [
      'response',
      'txn_type',
      'amount',
      'mid',
      'tid',
      'card_number',
      'entry',
      'cvm',
      'auth_code',
      'tender_type',
      'guid',
      'receipt_type_description',
    ]) {
      expect(customer.text).toContain(`id="${id}"`)
    }
    expect(customer.text).toContain('EUR 10.00')
    expect(customer.text).toContain('** CUSTOMER COPY **')
    expect((await call(json.merchantReceipt, { key: null })).text).toContain('** MERCHANT COPY **')
    expect(
      (await call(`${s.receiptsBaseUrl}/receipts/nope/customer.html`, { key: null })).status,
    ).toBe(404)
  })

  it('returns inline HTML receipts for the configured share', async () => {
    const s = await sim({ inlineReceiptShare: 1 })
    const { json } = await run(s, sale())
    expect(json.customerReceipt).toMatch(/^<html>/)
    expect(json.merchantReceipt).toContain('** MERCHANT COPY **')
  })

  it('adjusts a tip on an authorised sale and refuses bad guids and amounts', async () => {
    const s = await sim()
    const reference = uuid4()
    const { json } = await run(s, sale({ transactionReference: reference }))
    const tip = (guid: string, body: unknown): ReturnType<typeof call> =>
      call(`${s.apiBaseUrl}/transactions/${guid}/tip-adjustment`, { body })
    expect((await tip(json.transactionID, { amount: 5.25 })).json).toEqual({
      statusMessage: 'tip adjusted',
    })
    expect((await tip(json.transactionID, { amount: '2.50' })).status).toBe(200)
    const status = await call(`${s.statusBaseUrl}/transactions/${reference}/status`)
    expect(status.json).toMatchObject({ tipAmount: 250, totalAmount: 1250 })
    expect((await tip('fake-guid', { amount: 1 })).json).toEqual({
      error: { statusCode: 400, name: 'BadRequestError', message: 'Invalid guid [fake-guid]' },
    })
    expect((await tip(json.transactionID, { amount: 0 })).status).toBe(400)
    expect((await tip(json.transactionID, {})).status).toBe(422)
    expect(
      (
        await call(`${s.apiBaseUrl}/transactions/${json.transactionID}/tip-adjustment`, {
          body: { amount: 1 },
          key: OTHER_KEY,
        })
      ).status,
    ).toBe(400)
  })

  it('notifies listeners when a terminal finishes', async () => {
    const s = await sim()
    const seen: string[] = []
    const stop = s.onTerminalFinished((f) =>
      seen.push(`${f.serialNumber}:${f.finStatus}:${f.apiKey === DEMO_API_KEY}`),
    )
    await run(s, sale())
    stop()
    await run(s, sale())
    await until(() => seen.length === 1 || undefined)
    expect(seen).toEqual([`${NORMAL.serial_number}:AUTHORISED:true`])
  })
})
