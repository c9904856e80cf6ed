import { describe, expect, it } from 'vitest'
import { TillHttpServer } from '../../../src/main/till/http/server'
import { TillSession } from '../../../src/main/till/session'
import { FakeDirectory, FakeEngine, FakeReceipts } from './fakes'
import { SHOP, startFakeLink, TOKENS } from './support'

describe('the day close over the till link', () => {
  it("gives a business day's report as the CLI prints it", async () => {
    const link = await startFakeLink()
    const res = await link.call('/days/2026-07-14/report')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      date: '2026-07-14',
      terminals: [],
      brands: [],
      exceptions: [],
    })
    const bad = await link.call('/days/14.07.2026/report')
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_request' } })
  })

  it("closes a batch on the caller's own terminal only", async () => {
    const link = await startFakeLink()
    const res = await link.call('/terminals/1547854757/close-batch', { method: 'POST' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ state: 'closed', answer: { batchNumber: '1' } })
    expect(link.day.closes).toEqual([{ merchantId: 'm-cafe', serial: '1547854757' }])

    const other = await link.call('/terminals/1547854757/close-batch', {
      method: 'POST',
      token: SHOP,
    })
    expect(other.status).toBe(404)
    expect(await other.json()).toMatchObject({ error: { code: 'unknown_terminal' } })
    expect(link.day.closes).toHaveLength(1)
  })

  it('says the terminal is busy while its last close has no known outcome', async () => {
    const link = await startFakeLink()
    link.day.refuseNext = 'batch_close_unresolved'
    const res = await link.call('/terminals/0821032398/close-batch', { method: 'POST' })
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ error: { code: 'terminal_busy' } })
  })

  it('answers unavailable where the checkout offers no day close', async () => {
    const session = new TillSession({
      engine: new FakeEngine(),
      directory: new FakeDirectory(),
      receipts: new FakeReceipts(),
    })
    const server = new TillHttpServer({ session, authenticate: (t) => TOKENS[t], version: '1' })
    const base = await server.listen('127.0.0.1', 0)
    try {
      const res = await fetch(`${base}/days/2026-07-14/report`, {
        headers: { Authorization: `Bearer ${Object.keys(TOKENS)[0]}` },
      })
      expect(res.status).toBe(503)
      expect(await res.json()).toMatchObject({ error: { code: 'unavailable' } })
    } finally {
      await server.close()
      session.dispose()
    }
  })
})
