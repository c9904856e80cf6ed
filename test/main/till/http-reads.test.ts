import { describe, expect, it } from 'vitest'
import { CAFE_2, ManualClock, SHOP, sale, startFakeLink, until, type FakeLink } from './support'
import { refusal } from './fakes'

async function started(link: FakeLink, key: string, extra: Record<string, unknown> = {}) {
  const res = await link.call('/payments', { method: 'POST', key, json: sale(extra) })
  expect(res.status).toBe(201)
  return (await res.json()) as { id: string; [k: string]: unknown }
}

describe('till link over HTTP: reading, waiting, cancelling', () => {
  it('GET one payment; another merchant gets 404 unknown_payment', async () => {
    const link = await startFakeLink()
    const p = await started(link, 'g1')
    const res = await link.call(`/payments/${p.id}`)
    expect(res.status).toBe(200)
    expect((await res.json()).id).toBe(p.id)
    for (const [path, token] of [
      [`/payments/${p.id}`, SHOP],
      ['/payments/nope', undefined],
    ] as const) {
      const other = await link.call(path, token ? { token } : {})
      expect(other.status).toBe(404)
      expect((await other.json()).error.code).toBe('unknown_payment')
    }
  })

  it('?wait= holds the answer until the payment is final, past outcome_unknown', async () => {
    const link = await startFakeLink()
    const p = await started(link, 'w1')
    const waiting = link.call(`/payments/${p.id}?wait=30`)
    await until(() => link.session.waiting === 1)
    link.engine.finish(p.id, 'unknown')
    await new Promise((r) => setImmediate(r))
    expect(link.session.waiting).toBe(1)
    link.engine.finish(p.id, 'approved')
    const res = await waiting
    const body = await res.json()
    expect(body).toMatchObject({
      state: 'approved',
      final: true,
      approvedAmount: 1234,
      authCode: '123456',
      card: { brand: 'Visa', last4: '0936', entry: 'chip' },
      reason: null,
    })
    expect(body.transactionId).toMatch(/^tx-/)
  })

  it('?wait= answers with the current state when the time is up, and checks its range', async () => {
    const clock = new ManualClock()
    const link = await startFakeLink({ clock })
    const p = await started(link, 'w2')
    const pending = link.call(`/payments/${p.id}?wait=5`)
    await until(() => link.session.waiting === 1)
    clock.advance(4_999)
    expect(link.session.waiting).toBe(1)
    clock.advance(1)
    const res = await pending
    expect(res.status).toBe(200)
    expect((await res.json()).state).toBe('in_progress')
    for (const wait of ['61', '-1', 'soon']) {
      const bad = await link.call(`/payments/${p.id}?wait=${wait}`)
      expect(bad.status).toBe(400)
      expect((await bad.json()).error.details[0].field).toBe('wait')
    }
  })

  it('lists by idempotency key (own till only), till reference and terminal, newest first', async () => {
    const link = await startFakeLink()
    const a = await started(link, 'l1', { tillReference: 'ORDER-7' })
    link.engine.finish(a.id, 'declined', { issuerResponseCode: '05' })
    const b = await started(link, 'l2', { tillReference: 'ORDER-7' })
    const byKey = await (await link.call('/payments?idempotencyKey=l1')).json()
    expect(byKey.payments.map((p: { id: string }) => p.id)).toEqual([a.id])
    expect(byKey.payments[0].reason).toEqual({
      code: 'declined',
      message: expect.stringMatching(/declined.*issuer code 05/),
    })
    const otherTill = await (
      await link.call('/payments?idempotencyKey=l1', { token: CAFE_2 })
    ).json()
    expect(otherTill.payments).toEqual([])
    const byRef = await (await link.call('/payments?tillReference=ORDER-7')).json()
    expect(byRef.payments.map((p: { id: string }) => p.id)).toEqual([b.id, a.id])
    // The other till of the merchant sees the payments but not this till's keys.
    const seenByBar = await (
      await link.call('/payments?terminal=0821032398&limit=1', { token: CAFE_2 })
    ).json()
    expect(seenByBar.payments).toHaveLength(1)
    expect(seenByBar.payments[0]).toMatchObject({ id: b.id, idempotencyKey: null })
    const shop = await (await link.call('/payments?tillReference=ORDER-7', { token: SHOP })).json()
    expect(shop.payments).toEqual([])
    expect((await link.call('/payments?limit=0')).status).toBe(400)
  })

  it('cancel: 202 while the terminal can stop, 409 cannot_cancel otherwise', async () => {
    const link = await startFakeLink()
    const p = await started(link, 'c1')
    const res = await link.call(`/payments/${p.id}/cancel`, { method: 'POST' })
    expect(res.status).toBe(202)
    expect((await res.json()).state).toBe('in_progress')
    expect(link.engine.cancels).toEqual(['m-cafe/0821032398'])
    link.engine.cancelAnswer = false
    const refused = await link.call(`/payments/${p.id}/cancel`, { method: 'POST' })
    expect(refused.status).toBe(409)
    expect((await refused.json()).error.code).toBe('cannot_cancel')
    link.engine.finish(p.id, 'approved')
    const late = await link.call(`/payments/${p.id}/cancel`, { method: 'POST' })
    expect(late.status).toBe(409)
  })
})

describe('till link over HTTP: refunds and reversals', () => {
  it('refund links to the original (201, originalPaymentId) and replays by key', async () => {
    const link = await startFakeLink()
    const p = await started(link, 'r0')
    link.engine.finish(p.id, 'approved')
    const res = await link.call(`/payments/${p.id}/refund`, {
      method: 'POST',
      key: 'r1',
      json: { amount: 500 },
    })
    expect(res.status).toBe(201)
    const refund = await res.json()
    expect(refund).toMatchObject({
      operation: 'refund',
      amount: 500,
      currency: 'EUR',
      originalPaymentId: p.id,
    })
    const again = await link.call(`/payments/${p.id}/refund`, {
      method: 'POST',
      key: 'r1',
      json: { amount: 500 },
    })
    expect(again.status).toBe(200)
    const other = await link.call(`/payments/${p.id}/refund`, {
      method: 'POST',
      key: 'r1',
      json: { amount: 400 },
    })
    expect(other.status).toBe(422)
    expect((await other.json()).error.code).toBe('idempotency_key_reused')
  })

  it("maps the engine's money refusals: 422 amount_exceeds_remaining, 403 manager_approval_required, 409 cannot_reverse", async () => {
    const link = await startFakeLink()
    const p = await started(link, 'm0')
    link.engine.finish(p.id, 'approved')
    link.engine.refuse = () => refusal('amount_exceeds_remaining', { remainingMinor: '734' })
    const over = await link.call(`/payments/${p.id}/refund`, {
      method: 'POST',
      key: 'm1',
      json: { amount: 2000 },
    })
    expect(over.status).toBe(422)
    const overBody = await over.json()
    expect(overBody.error.code).toBe('amount_exceeds_remaining')
    expect(overBody.error.message).toMatch(/7\.34 EUR/)
    link.engine.refuse = () => refusal('manager_approval_required')
    const manager = await link.call(`/payments/${p.id}/refund`, {
      method: 'POST',
      key: 'm2',
      json: { amount: 100 },
    })
    expect(manager.status).toBe(403)
    expect((await manager.json()).error.code).toBe('manager_approval_required')
    link.engine.refuse = () =>
      Object.assign(refusal('cannot_reverse'), { message: 'The batch was closed.' })
    const reverse = await link.call(`/payments/${p.id}/reverse`, { method: 'POST', key: 'm3' })
    expect(reverse.status).toBe(409)
    const body = await reverse.json()
    expect(body.error.code).toBe('cannot_reverse')
    expect(body.error.message).toMatch(/batch was closed/)
    // Nothing was started by any of them.
    expect(link.engine.started).toBe(1)
  })

  it('reverse of an approved sale is a sale_reversal of its amount; of a declined one, 409', async () => {
    const link = await startFakeLink()
    const p = await started(link, 'v0')
    link.engine.finish(p.id, 'approved')
    const res = await link.call(`/payments/${p.id}/reverse`, { method: 'POST', key: 'v1' })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({
      operation: 'sale_reversal',
      amount: 1234,
      originalPaymentId: p.id,
    })
    const q = await started(link, 'v2', { terminal: '1850025030' })
    link.engine.finish(q.id, 'declined')
    const refused = await link.call(`/payments/${q.id}/reverse`, { method: 'POST', key: 'v3' })
    expect(refused.status).toBe(409)
    const refund = await link.call(`/payments/${q.id}/refund`, {
      method: 'POST',
      key: 'v4',
      json: { amount: 1 },
    })
    expect(refund.status).toBe(409)
    expect((await refund.json()).error.code).toBe('cannot_refund')
    expect(
      (await link.call(`/payments/${p.id}/refund`, { method: 'POST', json: { amount: 1 } })).status,
    ).toBe(400)
  })
})

describe('till link over HTTP: terminals and receipts', () => {
  it("lists the merchant's terminals with busy / idle / offline / unknown", async () => {
    const link = await startFakeLink()
    const p = await started(link, 't1')
    const q = await started(link, 't2', { terminal: '1850025030' })
    link.engine.finish(
      q.id,
      'failed',
      {},
      {
        lastError: { code: 'terminal_not_listening', params: { serial: '1850025030' } },
        result: undefined,
      },
    )
    let list = (await (await link.call('/terminals')).json()).terminals
    expect(list).toEqual([
      { serial: '0821032398', type: 'PAXA920PRO', state: 'busy', paymentId: p.id },
      { serial: '1850025030', type: 'PAXA920PRO', state: 'offline', paymentId: null },
      { serial: '1547854757', type: 'PAXA920PRO', state: 'unknown', paymentId: null },
    ])
    link.engine.finish(p.id, 'approved')
    list = (await (await link.call('/terminals')).json()).terminals
    expect(list[0]).toMatchObject({ state: 'idle', paymentId: null })
    expect((await (await link.call('/terminals', { token: SHOP })).json()).terminals).toHaveLength(
      1,
    )
  })

  it('receipts: text at 32/42/48 columns, html as stored, 404 no_receipt, 409 receipt_not_ready', async () => {
    const link = await startFakeLink()
    const p = await started(link, 'rc')
    const early = await link.call(`/payments/${p.id}/receipts/customer`)
    expect(early.status).toBe(409)
    expect((await early.json()).error.code).toBe('receipt_not_ready')
    link.engine.finish(p.id, 'approved')
    expect((await link.call(`/payments/${p.id}/receipts/customer`)).status).toBe(409)
    const html =
      '<html><body><div class="center">Demo Cafe</div><div><span class="left">AMOUNT</span><span class="right">EUR 12.34</span></div><script>alert(1)</script></body></html>'
    link.receipts.stored.set(`${p.id}/customer`, { status: 'stored', html })
    link.receipts.stored.set(`${p.id}/merchant`, { status: 'none' })
    for (const width of [32, 42, 48]) {
      const res = await link.call(`/payments/${p.id}/receipts/customer?format=text&width=${width}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
      const lines = (await res.text()).trimEnd().split('\n')
      expect(lines.every((l) => l.length <= width)).toBe(true)
      expect(lines[1]).toBe(`AMOUNT${' '.repeat(width - 15)}EUR 12.34`)
    }
    const stored = await link.call(`/payments/${p.id}/receipts/customer?format=html`)
    expect(stored.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(stored.headers.get('content-security-policy')).toMatch(/default-src 'none'/)
    const served = await stored.text()
    expect(served).toContain('EUR 12.34')
    expect(served).not.toContain('<script')
    const none = await link.call(`/payments/${p.id}/receipts/merchant`)
    expect(none.status).toBe(404)
    expect((await none.json()).error.code).toBe('no_receipt')
    expect((await link.call(`/payments/${p.id}/receipts/customer?width=40`)).status).toBe(400)
    expect((await link.call(`/payments/${p.id}/receipts/kitchen`)).status).toBe(404)
  })
})
