import { describe, expect, it } from 'vitest'
import type { SimulatorOptions } from '../../../src/main/simulator/index'
import { call, MERCHANTS, NORMAL, PIN, post, result, run, sale, sim, until, uuid4 } from './helpers'

/** Terminal health as the simulator plays it: battery, power, busy elsewhere, ping. */

const ping = (extra: Record<string, unknown> = {}) => ({
  operation: 'pingDevice',
  ...NORMAL,
  ...extra,
})

function onBattery(percent: number, externalPower: 'USB' | 'AC' | 'None') {
  const [demo, other] = MERCHANTS!
  return [
    {
      ...demo!,
      terminals: demo!.terminals.map((t) =>
        t.serialNumber === NORMAL.serial_number ? { ...t, battery: { percent, externalPower } } : t,
      ),
    },
    other!,
  ] satisfies SimulatorOptions['merchants']
}

describe('battery', () => {
  it('drains per operation and reports itself on every result, the same every run', async () => {
    const clock = 1_800_000_000_000
    const s = await sim({ now: () => clock, merchants: onBattery(50, 'None') })
    const first = (await run(s, sale())).json.deviceStatus
    const second = (await run(s, sale())).json.deviceStatus
    expect(first).toEqual({
      applicationName: 'Payments',
      applicationVersion: '20.4.12.1',
      batteryStatus: '49',
      batterymV: '3792',
      batteryCharging: 'Not Charging',
      externalPower: 'None',
      bluetoothName: 'PAXA920PRO',
      serialNumber: NORMAL.serial_number,
      statusMessage: '',
    })
    expect(second.batteryStatus).toBe('48')
    expect(s.terminalState(NORMAL.serial_number).battery).toEqual({
      percent: 48,
      externalPower: 'None',
      charging: 'Not Charging',
    })
  })

  it("charges with the simulator's clock on external power, up to Full", async () => {
    let clock = 1_800_000_000_000
    const s = await sim({ now: () => clock, merchants: onBattery(90, 'USB') })
    const percent = () => s.terminalState(NORMAL.serial_number).battery.percent
    clock += 5 * 60_000
    expect(percent()).toBe(95)
    // Many small looks charge exactly as much as one big one.
    for (let i = 0; i < 60; i++) {
      clock += 1_000
      percent()
    }
    expect(percent()).toBe(96)
    s.setBattery(NORMAL.serial_number, { externalPower: 'AC' })
    clock += 10 * 60_000
    expect(s.terminalState(NORMAL.serial_number).battery).toEqual({
      percent: 100,
      externalPower: 'AC',
      charging: 'Full',
    })
    expect(() => s.setBattery(NORMAL.serial_number, { percent: 101 })).toThrow(/0 to 100/)
  })

  it('switches the terminal off when empty and without power, and back on when plugged in', async () => {
    const s = await sim({ merchants: onBattery(0, 'None') })
    expect((await post(s, sale())).json.error.message.error).toBe(1002)
    expect(s.terminalState(NORMAL.serial_number).listening).toBe(false)
    s.setBattery(NORMAL.serial_number, { externalPower: 'USB' })
    expect((await run(s, sale())).json.deviceStatus.batteryCharging).toBe('Charging')
  })
})

describe('pingDevice', () => {
  it('answers online with device info when asked for it', async () => {
    const s = await sim()
    const pong = (await run(s, ping({ returnDeviceInfo: true }))).json
    expect(pong).toMatchObject({
      finStatus: 'PROCESSED',
      rrn: '',
      deviceInfo: {
        appVersion: '20.4.12.1',
        sdkVersion: '7.1010.3',
        firmwareVersion: 'PayDroid_10.0_Sloth_V20.1.07',
        batteryLevel: pong.deviceStatus.batteryStatus,
        batteryCharging: 'Charging',
        externalPower: 'USB',
      },
    })
    expect((await run(s, ping())).json.deviceInfo).toBeUndefined()
  })

  it('answers 1002 when switched off, 1001 when busy elsewhere, and normally again after', async () => {
    const s = await sim()
    s.setPower(NORMAL.serial_number, false)
    expect((await post(s, ping())).json.error.message).toEqual({
      error: 1002,
      message: 'No device listening at the other end of the secure channel',
    })
    s.setPower(NORMAL.serial_number, true)
    s.setBusyElsewhere(NORMAL.serial_number, true)
    expect((await post(s, ping())).json.error.message).toEqual({
      error: 1001,
      message: 'The device is busy',
    })
    expect((await post(s, sale())).json.error.message.error).toBe(1001)
    expect(s.terminalState(NORMAL.serial_number).busy).toBe('elsewhere')
    // The other terminals are not affected.
    expect((await post(s, ping({ ...PIN }))).status).toBe(202)
    s.setBusyElsewhere(NORMAL.serial_number, false)
    expect((await run(s, ping())).json.finStatus).toBe('PROCESSED')
  })
})

describe('switching off mid-operation', () => {
  it('before the gateway: no result is ever posted and the status host knows nothing', async () => {
    const s = await sim({ timeScale: 5 })
    const reference = uuid4()
    const accepted = await post(s, sale({ transactionReference: reference }))
    await until(() => s.terminalPhase(NORMAL.serial_number) === 'waiting-for-card' || undefined)
    s.setPower(NORMAL.serial_number, false)
    expect(s.terminalPhase(NORMAL.serial_number)).toBeUndefined()
    s.setPower(NORMAL.serial_number, true)
    const poll = await call(
      `${s.apiBaseUrl}/transaction-result/${accepted.json.transactionResultId}`,
    )
    expect(poll.status).toBe(204)
    const status = await call(`${s.statusBaseUrl}/transactions/${reference}/status`)
    expect(status.json.finStatus).toBe('UNDEFINED')
  })

  it('at the gateway: the outcome stands and is posted as recovered once switched on', async () => {
    const s = await sim({ timeScale: 5 })
    const reference = uuid4()
    const accepted = await post(s, sale({ transactionReference: reference }))
    await until(() => s.terminalPhase(NORMAL.serial_number) === 'processing' || undefined)
    s.setPower(NORMAL.serial_number, false)
    await until(
      async () =>
        (await call(`${s.statusBaseUrl}/transactions/${reference}/status`)).json.finStatus ===
          'AUTHORISED' || undefined,
    )
    const id = accepted.json.transactionResultId
    expect((await call(`${s.apiBaseUrl}/transaction-result/${id}`)).status).toBe(204)
    s.setPower(NORMAL.serial_number, true)
    const posted = await result(s, id)
    expect(posted.json).toMatchObject({ finStatus: 'AUTHORISED', recoveredTransaction: true })
  })
})
