import { describe, expect, it } from 'vitest'
import { call, NORMAL, OTHER, OTHER_KEY, post, run, sale, sim } from './helpers'

/** The /_simulator/ control surface: the same switches over HTTP, for trainers and curl. */

const control = (s: { apiBaseUrl: string }, path: string, body?: unknown, key?: string | null) =>
  call(`${s.apiBaseUrl}/_simulator/${path}`, { body, key })
const terminal = `terminals/${NORMAL.serial_number}`

describe('simulator controls over HTTP', () => {
  it('shows a terminal and answers each change with its state afterwards', async () => {
    const s = await sim()
    const state = await control(s, terminal)
    expect(state.status).toBe(200)
    expect(state.json).toMatchObject({
      serialNumber: NORMAL.serial_number,
      powered: true,
      listening: true,
      busy: null,
      battery: { percent: 80, externalPower: 'USB', charging: 'Charging' },
      openBatch: { number: 1, lines: [] },
    })
    expect((await control(s, `${terminal}/power`, { on: false })).json).toMatchObject({
      powered: false,
      listening: false,
    })
    expect((await post(s, sale())).json.error.message.error).toBe(1002)
    await control(s, `${terminal}/power`, { on: true })
    expect((await control(s, `${terminal}/busy-elsewhere`, { busy: true })).json.busy).toBe(
      'elsewhere',
    )
    expect((await post(s, sale())).json.error.message.error).toBe(1001)
    await control(s, `${terminal}/busy-elsewhere`, { busy: false })
    const battery = await control(s, `${terminal}/battery`, { percent: 15, externalPower: 'None' })
    expect(battery.json.battery).toEqual({
      percent: 15,
      externalPower: 'None',
      charging: 'Not Charging',
    })
    expect((await control(s, `${terminal}/behaviour`, { behaviour: 'pin' })).json.behaviour).toBe(
      'pin',
    )
    expect(
      (await control(s, `${terminal}/integrated-mode`, { on: false })).json.integratedMode,
    ).toBe(false)
  })

  it('takes a standalone payment, drops a batch line, lists commands and sets the acquirer', async () => {
    const s = await sim()
    const paid = (await run(s, sale())).json
    const standalone = await control(s, `${terminal}/standalone-payment`, {
      amountMinor: 1250,
      currency: 'EUR',
    })
    expect(standalone.json).toMatchObject({ batchNumber: '1', rrn: expect.any(String) })
    expect((await control(s, `${terminal}/batch/drop`, { rrn: paid.rrn })).json).toEqual({
      dropped: true,
    })
    expect((await control(s, terminal)).json.openBatch.lines).toEqual([
      expect.objectContaining({ origin: 'STANDALONE', amountMinor: 1250 }),
    ])
    await call(
      `${s.apiBaseUrl}/devices/${NORMAL.terminal_type}/${NORMAL.serial_number}/set-locale`,
      { body: { locale: 'fr_FR' } },
    )
    expect((await control(s, `${terminal}/commands`)).json).toEqual([
      { command: 'set-locale', body: { locale: 'fr_FR' }, at: expect.any(Number), applied: true },
    ])
    expect((await control(s, 'acquirer', { batches: 'unsupported' })).json).toEqual({
      merchant: 'DemoCafe',
      batches: 'unsupported',
    })
    const close = await call(`${s.apiBaseUrl}/batch/close`, {
      body: { deviceType: NORMAL.terminal_type, serialNumber: NORMAL.serial_number },
    })
    expect(close.json.error.code).toBe('3300')
  })

  it("refuses a bad body, an unknown control, another merchant's terminal and a bad key", async () => {
    const s = await sim({ rateLimitPerSecond: 1 })
    const bad = await control(s, `${terminal}/power`, { on: 'yes' })
    expect([bad.status, bad.json.error.message]).toEqual([
      400,
      'on: Invalid input: expected boolean, received string',
    ])
    const refused = await control(s, `${terminal}/standalone-payment`, {
      amountMinor: 5,
      currency: 'XXX',
    })
    expect([refused.status, refused.json.error.message]).toEqual([
      400,
      'XXX is not a currency Handpoint accepts.',
    ])
    expect((await control(s, `${terminal}/self-destruct`, {})).status).toBe(404)
    expect((await control(s, `terminals/${OTHER.serial_number}`)).status).toBe(404)
    expect(
      (await control(s, `terminals/${OTHER.serial_number}`, undefined, OTHER_KEY)).status,
    ).toBe(200)
    expect((await control(s, terminal, undefined, 'NOT-A-KEY')).status).toBe(403)
    // Controls are not rate-limited (the limit here is 1 request per second).
    expect(s.stats().rateLimited).toBe(0)
  })
})
