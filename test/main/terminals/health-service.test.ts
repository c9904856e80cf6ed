import { afterEach, describe, expect, it } from 'vitest'
import { RateBudget } from '../../../src/main/payments/rate-budget'
import { A, B, VT, healthWorld, settle, terminalsOf } from './support'

const MINUTE = 60_000
let dispose: (() => void) | undefined
afterEach(() => dispose?.())

function world(...args: Parameters<typeof healthWorld>) {
  const w = healthWorld(...args)
  dispose = () => w.service.dispose()
  return w
}

describe('terminal health: checks at start-up and on the schedule', () => {
  it('checks every physical terminal once at start-up; the virtual terminal is never pinged', async () => {
    const w = world()
    expect(w.service.board('m1').map((t) => t.state)).toEqual([])
    await w.service.start()
    await settle()
    expect(w.pings.map((p) => p.serial).sort()).toEqual([A, B])
    expect(w.stateOf(A)).toBe('online')
    expect(w.stateOf(VT)).toBe('virtual')
    expect(w.service.view('m1', VT)?.nextCheckAt).toBeUndefined()
    // Every check went through the merchant key's budget, as this terminal's own owner.
    expect(w.budget.sent).toEqual(
      expect.arrayContaining([
        { key: 'm1', owner: `health:${A}` },
        { key: 'm1', owner: `health:${B}` },
      ]),
    )
  })

  it('shows "unchecked" until the first answer, and "checking" while it is under way', async () => {
    const w = world({
      ping: () => new Promise(() => {}), // never answers
    })
    await w.service.start()
    const a = w.service.view('m1', A)
    expect(a?.state).toBe('unchecked')
    expect(a?.checking).toBe(true)
    expect(a?.lastSeenAt).toBeUndefined()
  })

  it('checks each terminal at most once per minute', async () => {
    const w = world()
    await w.service.start()
    await w.clock.advance(MINUTE - 1)
    expect(w.pingsOf(A)).toBe(1)
    await w.clock.advance(1)
    expect(w.pingsOf(A)).toBe(2)
    await w.clock.advance(10 * MINUTE)
    expect(w.pingsOf(A)).toBe(12)
    const gaps = w.pings
      .filter((p) => p.serial === A)
      .map((p, i, all) => (i === 0 ? MINUTE : p.at - all[i - 1]!.at))
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MINUTE)
  })

  it('refuses a period shorter than a minute', async () => {
    const w = world({ periodMs: 1_000 })
    await w.service.start()
    await w.clock.advance(59_000)
    expect(w.pingsOf(A)).toBe(1)
  })

  it('a result from the terminal counts as news: the next check waits a period from it', async () => {
    const w = world()
    await w.service.start()
    await w.clock.advance(30_000)
    w.service.observe('m1', A, { kind: 'operation-started' })
    w.service.observe('m1', A, { kind: 'operation-accepted' })
    w.service.observe('m1', A, {
      kind: 'operation-ended',
      outcome: { kind: 'answered', operation: 'sale' },
    })
    await w.clock.advance(MINUTE - 1) // t = 90 s - 1
    expect(w.pingsOf(A)).toBe(1)
    expect(w.pingsOf(B)).toBe(2)
    await w.clock.advance(1)
    expect(w.pingsOf(A)).toBe(2)
  })

  it('never checks a terminal while this checkout runs an operation on it', async () => {
    const w = world()
    await w.service.start()
    w.busy.add(A)
    w.service.observe('m1', A, { kind: 'operation-started' })
    await w.clock.advance(5 * MINUTE)
    expect(w.pingsOf(A)).toBe(1)
    expect(w.stateOf(A)).toBe('busy-here')
    expect(w.service.view('m1', A)?.nextCheckAt).toBeUndefined()
    // Ended without a word from the terminal: back to what it was, and checked when due.
    w.busy.delete(A)
    w.service.observe('m1', A, { kind: 'operation-ended', outcome: { kind: 'no-answer' } })
    expect(w.stateOf(A)).toBe('online')
    await w.clock.advance(0)
    expect(w.pingsOf(A)).toBe(2)
  })

  it('calls off a check still waiting for the budget when the terminal gets busy here', async () => {
    const grants: (() => void)[] = []
    const w = world({
      budget: {
        send: (_key, _owner, request) =>
          new Promise((resolve, reject) => grants.push(() => request().then(resolve, reject))),
      },
    })
    await w.service.start()
    expect(w.service.view('m1', A)?.checking).toBe(true)
    w.busy.add(A) // a payment took the terminal's lock meanwhile
    for (const grant of grants.splice(0)) grant()
    await settle()
    expect(w.pings.map((p) => p.serial)).toEqual([B])
    expect(w.service.view('m1', A)?.checking).toBe(false)
    expect(w.stateOf(A)).toBe('unchecked')
  })
})

describe('terminal health: what the answers mean', () => {
  it('offline after "not listening", online again at the next check that gets through', async () => {
    const w = world()
    w.answers.set(A, { kind: 'not-listening' })
    await w.service.start()
    expect(w.stateOf(A)).toBe('offline')
    expect(w.service.view('m1', A)?.nextCheckAt).toBe(w.clock.now() + MINUTE)
    w.answers.set(A, { kind: 'online', device: { batteryPercent: 64, appVersion: '20.4.12.1' } })
    await w.clock.advance(MINUTE)
    const a = w.service.view('m1', A)
    expect(a?.state).toBe('online')
    expect(a?.lastSeenAt).toBe(w.clock.now())
    expect(a?.device).toMatchObject({ batteryPercent: 64, source: 'check' })
  })

  it('a payment that gets through clears "offline" at once, without waiting for a check', async () => {
    const w = world()
    w.answers.set(A, { kind: 'not-listening' })
    await w.service.start()
    await w.clock.advance(10_000)
    w.service.observe('m1', A, { kind: 'operation-started' })
    expect(w.stateOf(A)).toBe('busy-here')
    w.service.observe('m1', A, { kind: 'operation-accepted' })
    expect(w.service.view('m1', A)?.lastSeenAt).toBe(w.clock.now())
    w.service.observe('m1', A, { kind: 'operation-ended', outcome: { kind: 'no-answer' } })
    expect(w.stateOf(A)).toBe('online') // Handpoint took it: the terminal was listening
  })

  it('busy elsewhere after a 1001 to a check or to a payment of ours', async () => {
    const w = world()
    w.answers.set(A, { kind: 'busy' })
    await w.service.start()
    expect(w.stateOf(A)).toBe('busy-elsewhere')
    expect(w.service.view('m1', A)?.lastSeenAt).toBe(w.clock.now())
    w.service.observe('m1', B, { kind: 'operation-started' })
    w.service.observe('m1', B, { kind: 'operation-ended', outcome: { kind: 'busy' } })
    expect(w.stateOf(B)).toBe('busy-elsewhere')
    w.answers.set(A, { kind: 'online' })
    await w.clock.advance(MINUTE)
    expect(w.stateOf(A)).toBe('online')
  })

  it('a check that cannot reach Handpoint keeps the state and says why', async () => {
    const w = world()
    await w.service.start()
    const seen = w.service.view('m1', A)?.lastSeenAt
    w.answers.set(A, {
      kind: 'failed',
      problem: { code: 'health_check_failed', params: { cause: 'network' } },
    })
    await w.clock.advance(MINUTE)
    const a = w.service.view('m1', A)
    expect(a?.state).toBe('online')
    expect(a?.lastSeenAt).toBe(seen)
    expect(a?.checkProblem).toMatchObject({
      code: 'health_check_failed',
      params: { cause: 'network' },
    })
    w.answers.set(A, { kind: 'online' })
    await w.clock.advance(MINUTE)
    expect(w.service.view('m1', A)?.checkProblem).toBeUndefined()
  })

  it('battery and app version from a result; a later check keeps what it does not report', async () => {
    const w = world()
    await w.service.start()
    w.service.observe('m1', A, { kind: 'operation-started' })
    w.service.observe('m1', A, {
      kind: 'operation-ended',
      outcome: {
        kind: 'answered',
        operation: 'sale',
        device: {
          batteryPercent: 78,
          charging: true,
          externalPower: 'USB',
          appVersion: '20.4.12.1',
        },
      },
    })
    expect(w.service.view('m1', A)?.device).toMatchObject({
      batteryPercent: 78,
      charging: true,
      appVersion: '20.4.12.1',
      source: 'result',
    })
    w.answers.set(A, { kind: 'online', device: { sdkVersion: '7.1010.3' } })
    await w.clock.advance(MINUTE)
    expect(w.service.view('m1', A)?.device).toMatchObject({
      batteryPercent: 78,
      sdkVersion: '7.1010.3',
      source: 'check',
    })
  })
})

describe('terminal health: Refresh, "check", and the day in words', () => {
  it('Refresh checks every terminal of the merchant now; repeated presses do not flood', async () => {
    const w = world()
    await w.service.start()
    await w.clock.advance(20_000)
    await w.service.refresh('m1')
    expect(w.pingsOf(A)).toBe(2)
    await w.service.refresh('m1')
    await w.service.check('m1', A)
    expect(w.pingsOf(A)).toBe(2) // within 5 s of the last check
    await w.clock.advance(5_000)
    await w.service.check('m1', A)
    expect(w.pingsOf(A)).toBe(3)
    expect(w.pingsOf(B)).toBe(2)
  })

  it('Refresh answers within its wait while the checks queue behind a payment', async () => {
    const w = world({ budget: { send: () => new Promise(() => {}) } }) // the key stays busy
    await w.service.sync()
    let answered = false
    void w.service.refresh('m1', 6_000).then(() => (answered = true))
    await w.clock.advance(5_999)
    expect(answered).toBe(false)
    await w.clock.advance(1)
    expect(answered).toBe(true)
    expect(w.service.view('m1', A)?.checking).toBe(true) // the check goes on
  })

  it('"check" on a terminal busy here asks nothing: busy here is the truth', async () => {
    const w = world()
    await w.service.start()
    await w.clock.advance(10_000)
    w.busy.add(A)
    w.service.observe('m1', A, { kind: 'operation-started' })
    const view = await w.service.check('m1', A)
    expect(view?.state).toBe('busy-here')
    expect(w.pingsOf(A)).toBe(1)
  })

  it('a terminal no longer listed leaves the board; a new one starts unchecked and is checked', async () => {
    const w = world()
    await w.service.start()
    w.setListed([
      terminalsOf()[0]!,
      { merchantId: 'm1', serialNumber: 'NEW1', terminalType: 'PAXA920PRO' },
    ])
    await w.service.sync()
    expect(w.service.board('m1').map((t) => t.serialNumber)).toEqual([A, 'NEW1'])
    expect(w.stateOf('NEW1')).toBe('unchecked')
    await w.clock.advance(0)
    expect(w.stateOf('NEW1')).toBe('online')
    expect(w.service.historyOf('m1', B)).toEqual([])
  })

  it('keeps the day in words, folding repeats, and starts afresh the next day', async () => {
    const w = world()
    await w.service.start()
    await w.clock.advance(3 * MINUTE)
    w.answers.set(A, { kind: 'not-listening' })
    await w.clock.advance(MINUTE)
    w.service.observe('m1', A, { kind: 'operation-started' })
    w.service.observe('m1', A, { kind: 'operation-ended', outcome: { kind: 'not-listening' } })
    const day = w.service.historyOf('m1', A)
    expect(day.map((e) => [e.code, e.count])).toEqual([
      ['health_check_online', 4],
      ['health_check_not_listening', 1],
      ['health_refused_not_listening', 1],
    ])
    expect(day[0]!.lastAt - day[0]!.at).toBe(3 * MINUTE)
    await w.clock.advance(24 * 60 * MINUTE)
    const nextDay = w.service.historyOf('m1', A)
    expect(nextDay.map((e) => e.code)).toEqual(['health_check_not_listening'])
    expect(new Date(nextDay[0]!.at).getDate()).toBe(new Date(w.clock.now()).getDate())
  })

  it('announces the merchant board on every change', async () => {
    const w = world()
    await w.service.start()
    expect(w.boards.at(-1)).toEqual({
      merchantId: 'm1',
      states: [`${A}:online`, `${B}:online`, `${VT}:virtual`],
    })
  })
})

describe('terminal health: leaving the terminal free for payments', () => {
  it('an operation about to start waits for a check that already reached the terminal', async () => {
    const answers = new Map<string, () => void>()
    const w = world({
      ping: (t, gate) =>
        gate(
          () =>
            new Promise((resolve) =>
              answers.set(t.serialNumber, () => resolve({ kind: 'online' })),
            ),
        ),
    })
    await w.service.start()
    let quiet = false
    void w.service.whenQuiet('m1', A).then(() => (quiet = true))
    await settle()
    expect(quiet).toBe(false)
    answers.get(B)!()
    await settle()
    expect(quiet).toBe(false) // another terminal's check does not count
    answers.get(A)!()
    await settle()
    expect(quiet).toBe(true)
  })

  it('waits at most a few seconds for a check that hangs', async () => {
    const w = world({ ping: (_t, gate) => gate(() => new Promise(() => {})) })
    await w.service.start()
    let quiet = false
    void w.service.whenQuiet('m1', A).then(() => (quiet = true))
    await w.clock.advance(3_999)
    expect(quiet).toBe(false)
    await w.clock.advance(1)
    expect(quiet).toBe(true)
  })

  it('does not wait when no check is at the terminal', async () => {
    const w = world()
    await expect(w.service.whenQuiet('m1', A)).resolves.toBeUndefined()
  })
})

describe('terminal health: sharing the key’s budget with payments', () => {
  it('a check waits while a payment’s requests keep the key busy, and goes once they stop', async () => {
    const budget = new RateBudget({ perWindow: 2, windowMs: 30 })
    const w = world({
      budget: { send: (key, owner, request) => budget.send(key, owner, request, 'background') },
    })
    let polling = true
    let polls = 0
    const payment = (async () => {
      while (polling) {
        await budget.send('m1', 'payment-1', () => (polls++, Promise.resolve()))
      }
    })()
    await new Promise((r) => setTimeout(r, 5))
    await w.service.start() // the start-up checks queue behind the payment
    await new Promise((r) => setTimeout(r, 100))
    expect(polls).toBeGreaterThan(3)
    expect(w.pings).toEqual([])
    expect(w.service.view('m1', A)?.checking).toBe(true)
    polling = false
    await payment
    await expect.poll(() => w.pings.length, { timeout: 2_000 }).toBe(2)
    expect(w.stateOf(A)).toBe('online')
    budget.close()
  })
})
