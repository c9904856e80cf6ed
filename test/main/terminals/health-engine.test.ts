import { afterEach, describe, expect, it } from 'vitest'
import { closeEngineWorld, engineWorld, NORMAL, PIN, sale } from './engine-world'

/**
 * Terminal health wired to the payment engine as the services wire it, against the simulator:
 * the battery a result reports reaches the board, a payment holds its terminal (busy here, no
 * check), and Handpoint's 1001 to a start reads as busy elsewhere.
 */
afterEach(closeEngineWorld)
const world = engineWorld
describe('terminal health and the payment engine', () => {
  it('the battery a result reports is shown; the terminal is busy here while it runs', async () => {
    const w = await world()
    w.sim.setBattery(NORMAL, { percent: 42, externalPower: 'None' })
    await w.care.start()
    const started = await w.engine.start(sale(NORMAL, '1250'))
    expect(w.view(NORMAL)?.state).toBe('busy-here')
    const done = await w.engine.waitForFinal(started.id)
    expect(done.state).toBe('approved')
    const health = w.view(NORMAL)
    expect(health?.state).toBe('online')
    expect(health?.device).toMatchObject({
      source: 'result',
      onExternalPower: false,
      appVersion: '20.4.12.1',
    })
    expect(health?.device?.batteryPercent).toBeGreaterThanOrEqual(40)
    expect(health?.device?.batteryPercent).toBeLessThanOrEqual(42)
    expect(w.care.health.historyOf('demo', NORMAL).at(-1)).toMatchObject({
      code: 'health_result',
      params: { operation: 'sale' },
    })
  })

  it('a start refused because another client is using the terminal reads busy elsewhere', async () => {
    const w = await world()
    w.sim.setBusyElsewhere(PIN, true)
    await w.care.start()
    await expect(w.engine.start(sale(PIN, '500'))).rejects.toMatchObject({ code: 'terminal_busy' })
    expect(w.view(PIN)?.state).toBe('busy-elsewhere')
    expect(w.care.health.historyOf('demo', PIN).map((e) => e.code)).toEqual(['health_refused_busy'])
  })

  it('two payments on two terminals at once, with checks running: neither is refused as busy', async () => {
    const w = await world()
    await w.care.start() // checks of every terminal are under way
    const [a, b] = await Promise.all([
      w.engine.start(sale(NORMAL, '1000')),
      w.engine.start(sale(PIN, '2000')),
    ])
    const [doneA, doneB] = await Promise.all([
      w.engine.waitForFinal(a.id),
      w.engine.waitForFinal(b.id),
    ])
    expect([doneA.state, doneB.state]).toEqual(['approved', 'approved'])
    expect(w.view(NORMAL)?.state).toBe('online')
    expect(w.view(PIN)?.state).toBe('online')
  })
})
