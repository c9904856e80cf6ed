import { describe, expect, it } from 'vitest'
import { RateBudget } from '../../../src/main/payments/rate-budget'

/**
 * Background requests (terminal health checks) share a key's budget with payments without ever
 * making a payment's request wait: they go only when no payment request waits, and only while a
 * slot of the window stays free.
 */
describe('per-key request budget: background priority', () => {
  it('serves every waiting payment request before a background one', async () => {
    const budget = new RateBudget({ perWindow: 1, windowMs: 30 })
    const order: string[] = []
    const mark = (name: string) => () => (order.push(name), Promise.resolve())
    await budget.send('k', 'pay0', () => Promise.resolve()) // the window is taken
    await Promise.all([
      budget.send('k', 'ping', mark('ping'), 'background'),
      budget.send('k', 'pay1', mark('pay1')),
      budget.send('k', 'pay2', mark('pay2')),
      budget.send('k', 'pay1', mark('pay1b')),
    ])
    expect(order).toEqual(['pay1', 'pay2', 'pay1b', 'ping'])
    budget.close()
  })

  it('a background request leaves a slot free: a payment arriving meanwhile goes at once', async () => {
    const budget = new RateBudget({ perWindow: 2, windowMs: 80 })
    await budget.send('k', 'pay', () => Promise.resolve()) // one slot of the window used
    let pinged = false
    const ping = budget.send('k', 'ping', () => ((pinged = true), Promise.resolve()), 'background')
    await new Promise((r) => setTimeout(r, 10))
    expect(pinged).toBe(false) // it would take the last slot
    const begin = performance.now()
    await budget.send('k', 'pay', () => Promise.resolve())
    expect(performance.now() - begin).toBeLessThan(30) // not held up by the waiting ping
    await ping
    expect(pinged).toBe(true)
    budget.close()
  })

  it('waits while payments keep the key busy, and goes once they stop', async () => {
    const budget = new RateBudget({ perWindow: 2, windowMs: 30 })
    const at: { who: string; t: number }[] = []
    const begin = performance.now()
    let polling = true
    const poller = (async () => {
      while (polling) {
        await budget.send(
          'k',
          'pay',
          () => (at.push({ who: 'pay', t: performance.now() - begin }), Promise.resolve()),
        )
      }
    })()
    const ping = budget.send(
      'k',
      'ping',
      () => (at.push({ who: 'ping', t: performance.now() - begin }), Promise.resolve()),
      'background',
    )
    await new Promise((r) => setTimeout(r, 120))
    expect(at.some((a) => a.who === 'ping')).toBe(false)
    polling = false
    await poller
    await ping
    expect(at.at(-1)?.who).toBe('ping')
    expect(budget.waiting('k')).toBe(0)
    budget.close()
  })

  it('does not count background owners as sharing the payments’ turns', async () => {
    const budget = new RateBudget({ perWindow: 1, windowMs: 50 })
    const first = budget.send('k', 'pay', () => Promise.resolve())
    void budget.send('k', 'ping', () => Promise.resolve(), 'background').catch(() => undefined)
    void budget.send('k', 'pay2', () => Promise.resolve()).catch(() => undefined)
    expect(budget.waiting('k')).toBe(1)
    await first
    budget.close()
  })

  it('closing rejects waiting background requests too', async () => {
    const budget = new RateBudget({ perWindow: 1, windowMs: 1_000 })
    await budget.send('k', 'pay', () => Promise.resolve())
    const ping = budget.send('k', 'ping', () => Promise.resolve(), 'background')
    budget.close()
    await expect(ping).rejects.toThrow(/closed/)
  })
})

describe('per-key request budget: merchants sharing one API key', () => {
  it('counts two budget keys that name the same API key as one', async () => {
    const budget = new RateBudget({
      perWindow: 1,
      windowMs: 60,
      keyOf: (merchant) => (merchant === 'kiosk' ? 'demo' : merchant),
    })
    const at: number[] = []
    const begin = performance.now()
    const mark = () => (at.push(performance.now() - begin), Promise.resolve())
    await Promise.all([budget.send('demo', 'a', mark), budget.send('kiosk', 'b', mark)])
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(55)
    budget.close()
  })
})
