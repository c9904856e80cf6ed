import { describe, expect, it } from 'vitest'
import {
  readDeviceHealth,
  type HandpointError,
  type TerminalCommand,
} from '../../../src/main/handpoint'
import { DEMO_API_KEY, T, eur, useContractSimulator } from './contract-sim'
import { rejection } from './stub-server'

/** pingDevice, deviceStatus and the device commands: client against simulator. */

const BUSY_T = { serialNumber: '7777777777', terminalType: 'PAXA920' }
const OFF_T = { serialNumber: '8888888888', terminalType: 'PAXA920' }
const VT = { serialNumber: '0000000001', terminalType: 'VT' }

const ctx = useContractSimulator([
  {
    apiKey: DEMO_API_KEY,
    merchantIdAlpha: 'DemoCafe',
    terminals: [{ ...T.normal, battery: { percent: 64, externalPower: 'None' } }, BUSY_T, OFF_T],
    virtualTerminal: { serialNumber: VT.serialNumber },
  },
  { apiKey: 'CONTRACT-OTHER-MERCHANT', merchantIdAlpha: 'OtherShop', terminals: [T.other] },
])
const fail = (promise: Promise<unknown>) => rejection<HandpointError>(promise)

describe('health at the edge', () => {
  it('a ping reaches a listening terminal and its result carries the device info', async () => {
    const pong = await ctx.runWith(T.normal.serialNumber, () => ctx.client.pingDevice(T.normal))
    expect(pong.finStatus).toBe('PROCESSED')
    const state = ctx.sim.terminalState(T.normal.serialNumber)
    expect(readDeviceHealth(pong)).toEqual({
      appName: 'Payments',
      appVersion: '20.4.12.1',
      sdkVersion: '7.1010.3',
      firmwareVersion: 'PayDroid_10.0_Sloth_V20.1.07',
      batteryPercent: state.battery.percent,
      batteryMillivolts: expect.any(Number),
      charging: false,
      externalPower: 'NONE',
      onExternalPower: false,
      serialNumber: T.normal.serialNumber,
    })
  })

  it('the deviceStatus of a payment result shows the battery it drained', async () => {
    const before = ctx.sim.terminalState(T.normal.serialNumber).battery.percent
    const paid = await ctx.run({ operation: 'sale', ...T.normal, ...eur('500') })
    const health = readDeviceHealth(paid)
    expect(health?.batteryPercent).toBe(before - 1)
    expect(health?.batteryPercent).toBe(
      ctx.sim.terminalState(T.normal.serialNumber).battery.percent,
    )
  })

  it('1002 when switched off, 1001 when busy with another client, online again after', async () => {
    ctx.sim.setPower(OFF_T.serialNumber, false)
    ctx.sim.setBusyElsewhere(BUSY_T.serialNumber, true)
    const off = await fail(ctx.client.pingDevice(OFF_T))
    const busy = await fail(ctx.client.pingDevice(BUSY_T))
    expect([off.kind, off.terminalCode, busy.kind, busy.terminalCode]).toEqual([
      'terminal-offline',
      1002,
      'terminal-busy',
      1001,
    ])
    expect(
      (await fail(ctx.client.startTransaction({ operation: 'sale', ...BUSY_T, ...eur('1') })))
        .terminalCode,
    ).toBe(1001)
    ctx.sim.setPower(OFF_T.serialNumber, true)
    ctx.sim.setBusyElsewhere(BUSY_T.serialNumber, false)
    for (const t of [OFF_T, BUSY_T]) {
      const pong = await ctx.runWith(t.serialNumber, () => ctx.client.pingDevice(t))
      expect(pong.finStatus).toBe('PROCESSED')
    }
  })
})

describe('terminal commands', () => {
  it('each command is sent (202) and the terminal received exactly that body', async () => {
    const c = ctx.client
    const sent = [
      await c.setUnattendedMode(BUSY_T, true),
      await c.setLocale(BUSY_T, 'is_IS'),
      await c.setPasswordProtected(BUSY_T, true),
      await c.setScreenBrightness(BUSY_T, { minimum: 10, maximum: 70 }),
      await c.setRebootTime(BUSY_T, 4),
    ]
    expect(sent.every((s) => s.outcome === 'sent')).toBe(true)
    expect(ctx.sim.commandsReceived(BUSY_T.serialNumber).map((r) => [r.command, r.body])).toEqual([
      ['set-unattended-mode', { status: true }],
      ['set-locale', { locale: 'is_IS' }],
      ['set-password-protected', { status: true }],
      ['set-screen-brightness', { minimumBrightnessLevel: 10, maximumBrightnessLevel: 70 }],
      ['set-reboot-time', { hour: 4 }],
    ])
    expect(ctx.sim.terminalState(BUSY_T.serialNumber).settings).toEqual({
      unattendedMode: true,
      locale: 'is_IS',
      passwordProtected: true,
      minimumBrightnessLevel: 10,
      maximumBrightnessLevel: 70,
      rebootHour: 4,
    })
  })

  it('"sent" is not "applied": outside Integrated Mode the 202 is the same, nothing changes', async () => {
    ctx.sim.setIntegratedMode(OFF_T.serialNumber, false)
    await expect(ctx.client.setLocale(OFF_T, 'fr_FR')).resolves.toEqual({
      command: 'set-locale',
      outcome: 'sent',
    })
    expect(ctx.sim.commandsReceived(OFF_T.serialNumber).at(-1)?.applied).toBe(false)
    expect(ctx.sim.terminalState(OFF_T.serialNumber).settings.locale).toBe('en_US')
    ctx.sim.setIntegratedMode(OFF_T.serialNumber, true)
  })

  it('the error answers: not listening, busy, virtual terminal, foreign terminal, bad key', async () => {
    ctx.sim.setPower(OFF_T.serialNumber, false)
    ctx.sim.setBusyElsewhere(BUSY_T.serialNumber, true)
    const answers = [
      await fail(ctx.client.setRebootTime(OFF_T, 3)),
      await fail(ctx.client.reboot(BUSY_T, { force: false })),
      await fail(ctx.client.reboot(VT, { force: false })),
      await fail(ctx.client.reboot(T.other, { force: false })),
      await fail(ctx.clientWith('NOT-A-KEY').reboot(T.normal, { force: false })),
    ]
    ctx.sim.setPower(OFF_T.serialNumber, true)
    ctx.sim.setBusyElsewhere(BUSY_T.serialNumber, false)
    expect(answers.map((e) => [e.kind, e.terminalCode, e.ambiguous])).toEqual([
      ['terminal-offline', 1002, false],
      ['terminal-busy', 1001, false],
      ['terminal-offline', 1002, false],
      ['terminal-not-assigned', 1004, false],
      ['forbidden', undefined, false],
    ])
  })

  it('client and simulator agree on every range: what the client refuses, the simulator refuses', async () => {
    const candidates: TerminalCommand[] = [
      ...[-1, 0, 23, 24, 2.5].map((hour) => ({ command: 'set-reboot-time' as const, hour })),
      ...[
        [0, 100],
        [-1, 50],
        [50, 101],
        [60, 40],
        [30, 30],
        [0.5, 10],
      ].map(([min, max]) => ({
        command: 'set-screen-brightness' as const,
        minimumBrightnessLevel: min!,
        maximumBrightnessLevel: max!,
      })),
    ]
    for (const command of candidates) {
      const { command: name, ...body } = command
      const raw = await fetch(
        `${ctx.sim.apiBaseUrl}/devices/${BUSY_T.terminalType}/${BUSY_T.serialNumber}/${name}`,
        {
          method: 'POST',
          headers: { ApiKeyCloud: DEMO_API_KEY, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        },
      )
      const viaClient = await ctx.client.sendTerminalCommand(BUSY_T, command).then(
        () => 'sent',
        (error: HandpointError) => error.kind,
      )
      expect({ command, simulator: raw.status, client: viaClient }).toEqual({
        command,
        simulator:
          raw.status === 202 ? 202 : expect.toSatisfy((s: number) => s === 400 || s === 422),
        client: raw.status === 202 ? 'sent' : 'invalid-input',
      })
    }
  })
})
