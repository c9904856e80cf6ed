import { describe, expect, it } from 'vitest'
import { call, NORMAL, OTHER_KEY, post, result, run, sale, sim, until, uuid4 } from './helpers'

describe('status host: GET /transactions/{ref}/status', () => {
  it('answers 200 UNDEFINED for an unknown reference', async () => {
    const s = await sim()
    const reference = uuid4()
    const reply = await call(`${s.statusBaseUrl}/transactions/${reference}/status`)
    expect([reply.status, reply.json]).toEqual([
      200,
      { finStatus: 'UNDEFINED', transactionReference: reference, statusMessage: 'NOT FOUND' },
    ])
  })

  it('is a distinct host from the cloud API', async () => {
    const s = await sim()
    expect(s.statusBaseUrl).not.toBe(s.apiBaseUrl)
    expect((await call(`${s.apiBaseUrl}/transactions/${uuid4()}/status`)).status).toBe(404)
  })

  it('goes IN_PROGRESS at the gateway, then to the outcome', async () => {
    const s = await sim({ timeScale: 100 })
    const reference = uuid4()
    const status = async (): Promise<string> =>
      (await call(`${s.statusBaseUrl}/transactions/${reference}/status`)).json.finStatus
    // 37.68 holds the processing phase for 120 s (1.2 s here) so IN_PROGRESS is observable.
    // (UNDEFINED while the card is not read yet is covered by the 90 s rule test.)
    const accepted = await post(s, sale({ transactionReference: reference, amount: '3768' }))
    await until(() => s.terminalPhase(NORMAL.serial_number) === 'processing' || undefined)
    const inProgress = await call(`${s.statusBaseUrl}/transactions/${reference}/status`)
    expect(inProgress.json).toMatchObject({
      finStatus: 'IN_PROGRESS',
      transactionReference: reference,
      requestedAmount: 3768,
      currency: 'EUR',
    })
    expect(inProgress.json.deviceStatus).toBeUndefined()
    await result(s, accepted.json.transactionResultId)
    expect(await status()).toBe('FAILED')
    const approvedRef = uuid4()
    const approved = await run(s, sale({ transactionReference: approvedRef }))
    const view = (await call(`${s.statusBaseUrl}/transactions/${approvedRef}/status`)).json
    expect(view).toMatchObject({
      finStatus: 'AUTHORISED',
      transactionID: approved.json.transactionID,
      customerReceipt: '',
      merchantReceipt: '',
      transactionOrigin: 'CLOUD',
    })
    expect(view.efttimestamp).toMatch(/^\d{17}$/)
    expect(view.deviceStatus).toBeUndefined()
  })

  it('applies the 90 s rule: a card read after 90 s never reaches the gateway', async () => {
    let now = 1_700_000_000_000
    const s = await sim({ now: () => now, timeScale: 5 })
    s.setBehaviour(NORMAL.serial_number, 'slow-card')
    const late = uuid4()
    const accepted = await post(s, sale({ transactionReference: late }))
    expect(accepted.json.transactionResultId).toBe(`${NORMAL.serial_number}-${now}`)
    now += 89_000
    expect((await call(`${s.statusBaseUrl}/transactions/${late}/status`)).json.finStatus).toBe(
      'UNDEFINED',
    )
    now += 2_000
    const { json } = await result(s, accepted.json.transactionResultId)
    expect(json).toMatchObject({
      finStatus: 'FAILED',
      errorMessage: 'Card input timed out',
      maskedCardNumber: '',
    })
    expect((await call(`${s.statusBaseUrl}/transactions/${late}/status`)).json.finStatus).toBe(
      'UNDEFINED',
    )
    // Within 90 s the same UNDEFINED turns into a charge.
    const inTime = uuid4()
    const second = await post(s, sale({ transactionReference: inTime }))
    now += 89_000
    expect((await result(s, second.json.transactionResultId)).json.finStatus).toBe('AUTHORISED')
    expect((await call(`${s.statusBaseUrl}/transactions/${inTime}/status`)).json.finStatus).toBe(
      'AUTHORISED',
    )
  })

  it('answers 401 when the reference belongs to another merchant', async () => {
    const s = await sim()
    const reference = uuid4()
    await run(s, sale({ transactionReference: reference }))
    const reply = await call(`${s.statusBaseUrl}/transactions/${reference}/status`, {
      key: OTHER_KEY,
    })
    expect(reply.status).toBe(401)
    expect(reply.json.error.name).toBe('UnauthorizedError')
  })
})

describe('status chains: /status/{all|first|last|N}', () => {
  it('chains a reversal under the sale and shows the sale CANCELLED', async () => {
    const s = await sim()
    const reference = uuid4()
    const saleResult = await run(s, sale({ transactionReference: reference }))
    const reversal = await run(s, {
      operation: 'saleReversal',
      ...NORMAL,
      amount: '1000',
      currency: 'EUR',
      originalTransactionId: saleResult.json.transactionID,
    })
    expect(reversal.json.transactionReference).toBe(reference)
    const url = `${s.statusBaseUrl}/transactions/${reference}/status`
    const all = (await call(`${url}/all`)).json
    expect(all.map((r: { type: string; finStatus: string }) => [r.type, r.finStatus])).toEqual([
      ['SALE', 'CANCELLED'],
      ['VOID_SALE', 'AUTHORISED'],
    ])
    expect((await call(`${url}/first`)).json.transactionID).toBe(saleResult.json.transactionID)
    expect((await call(url)).json.finStatus).toBe('CANCELLED')
    expect((await call(`${url}/last`)).json.transactionID).toBe(reversal.json.transactionID)
    expect((await call(`${url}/2`)).json.type).toBe('VOID_SALE')
    expect((await call(`${url}/3`)).status).toBe(404)
    expect((await call(`${url}/0`)).status).toBe(404)
    expect((await call(`${url}/sideways`)).status).toBe(404)
  })

  it('shows a refunded sale as REFUNDED and keeps later elements as processed', async () => {
    const s = await sim()
    const reference = uuid4()
    const original = await run(s, sale({ transactionReference: reference }))
    await run(s, {
      operation: 'refund',
      ...NORMAL,
      amount: '400',
      currency: 'EUR',
      originalTransactionId: original.json.transactionID,
    })
    const all = (await call(`${s.statusBaseUrl}/transactions/${reference}/status/all`)).json
    expect(all.map((r: { finStatus: string }) => r.finStatus)).toEqual(['REFUNDED', 'AUTHORISED'])
  })

  it('answers 404 on selectors for an unknown reference', async () => {
    const s = await sim()
    const reply = await call(`${s.statusBaseUrl}/transactions/${uuid4()}/status/all`)
    expect(reply.status).toBe(404)
    expect(reply.json.error.name).toBe('NotFoundError')
  })
})

describe('polling ids under a frozen clock', () => {
  it('never gives two operations the same transactionResultId', async () => {
    const now = 1_700_000_000_000
    const s = await sim({ now: () => now })
    const first = await run(s, sale())
    const second = await post(s, sale())
    expect(second.json.transactionResultId).toBe(`${NORMAL.serial_number}-${now + 1}`)
    expect((await result(s, second.json.transactionResultId)).json.transactionID).not.toBe(
      first.json.transactionID,
    )
  })
})
