import { afterEach, describe, expect, it } from 'vitest'
import type { TerminalHealthView } from '../../../src/shared/contract/terminals.contract'
import { RateBudget } from '../../../src/main/payments/rate-budget'
import {
  DEMO_MERCHANTS,
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../../src/main/simulator'
import { createTerminalCare, type TerminalCare } from '../../../src/main/terminals/compose'
import { createMemoryCommandJournal } from '../../../src/main/terminals/memory-journal'
import { scaledClock } from '../payments/support'
import { demoClient, demoMerchants } from './engine-world'

/**
 * Terminal health against the built-in simulator: its terminals switched off and on, made busy by
 * another client, reporting their battery. Time runs 100 times faster for the health service and
 * the simulator alike, so one check period (60 s) is 0.6 s here. A check itself takes a few
 * seconds (its POST, then its result read after 1, 2 and 4 s): SLACK_MS allows for it.
 */
const SCALE = 100
const PERIOD_MS = 60_000
const SLACK_MS = 20_000
const NORMAL = '0821032398'
const PIN = '1850025030'

let sim: Simulator | undefined
let care: TerminalCare | undefined
let budget: RateBudget | undefined
afterEach(async () => {
  care?.dispose()
  budget?.close()
  await sim?.close()
  care = sim = budget = undefined
})

async function world(merchants?: SimulatorOptions['merchants']) {
  const clock = scaledClock(SCALE)
  sim = await startSimulator({
    timeScale: SCALE,
    now: () => clock.now(),
    rateLimitPerSecond: 0,
    ...(merchants ? { merchants } : {}),
  })
  const { client, terminals } = await demoClient(sim)
  budget = new RateBudget({ perWindow: 50, windowMs: 100 })
  const gate = { send: <T>(k: string, o: string, r: () => Promise<T>) => budget!.send(k, o, r) }
  const boards: TerminalHealthView[][] = []
  care = createTerminalCare({
    clock,
    merchants: demoMerchants(client, terminals),
    busyHere: () => false,
    budget: { background: gate, normal: gate },
    journal: createMemoryCommandJournal(),
    onBoard: (event) => boards.push(event.terminals),
  })
  const view = (serial: string) => care!.health.view('demo', serial)
  /** Waits (in simulated time) until the terminal's health matches, or fails after `withinMs`. */
  async function until(serial: string, ok: (v: TerminalHealthView) => boolean, withinMs: number) {
    const deadline = clock.now() + withinMs
    while (clock.now() < deadline) {
      const v = view(serial)
      if (v && ok(v)) return { view: v, at: clock.now() }
      await new Promise((r) => setTimeout(r, 5))
    }
    throw new Error(`${serial} did not get there in time: ${JSON.stringify(view(serial))}`)
  }
  await care.start()
  return { clock, sim, care, view, until, boards }
}

describe('terminal health against the simulator', () => {
  it('a terminal switched off shows offline within one check period, and online again after', async () => {
    const w = await world()
    await w.until(NORMAL, (v) => v.state === 'online', PERIOD_MS)
    w.sim.setPower(NORMAL, false)
    const off = w.clock.now()
    const offline = await w.until(NORMAL, (v) => v.state === 'offline', PERIOD_MS + SLACK_MS)
    expect(offline.at - off).toBeLessThanOrEqual(PERIOD_MS + SLACK_MS)
    expect(w.view(PIN)?.state).toBe('online') // the others are untouched
    w.sim.setPower(NORMAL, true)
    const on = w.clock.now()
    const online = await w.until(NORMAL, (v) => v.state === 'online', PERIOD_MS + SLACK_MS)
    expect(online.at - on).toBeLessThanOrEqual(PERIOD_MS + SLACK_MS)
    expect(online.view.lastSeenAt).toBeGreaterThanOrEqual(on)
    const day = w.care.health.historyOf('demo', NORMAL).map((e) => e.code)
    expect(day).toEqual([
      'health_check_online',
      'health_check_not_listening',
      'health_check_online',
    ])
  })

  it('a terminal busy with another client shows busy elsewhere, then online when it is free', async () => {
    const w = await world()
    await w.until(PIN, (v) => v.state === 'online', PERIOD_MS)
    w.sim.setBusyElsewhere(PIN, true)
    await w.until(PIN, (v) => v.state === 'busy-elsewhere', PERIOD_MS + SLACK_MS)
    expect(w.view(PIN)?.lastSeenAt).toBeDefined()
    w.sim.setBusyElsewhere(PIN, false)
    await w.until(PIN, (v) => v.state === 'online', PERIOD_MS + SLACK_MS)
  })

  it('a check brings the battery, power and versions the terminal reports', async () => {
    const w = await world()
    const { view } = await w.until(NORMAL, (v) => v.device?.batteryPercent !== undefined, PERIOD_MS)
    expect(view.device).toMatchObject({
      source: 'check',
      externalPower: 'USB',
      onExternalPower: true,
      appVersion: '20.4.12.1',
      sdkVersion: '7.1010.3',
    })
    const reported = w.sim.terminalState(NORMAL).battery.percent
    expect(Math.abs((view.device?.batteryPercent ?? -10) - reported)).toBeLessThanOrEqual(1)
  })

  it('a command goes to the simulator’s terminal and is journalled as sent', async () => {
    const w = await world()
    const entry = await w.care.commands.send(
      'demo',
      NORMAL,
      { command: 'set-reboot-time', hour: 3 },
      'test',
    )
    expect(entry.answer).toEqual({ code: 'command_sent', params: { serial: NORMAL } })
    expect(w.sim.terminalState(NORMAL).settings.rebootHour).toBe(3)
    w.sim.setPower(PIN, false)
    const refused = await w.care.commands.send(
      'demo',
      PIN,
      { command: 'reboot', force: false },
      'test',
    )
    expect(refused).toMatchObject({ outcome: 'refused', answer: { code: 'command_not_listening' } })
    expect(w.view(PIN)?.state).toBe('offline')
  })

  it('lists the merchant’s virtual terminal for MOTO as such, with no check planned', async () => {
    const w = await world([
      { ...DEMO_MERCHANTS[0]!, virtualTerminal: { serialNumber: 'VT000001' } },
    ])
    await w.until(NORMAL, (v) => v.state === 'online', PERIOD_MS)
    expect(w.view('VT000001')).toMatchObject({ terminalType: 'VT', state: 'virtual' })
    expect(w.view('VT000001')?.nextCheckAt).toBeUndefined()
    // (That it is never pinged is the unit tests' to show: the health service never plans it.)
  })
})
