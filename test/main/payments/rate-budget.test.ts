import { describe, expect, it } from 'vitest'
import { RateBudget } from '../../../src/main/payments/rate-budget'

/** A request that the fake server receives `arriveAfter` ms after it is sent. */
function requestLog() {
  const arrivals: { owner: string; at: number }[] = []
  const request =
    (owner: string, arriveAfter = 0, answerAfter = 0) =>
    () =>
      new Promise<void>((resolve) => {
        setTimeout(() => {
          arrivals.push({ owner, at: performance.now() })
          setTimeout(resolve, answerAfter)
        }, arriveAfter)
      })
  const maxInWindow = (windowMs: number): number =>
    Math.max(
      0,
      ...arrivals.map((a) => arrivals.filter((o) => o.at >= a.at && o.at < a.at + windowMs).length),
    )
  return { arrivals, request, maxInWindow }
}

describe('per-key request budget', () => {
  it('serves the operations of one key in turn and never more than the budget per window', async () => {
    const budget = new RateBudget({ perWindow: 2, windowMs: 60 })
    const log = requestLog()
    const ask = async (owner: string, times: number) => {
      for (let i = 0; i < times; i += 1) await budget.send('key', owner, log.request(owner))
    }
    const begin = performance.now()
    await Promise.all([ask('a', 3), ask('b', 3), ask('c', 3)])
    expect(log.arrivals.map((g) => g.owner).join('')).toBe('abcabcabc')
    expect(log.maxInWindow(60)).toBeLessThanOrEqual(2)
    expect(performance.now() - begin).toBeGreaterThanOrEqual(3 * 60 - 5)
    budget.close()
  })

  it('counts a request from its grant until a window after its answer, so late departures cannot bunch', async () => {
    const budget = new RateBudget({ perWindow: 2, windowMs: 100 })
    const log = requestLog()
    // Some requests leave late (a stalled loop or a slow socket), others at once.
    const delays = [80, 0, 0, 60, 0, 90, 0, 0]
    await Promise.all(
      delays.map((d, i) => budget.send('key', `op${i}`, log.request(`op${i}`, d, 5))),
    )
    expect(log.arrivals).toHaveLength(delays.length)
    expect(log.maxInWindow(100)).toBeLessThanOrEqual(2)
    budget.close()
  })

  it('calls the request at the grant and passes its answer or error through', async () => {
    const budget = new RateBudget({ perWindow: 1, windowMs: 30 })
    await expect(budget.send('k', 'a', () => Promise.resolve(42))).resolves.toBe(42)
    await expect(budget.send('k', 'a', () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    )
    await expect(
      budget.send('k', 'a', () => {
        throw new Error('sync boom')
      }),
    ).rejects.toThrow('sync boom')
    budget.close()
  })

  it('keeps keys independent, pauses one key after a 429 and then runs it at one per window', async () => {
    const budget = new RateBudget({ perWindow: 5, windowMs: 50, cautiousMs: 1_000 })
    budget.pause('slow', 120)
    const begin = performance.now()
    let slowAt = 0
    const slow = budget
      .send('slow', 'x', () => Promise.resolve())
      .then(() => (slowAt = performance.now() - begin))
    await budget.send('fast', 'y', () => Promise.resolve())
    expect(performance.now() - begin).toBeLessThan(60)
    await slow
    expect(slowAt).toBeGreaterThanOrEqual(115)
    // Cautious after the 429: the next two requests of that key are a whole window apart.
    const log = requestLog()
    await Promise.all([
      budget.send('slow', 'x', log.request('x')),
      budget.send('slow', 'z', log.request('z')),
    ])
    expect(log.arrivals[1]!.at - log.arrivals[0]!.at).toBeGreaterThanOrEqual(45)
    budget.close()
    await expect(budget.send('fast', 'z', () => Promise.resolve())).rejects.toThrow(/closed/)
  })
})
