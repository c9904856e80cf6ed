import { describe, expect, it } from 'vitest'
import { openSse } from '../sse'
import {
  BAR,
  CAFE_TERMINALS,
  FRONT,
  SHOP,
  SHOP_TERMINAL,
  final,
  sale,
  startRealLink,
  type RealLink,
} from './harness'

/** Conformance of every route and error code, over HTTP, against the simulator and the engine. */

/** A receipt once it is fetched: 409 receipt_not_ready is the only answer before that. */
async function receipt(link: RealLink, path: string) {
  for (let i = 0; i < 200; i += 1) {
    const res = await link.call(path)
    if (res.status !== 409) return res
    expect((await res.json()).error.code).toBe('receipt_not_ready')
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`${path} never became ready.`)
}

async function start(link: RealLink, key: string, body: object, token = FRONT) {
  const res = await link.call('/payments', { method: 'POST', key, json: body, token })
  return { status: res.status, headers: res.headers, body: await res.json() }
}

describe('till link conformance: payments', () => {
  it('a sale end to end: 201, replay 200, long-poll to approved, lists, receipts at 32/42/48', async () => {
    const link = await startRealLink()
    const first = await start(
      link,
      'sale-1',
      sale(1234, CAFE_TERMINALS[0], { tillReference: 'R-1' }),
    )
    expect(first.status).toBe(201)
    expect(first.headers.get('location')).toBe(`/v1/payments/${first.body.id}`)
    expect(first.body).toMatchObject({
      state: 'in_progress',
      final: false,
      amount: 1234,
      idempotencyKey: 'sale-1',
    })
    const replay = await start(
      link,
      'sale-1',
      sale(1234, CAFE_TERMINALS[0], { tillReference: 'R-1' }),
    )
    expect(replay.status).toBe(200)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect(replay.body.id).toBe(first.body.id)
    const done = await final(link, first.body.id)
    expect(done).toMatchObject({
      state: 'approved',
      final: true,
      approvedAmount: 1234,
      currency: 'EUR',
      card: { brand: expect.any(String), last4: expect.stringMatching(/^\d{4}$/), entry: 'chip' },
      reason: null,
    })
    expect(link.posts(first.body.transactionReference)).toBe(1)
    const byKey = await (await link.call('/payments?idempotencyKey=sale-1')).json()
    const byRef = await (await link.call('/payments?tillReference=R-1')).json()
    const byTerminal = await (
      await link.call(`/payments?terminal=${CAFE_TERMINALS[0]}&limit=1`)
    ).json()
    for (const list of [byKey, byRef, byTerminal])
      expect(list.payments.map((p: { id: string }) => p.id)).toEqual([first.body.id])
    // Receipts: not ready while being fetched, then text within the width.
    for (const copy of ['customer', 'merchant']) {
      for (const width of [32, 42, 48]) {
        const res = await receipt(
          link,
          `/payments/${first.body.id}/receipts/${copy}?format=text&width=${width}`,
        )
        expect(res.status).toBe(200)
        const lines = (await res.text()).trimEnd().split('\n')
        expect(lines.every((l) => [...l].length <= width)).toBe(true)
        expect(lines.some((l) => /^AMOUNT +EUR 12\.34$/.test(l))).toBe(true)
        expect(lines.find((l) => l.startsWith('AMOUNT'))!.length).toBe(width)
      }
    }
    const html = await link.call(`/payments/${first.body.id}/receipts/customer?format=html`)
    expect(html.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await html.text()).toMatch(/CUSTOMER COPY/)
  })

  it('refuses: 422 key reused, 400 key required / bad fields, 404 unknown terminal, 403 other merchant, 409 busy, 401', async () => {
    const link = await startRealLink()
    const a = await start(link, 'k1', sale(500))
    expect(a.status).toBe(201)
    expect((await start(link, 'k1', sale(501))).body.error.code).toBe('idempotency_key_reused')
    const noKey = await link.call('/payments', { method: 'POST', json: sale(500) })
    expect([noKey.status, (await noKey.json()).error.code]).toEqual([
      400,
      'idempotency_key_required',
    ])
    const bad = await start(link, 'k2', sale(0, CAFE_TERMINALS[1], { currency: 'XYZ' }))
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'amount',
      'currency',
    ])
    expect((await start(link, 'k3', sale(500, '123'))).body.error.code).toBe('unknown_terminal')
    expect((await start(link, 'k4', sale(500, SHOP_TERMINAL))).status).toBe(403)
    // The terminal runs the first sale: another till of the merchant is refused, not queued.
    const busy = await start(link, 'k5', sale(700), BAR)
    expect([busy.status, busy.body.error.code]).toEqual([409, 'terminal_busy'])
    expect((await link.call('/terminals', { token: 'wrong-token-0000000000' })).status).toBe(401)
    const terminals = (await (await link.call('/terminals')).json()).terminals
    expect(terminals.find((t: { serial: string }) => t.serial === CAFE_TERMINALS[0])).toMatchObject(
      {
        state: 'busy',
        paymentId: a.body.id,
      },
    )
    await final(link, a.body.id)
    expect((await link.call(`/payments/${a.body.id}`, { token: SHOP })).status).toBe(404)
    expect((await link.call('/payments/no-such-payment')).status).toBe(404)
  })

  it('cancel while the card is awaited ends cancelled; after the end it is 409 cannot_cancel', async () => {
    const link = await startRealLink()
    const p = await start(link, 'c1', sale(900, CAFE_TERMINALS[1]))
    const cancel = await link.call(`/payments/${p.body.id}/cancel`, { method: 'POST' })
    expect(cancel.status).toBe(202)
    const done = await final(link, p.body.id)
    expect(done).toMatchObject({
      state: 'cancelled',
      approvedAmount: 0,
      reason: { code: 'cancelled' },
    })
    const late = await link.call(`/payments/${p.body.id}/cancel`, { method: 'POST' })
    expect([late.status, (await late.json()).error.code]).toEqual([409, 'cannot_cancel'])
  })

  it('refund and reverse of an approved sale, linked to it; a declined one cannot be reversed', async () => {
    const link = await startRealLink()
    const p = await start(link, 'r0', sale(2000, CAFE_TERMINALS[2]))
    await final(link, p.body.id)
    const refund = await link.call(`/payments/${p.body.id}/refund`, {
      method: 'POST',
      key: 'r1',
      json: { amount: 500 },
    })
    expect(refund.status).toBe(201)
    const refunded = await final(link, (await refund.json()).id)
    expect(refunded).toMatchObject({
      operation: 'refund',
      state: 'approved',
      amount: 500,
      originalPaymentId: p.body.id,
    })
    const q = await start(link, 'r2', sale(2500, CAFE_TERMINALS[2]))
    await final(link, q.body.id)
    const reverse = await link.call(`/payments/${q.body.id}/reverse`, { method: 'POST', key: 'r3' })
    expect(reverse.status).toBe(201)
    expect(await final(link, (await reverse.json()).id)).toMatchObject({
      operation: 'sale_reversal',
      state: 'approved',
      originalPaymentId: q.body.id,
    })
    // 37.79 EUR: the simulator's issuer declines it.
    const declined = await start(link, 'r4', sale(3779, CAFE_TERMINALS[2]))
    expect(await final(link, declined.body.id)).toMatchObject({
      state: 'declined',
      reason: { code: 'declined' },
    })
    const refused = await link.call(`/payments/${declined.body.id}/reverse`, {
      method: 'POST',
      key: 'r5',
    })
    expect([refused.status, (await refused.json()).error.code]).toEqual([409, 'cannot_reverse'])
  })

  it('events: the sale as it happens, and a resume from Last-Event-ID', async () => {
    const link = await startRealLink()
    const stream = await openSse(`${link.base}/events`, { Authorization: `Bearer ${FRONT}` })
    const p = await start(link, 'e1', sale(1000, CAFE_TERMINALS[0]))
    const first = await stream.next((e) => e.event === 'payment.updated')
    expect(JSON.parse(first.data)).toMatchObject({ id: p.body.id })
    stream.close()
    await final(link, p.body.id)
    const resumed = await openSse(`${link.base}/events`, {
      Authorization: `Bearer ${FRONT}`,
      'Last-Event-ID': first.id!,
    })
    const approved = await resumed.next(
      (e) => e.event === 'payment.updated' && JSON.parse(e.data).state === 'approved',
    )
    expect(JSON.parse(approved.data).id).toBe(p.body.id)
    const idle = await resumed.next(
      (e) => e.event === 'terminal.updated' && JSON.parse(e.data).state === 'idle',
    )
    expect(JSON.parse(idle.data).serial).toBe(CAFE_TERMINALS[0])
    resumed.close()
  })
})
