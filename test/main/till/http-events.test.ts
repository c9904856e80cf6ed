import { describe, expect, it } from 'vitest'
import { CAFE, CAFE_2, SHOP, sale, startFakeLink, until, type FakeLink } from './support'
import { openSse } from './sse'

const auth = (token: string, extra: Record<string, string> = {}) => ({
  Authorization: `Bearer ${token}`,
  ...extra,
})

async function start(link: FakeLink, key: string, terminal = '0821032398'): Promise<string> {
  const res = await link.call('/payments', { method: 'POST', key, json: sale({ terminal }) })
  return ((await res.json()) as { id: string }).id
}

describe('till link over HTTP: events', () => {
  it("streams the merchant's payment and terminal events with ids", async () => {
    const link = await startFakeLink()
    const stream = await openSse(`${link.base}/events`, auth(CAFE))
    const bar = await openSse(`${link.base}/events`, auth(CAFE_2))
    const shop = await openSse(`${link.base}/events`, auth(SHOP))
    expect(stream.status).toBe(200)
    const id = await start(link, 'e1')
    const created = await stream.next((e) => e.event === 'payment.updated')
    expect(JSON.parse(created.data)).toMatchObject({
      id,
      state: 'in_progress',
      idempotencyKey: 'e1',
    })
    expect(created.id).toMatch(/^[0-9a-f]{8}\.\d+$/)
    const busy = await stream.next((e) => e.event === 'terminal.updated')
    expect(JSON.parse(busy.data)).toEqual({
      serial: '0821032398',
      type: 'PAXA920PRO',
      state: 'busy',
      paymentId: id,
    })
    link.engine.finish(id, 'approved')
    const final = await stream.next((e) => e.event === 'payment.updated')
    expect(JSON.parse(final.data)).toMatchObject({ id, state: 'approved', final: true })
    expect(JSON.parse((await stream.next((e) => e.event === 'terminal.updated')).data).state).toBe(
      'idle',
    )
    // The other till of the merchant hears it without the key; the other merchant not at all.
    const seenByBar = await bar.next((e) => e.event === 'payment.updated')
    expect(JSON.parse(seenByBar.data)).toMatchObject({ id, idempotencyKey: null })
    await start(link, 's1', '9000000001').catch(() => undefined)
    expect(shop.events).toEqual([])
    for (const s of [stream, bar, shop]) s.close()
  })

  it('resumes after Last-Event-ID with exactly what was missed', async () => {
    const link = await startFakeLink()
    const first = await openSse(`${link.base}/events`, auth(CAFE))
    const id = await start(link, 'r1')
    const seen = await first.next()
    first.close()
    link.engine.finish(id, 'in-progress')
    link.engine.finish(id, 'approved')
    const resumed = await openSse(`${link.base}/events`, auth(CAFE, { 'Last-Event-ID': seen.id! }))
    const missed = [
      await resumed.next(),
      await resumed.next(),
      await resumed.next(),
      await resumed.next(),
    ]
    expect(missed.map((e) => e.event)).toEqual([
      'terminal.updated',
      'payment.updated',
      'payment.updated',
      'terminal.updated',
    ])
    expect(JSON.parse(missed[2]!.data).state).toBe('approved')
    const ids = missed.map((e) => Number(e.id!.split('.')[1]))
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    resumed.close()
  })

  it('an id it cannot resume from gets the current state of running payments and terminals', async () => {
    const link = await startFakeLink()
    const id = await start(link, 'o1')
    const stream = await openSse(
      `${link.base}/events`,
      auth(CAFE, { 'Last-Event-ID': 'deadbeef.3' }),
    )
    const payment = await stream.next((e) => e.event === 'payment.updated')
    expect(JSON.parse(payment.data)).toMatchObject({ id, state: 'in_progress' })
    const terminals = [1, 2, 3].map(() => stream.next((e) => e.event === 'terminal.updated'))
    expect((await Promise.all(terminals)).map((e) => JSON.parse(e.data).serial).sort()).toEqual([
      '0821032398',
      '1547854757',
      '1850025030',
    ])
    stream.close()
  })

  it('allows 8 open streams or long-polls per token (429 too_many_streams), and revoking ends them', async () => {
    const link = await startFakeLink()
    const id = await start(link, 'l1')
    const streams = await Promise.all(
      Array.from({ length: 7 }, () => openSse(`${link.base}/events`, auth(CAFE))),
    )
    const poll = link.call(`/payments/${id}?wait=60`)
    await until(() => link.session.waiting === 1)
    const ninth = await link.call('/events')
    expect(ninth.status).toBe(429)
    expect(ninth.headers.get('retry-after')).toBe('1')
    expect((await ninth.json()).error.code).toBe('too_many_streams')
    const tenth = await link.call(`/payments/${id}?wait=5`)
    expect(tenth.status).toBe(429)
    // Another till of the same merchant has its own allowance.
    const other = await openSse(`${link.base}/events`, auth(CAFE_2))
    expect(other.status).toBe(200)
    link.server.dropTill('till-1')
    await Promise.all(streams.map((s) => s.ended))
    await expect(poll).rejects.toThrow()
    expect(link.session.waiting).toBe(0)
    const again = await openSse(`${link.base}/events`, auth(CAFE))
    expect(again.status).toBe(200)
    again.close()
    other.close()
  })
})
