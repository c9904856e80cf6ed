import { describe, expect, it } from 'vitest'
import { CAFE_TERMINALS, FRONT, final, sale, startRealLink, type RealLink } from './harness'

/**
 * The money rules reach a till as the till link's own codes, over HTTP against the simulator and
 * the real engine: a refund above what is left is 422 amount_exceeds_remaining (with what is
 * left), a reversal after a refund 409 cannot_reverse with the engine's reason, and a refund
 * above the merchant's ceiling 403 manager_approval_required (a till has no manager PIN).
 */

async function start(link: RealLink, key: string, body: object) {
  const res = await link.call('/payments', { method: 'POST', key, json: body, token: FRONT })
  return { status: res.status, body: await res.json() }
}

async function follow(link: RealLink, path: string, key: string, json?: object) {
  const res = await link.call(path, { method: 'POST', key, ...(json ? { json } : {}) })
  return { status: res.status, body: await res.json() }
}

describe('till link conformance: money rules', () => {
  it('bounds a refund by what is left and refuses a reversal after a refund', async () => {
    const link = await startRealLink()
    const p = await start(link, 'm0', sale(100, CAFE_TERMINALS[1]))
    await final(link, p.body.id)
    const tooMuch = await follow(link, `/payments/${p.body.id}/refund`, 'm1', { amount: 50_000 })
    expect(tooMuch.status).toBe(422)
    expect(tooMuch.body.error).toMatchObject({ code: 'amount_exceeds_remaining' })
    expect(JSON.stringify(tooMuch.body.error)).toContain('"remaining":100')

    const refund = await follow(link, `/payments/${p.body.id}/refund`, 'm2', { amount: 40 })
    expect(refund.status).toBe(201)
    await final(link, refund.body.id)
    const reverse = await follow(link, `/payments/${p.body.id}/reverse`, 'm3')
    expect(reverse.status).toBe(409)
    expect(reverse.body.error.code).toBe('cannot_reverse')
    expect(JSON.stringify(reverse.body.error)).toContain('already refunded')
  })

  it('answers 403 manager_approval_required above the merchant’s ceiling', async () => {
    const link = await startRealLink({
      approval: {
        ceilingOf: async () => ({ minor: '500', currency: 'EUR' }),
        checkPin: async () => ({ kind: 'wrong', attemptsLeft: 2 }),
      },
    })
    const p = await start(link, 'c0', sale(900, CAFE_TERMINALS[1]))
    await final(link, p.body.id)
    const refund = await follow(link, `/payments/${p.body.id}/refund`, 'c1', { amount: 900 })
    expect(refund.status).toBe(403)
    expect(refund.body.error.code).toBe('manager_approval_required')
    // Under the ceiling a till refunds by itself.
    const small = await follow(link, `/payments/${p.body.id}/refund`, 'c2', { amount: 500 })
    expect(small.status).toBe(201)
  })
})
