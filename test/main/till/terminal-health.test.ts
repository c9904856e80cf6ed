import { afterEach, describe, expect, it } from 'vitest'
import type { TerminalHealthState } from '../../../src/shared/contract/terminals.values'
import type { TillPaymentRecord } from '../../../src/main/till/ports'
import { TillSession, type TillCaller } from '../../../src/main/till/session'
import { terminalStateFrom, type TerminalResource } from '../../../src/main/till/terminals'
import { engineForTill, healthForTill } from '../../../src/main/till/wiring'
import { closeEngineWorld, engineWorld, NORMAL, PIN, sale } from '../terminals/engine-world'

/**
 * GET /v1/terminals and `terminal.updated` read terminal care's health, so the till and the board
 * tell the same truth: a terminal switched off reads offline after a check, one used by another
 * client reads busy, and both read idle again once the terminal answers a check.
 */

const record = (over: Partial<TillPaymentRecord>): TillPaymentRecord =>
  ({
    id: 'p1',
    merchantId: 'demo',
    terminalSerial: NORMAL,
    terminalType: 'PAXA920PRO',
    operation: 'sale',
    state: 'approved',
    result: { finStatus: 'AUTHORISED' },
    ...over,
  }) as TillPaymentRecord

describe('a terminal for tills: payments in flight, then terminal care, then the newest payment', () => {
  const running = record({ state: 'in-progress' })
  const approved = record({})
  const notListening = record({
    state: 'failed',
    result: undefined,
    lastError: { code: 'terminal_not_listening', params: { serial: NORMAL } },
  })
  type Row = [string, TillPaymentRecord | undefined, TerminalHealthState | undefined, string]
  it.each<Row>([
    ['a payment running, the board offline', running, 'offline', 'busy'],
    ['an approved payment, the board offline', approved, 'offline', 'offline'],
    ['an approved payment, the board busy elsewhere', approved, 'busy-elsewhere', 'busy'],
    ['no payment, the board busy here', undefined, 'busy-here', 'busy'],
    ['not listening last time, the board online again', notListening, 'online', 'idle'],
    ['not listening last time, nothing checked yet', notListening, 'unchecked', 'offline'],
    ['the virtual terminal after a payment', approved, 'virtual', 'idle'],
    ['no payment, nothing checked yet', undefined, 'unchecked', 'unknown'],
    ['no payment, no terminal care', undefined, undefined, 'unknown'],
  ])('%s', (_label, newest, health, state) => {
    expect(terminalStateFrom(newest, health).state).toBe(state)
  })
  it('names the payment that keeps the terminal busy', () => {
    expect(terminalStateFrom(running, 'online')).toEqual({ state: 'busy', paymentId: 'p1' })
  })
})

let session: TillSession | undefined
afterEach(async () => {
  session?.dispose()
  session = undefined
  await closeEngineWorld()
})

const CALLER: TillCaller = { tillId: 'till-1', tillName: 'Till 1', merchantId: 'demo' }

async function tillWorld() {
  const w = await engineWorld({ budget: { perWindow: 50, windowMs: 100 } })
  session = new TillSession({
    engine: engineForTill(w.engine),
    directory: {
      merchants: () => [{ id: 'demo', name: 'Demo Cafe' }],
      terminalsOf: async (merchantId) =>
        merchantId === 'demo'
          ? w.terminals.map((t) => ({ serial: t.serialNumber, type: t.terminalType }))
          : [],
      merchantOfTerminal: async () => 'demo',
    },
    receipts: { copy: async () => undefined },
    health: healthForTill(w.care),
  })
  const till = session
  const events: TerminalResource[] = []
  await till.openStream(CALLER, undefined, (e) => {
    if (e.type === 'terminal.updated') events.push(e.data as TerminalResource)
  })
  events.length = 0 // the stream's opening snapshot
  const stateOf = async (serial: string) =>
    (await till.terminals(CALLER)).find((t) => t.serial === serial)
  /** Checks the terminal (as Refresh does) until the till reads `state`; fails after 10 s. */
  async function checkUntil(serial: string, state: TerminalResource['state']) {
    const deadline = Date.now() + 10_000
    while (Date.now() < deadline) {
      await w.care.health.check('demo', serial)
      const now = await stateOf(serial)
      if (now?.state === state) return now
      await new Promise((r) => setTimeout(r, 20))
    }
    throw new Error(`${serial} did not read ${state}: ${JSON.stringify(await stateOf(serial))}`)
  }
  await w.care.health.sync()
  return { ...w, till, events, stateOf, checkUntil }
}

describe('GET /v1/terminals reads terminal care (against the simulator)', () => {
  it('a terminal switched off reads offline after a check, and idle again once it answers', async () => {
    const w = await tillWorld()
    expect((await w.stateOf(NORMAL))?.state).toBe('unknown') // nothing heard yet
    await w.checkUntil(NORMAL, 'idle')
    w.sim.setPower(NORMAL, false)
    expect(await w.checkUntil(NORMAL, 'offline')).toEqual({
      serial: NORMAL,
      type: 'PAXA920PRO',
      state: 'offline',
      paymentId: null,
    })
    expect(w.view(NORMAL)?.state).toBe('offline') // the board says the same
    w.sim.setPower(NORMAL, true)
    await w.checkUntil(NORMAL, 'idle')
    expect(w.view(NORMAL)?.state).toBe('online')
    // Tills on the event stream heard each change once, without any payment (the first
    // announcement of the terminal included).
    expect(w.events.filter((t) => t.serial === NORMAL).map((t) => t.state)).toEqual([
      'unknown',
      'idle',
      'offline',
      'idle',
    ])
  })

  it('a terminal used by another client reads busy, then idle when it is free', async () => {
    const w = await tillWorld()
    w.sim.setBusyElsewhere(PIN, true)
    expect(await w.checkUntil(PIN, 'busy')).toMatchObject({ state: 'busy', paymentId: null })
    expect(w.view(PIN)?.state).toBe('busy-elsewhere')
    w.sim.setBusyElsewhere(PIN, false)
    await w.checkUntil(PIN, 'idle')
  })

  it('a payment in flight reads busy with its id; approved, the terminal reads idle', async () => {
    const w = await tillWorld()
    const started = await w.engine.start(sale(NORMAL, '1250'))
    expect(await w.stateOf(NORMAL)).toMatchObject({ state: 'busy', paymentId: started.id })
    expect((await w.engine.waitForFinal(started.id)).state).toBe('approved')
    expect(await w.stateOf(NORMAL)).toMatchObject({ state: 'idle', paymentId: null })
    expect(w.view(NORMAL)?.state).toBe('online')
  })
})
