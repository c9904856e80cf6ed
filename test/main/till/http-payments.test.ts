import { describe, expect, it } from 'vitest'
import { CAFE_2, SHOP, sale, startFakeLink } from './support'

describe('till link over HTTP: starting payments', () => {
  it('answers health and the OpenAPI document without a token, and 401 elsewhere', async () => {
    const link = await startFakeLink()
    const health = await link.call('/health', { token: null })
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok', version: '9.9.9' })
    expect((await link.call('/openapi.json', { token: null })).status).toBe(200)
    for (const token of [null, 'not-a-real-token-at-all-xx']) {
      const res = await link.call('/terminals', { token })
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
      const body = await res.json()
      expect(body.error.code).toBe('unauthorized')
      expect(body.error.message).toMatch(/Bearer/)
      expect(body.error.details).toEqual([])
    }
  })

  it('starts a sale (201 + Location) and replays the same key with the same body (200)', async () => {
    const link = await startFakeLink()
    const first = await link.call('/payments', {
      method: 'POST',
      key: 'k-1',
      json: sale({ tillReference: 'R-1' }),
    })
    expect(first.status).toBe(201)
    const payment = await first.json()
    expect(first.headers.get('location')).toBe(`/v1/payments/${payment.id}`)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    expect(payment).toMatchObject({
      idempotencyKey: 'k-1',
      tillReference: 'R-1',
      operation: 'sale',
      terminal: '0821032398',
      amount: 1234,
      currency: 'EUR',
      state: 'in_progress',
      final: false,
      approvedAmount: null,
      card: null,
      reason: null,
    })
    const again = await link.call('/payments', {
      method: 'POST',
      key: 'k-1',
      json: sale({ tillReference: 'R-1' }),
    })
    expect(again.status).toBe(200)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect((await again.json()).id).toBe(payment.id)
    expect(link.engine.started).toBe(1)
  })

  it('refuses the same key with another body (422) and a missing or bad key (400)', async () => {
    const link = await startFakeLink()
    await link.call('/payments', { method: 'POST', key: 'k-2', json: sale() })
    const reused = await link.call('/payments', {
      method: 'POST',
      key: 'k-2',
      json: sale({ amount: 999 }),
    })
    expect(reused.status).toBe(422)
    expect((await reused.json()).error.code).toBe('idempotency_key_reused')
    for (const key of [undefined, 'has space', 'x'.repeat(256), 'ümlaut']) {
      const res = await link.call('/payments', {
        method: 'POST',
        ...(key !== undefined ? { key } : {}),
        json: sale(),
      })
      expect(res.status).toBe(400)
      expect((await res.json()).error.code).toBe('idempotency_key_required')
    }
    expect(link.engine.started).toBe(1)
  })

  it('keys are per till: another till may use the same key for its own sale', async () => {
    const link = await startFakeLink()
    const a = await link.call('/payments', { method: 'POST', key: 'same', json: sale() })
    const b = await link.call('/payments', {
      method: 'POST',
      key: 'same',
      token: CAFE_2,
      json: sale({ terminal: '1850025030' }),
    })
    expect([a.status, b.status]).toEqual([201, 201])
    expect((await a.json()).id).not.toBe((await b.json()).id)
  })

  it('explains bad fields with details [{field, problem}]', async () => {
    const link = await startFakeLink()
    const cases: [unknown, string][] = [
      [sale({ amount: 0 }), 'amount'],
      [sale({ amount: -5 }), 'amount'],
      [sale({ amount: 12.5 }), 'amount'],
      [sale({ amount: '1234' }), 'amount'],
      [sale({ currency: 'XXX' }), 'currency'],
      [sale({ currency: 'eur' }), 'currency'],
      [sale({ operation: 'steal' }), 'operation'],
      [sale({ tillReference: 'r'.repeat(65) }), 'tillReference'],
      [sale({ operation: 'refund', tip: { percentages: [10] } }), 'tip'],
      [{ operation: 'sale', terminal: '0821032398' }, 'amount'],
      [sale({ extra: true }), '(body)'],
      [[1, 2], '(body)'],
    ]
    for (const [body, field] of cases) {
      const res = await link.call('/payments', {
        method: 'POST',
        key: `bad-${field}-${Math.random()}`,
        json: body,
      })
      expect(res.status, JSON.stringify(body)).toBe(400)
      const { error } = await res.json()
      expect(error.code).toBe('invalid_request')
      expect(error.details.map((d: { field: string }) => d.field)).toContain(field)
      for (const d of error.details) expect(typeof d.problem).toBe('string')
    }
    expect(link.engine.started).toBe(0)
  })

  it('survives malformed JSON, a wrong content type and a body over 64 KiB', async () => {
    const link = await startFakeLink()
    const broken = await link.call('/payments', {
      method: 'POST',
      key: 'k-json',
      headers: { 'Content-Type': 'application/json' },
      body: '{"operation": "sale", ',
    })
    expect(broken.status).toBe(400)
    expect((await broken.json()).error.details[0].problem).toMatch(/not valid JSON/)
    const form = await link.call('/payments', {
      method: 'POST',
      key: 'k-form',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'operation=sale',
    })
    expect(form.status).toBe(415)
    const huge = await link.call('/payments', {
      method: 'POST',
      key: 'k-huge',
      json: sale({ tillReference: 'x'.repeat(70 * 1024) }),
    })
    expect(huge.status).toBe(413)
    expect((await huge.json()).error.code).toBe('payload_too_large')
    expect((await link.call('/health', { token: null })).status).toBe(200)
  })

  it('unknown terminal 404, another merchant terminal 403, busy terminal 409', async () => {
    const link = await startFakeLink()
    const unknown = await link.call('/payments', {
      method: 'POST',
      key: 'u',
      json: sale({ terminal: '123' }),
    })
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).error.code).toBe('unknown_terminal')
    const foreign = await link.call('/payments', {
      method: 'POST',
      key: 'f',
      json: sale({ terminal: '9000000001' }),
    })
    expect(foreign.status).toBe(403)
    const body = await foreign.json()
    expect(body.error.code).toBe('forbidden_terminal')
    expect(body.error.message).toMatch(/Demo Cafe/)
    // The cashier is using the terminal: the till's request is refused, not queued.
    link.engine.cashierSale('m-cafe', '0821032398')
    const busy = await link.call('/payments', { method: 'POST', key: 'b', json: sale() })
    expect(busy.status).toBe(409)
    expect((await busy.json()).error.code).toBe('terminal_busy')
    // The shop's till sees only its own terminal.
    const shop = await link.call('/payments', {
      method: 'POST',
      key: 's',
      token: SHOP,
      json: sale({ terminal: '0821032398' }),
    })
    expect(shop.status).toBe(403)
  })

  it("maps Handpoint's own busy (1001) to 409 and other refusals to a failed payment", async () => {
    const link = await startFakeLink()
    link.engine.refuse = () => Object.assign(new Error('busy'), { kind: 'terminal-busy' })
    const busy = await link.call('/payments', { method: 'POST', key: 'hb', json: sale() })
    expect(busy.status).toBe(409)
    expect((await busy.json()).error.code).toBe('terminal_busy')
    // Refused by Handpoint after it was recorded (nothing charged): the till gets the failed
    // payment, and its key finds it again.
    link.engine.refuse = () => undefined
    link.engine.refuseAfterRecord = {
      code: 'terminal_not_listening',
      params: { serial: '0821032398' },
    }
    const res = await link.call('/payments', { method: 'POST', key: 'off', json: sale() })
    expect(res.status).toBe(201)
    const payment = await res.json()
    expect(payment).toMatchObject({
      state: 'failed',
      final: true,
      approvedAmount: 0,
      reason: { code: 'terminal_not_listening' },
    })
    expect(payment.reason.message).toMatch(/not responding/)
    link.engine.refuseAfterRecord = undefined
    const again = await link.call('/payments', { method: 'POST', key: 'off', json: sale() })
    expect(again.status).toBe(200)
    expect((await again.json()).id).toBe(payment.id)
  })
})
