import { describe, expect, it } from 'vitest'
import { RateBudget } from '../../../src/main/payments/rate-budget'

describe('per-key request budget', () => {
  it('serves the operations of one key in turn and never more than the budget per window', async () => {
    const budget = new RateBudget({ perWindow: 2, windowMs: 60 })
    const grants: { owner: string; at: number }[] = []
    const ask = async (owner: string, times: number) => {
      for (let i = 0; i < times; i += 1) {
        await budget.acquire('key', owner)
        grants.push({ owner, at: performance.now() })
      }
    }
    const begin = performance.now()
    await Promise.all([ask('a', 3), ask('b', 3), ask('c', 3)])
    expect(grants.map((g) => g.owner).join('')).toBe('abcabcabc')
    for (const g of grants) {
      const inWindow = grants.filter((o) => o.at >= g.at && o.at < g.at + 60).length
      expect(inWindow).toBeLessThanOrEqual(2)
    }
    expect(performance.now() - begin).toBeGreaterThanOrEqual(4 * 60 - 5)
    budget.close()
  })

  it('keeps keys independent and pauses one key after a 429', async () => {
    const budget = new RateBudget({ perWindow: 5, windowMs: 50 })
    budget.pause('slow', 120)
    const begin = performance.now()
    let slowAt = 0
    const slow = budget.acquire('slow', 'x').then(() => (slowAt = performance.now() - begin))
    await budget.acquire('fast', 'y')
    expect(performance.now() - begin).toBeLessThan(60)
    await slow
    expect(slowAt).toBeGreaterThanOrEqual(115)
    budget.close()
    await expect(budget.acquire('fast', 'z')).rejects.toThrow(/closed/)
  })
})
