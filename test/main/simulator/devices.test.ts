import { describe, expect, it } from 'vitest'
import { call, MERCHANTS, NORMAL, OTHER, post, result, sale, sim, until } from './helpers'

const command = (
  base: string,
  name: string,
  body: unknown,
  terminal = NORMAL,
): ReturnType<typeof call> =>
  call(`${base}/devices/${terminal.terminal_type}/${terminal.serial_number}/${name}`, { body })

describe('device control commands (POST /devices/{type}/{serial}/{command})', () => {
  it('answers 202 with no body for each documented command', async () => {
    const s = await sim()
    const bodies: Record<string, unknown> = {
      'set-unattended-mode': { status: true },
      'set-locale': { locale: 'en_CA' },
      'set-password-protected': { status: false },
      'set-screen-brightness': { minimumBrightnessLevel: 10, maximumBrightnessLevel: 90 },
      'set-reboot-time': { hour: 3 },
      // Last: the terminal is away while it reboots.
      reboot: { force: false },
    }
    for (const [name, body] of Object.entries(bodies)) {
      const reply = await command(s.apiBaseUrl, name, body)
      expect({ name, status: reply.status, text: reply.text }).toEqual({
        name,
        status: 202,
        text: '',
      })
    }
  })

  it('gives 422 for a wrong body, 400 for out-of-range values and 404 for unknown commands', async () => {
    const s = await sim()
    const wrong = await command(s.apiBaseUrl, 'reboot', { force: 'yes' })
    expect(wrong.status).toBe(422)
    expect(wrong.json.error.details).toEqual([
      { path: '/force', code: 'type', message: 'must be boolean', info: { type: 'boolean' } },
    ])
    const brightness = await command(s.apiBaseUrl, 'set-screen-brightness', {
      minimumBrightnessLevel: 0,
      maximumBrightnessLevel: 101,
    })
    expect([brightness.status, brightness.json.error.message]).toEqual([
      400,
      'Brightness levels must be between 0 and 100',
    ])
    expect((await command(s.apiBaseUrl, 'set-reboot-time', { hour: 24 })).status).toBe(400)
    expect((await command(s.apiBaseUrl, 'self-destruct', {})).status).toBe(404)
  })

  it('answers 1002 when the terminal is not listening, 1004 for another merchant, 1001 for a polite reboot mid-sale', async () => {
    const s = await sim({ timeScale: 2 })
    expect(
      (await command(s.apiBaseUrl, 'reboot', { force: false }, OTHER)).json.error.message.error,
    ).toBe(1004)
    await post(s, sale())
    expect((await command(s.apiBaseUrl, 'reboot', { force: false })).json.error.message.error).toBe(
      1001,
    )
    expect((await command(s.apiBaseUrl, 'reboot', { force: true })).status).toBe(202)
    s.setBehaviour(NORMAL.serial_number, 'offline')
    expect((await command(s.apiBaseUrl, 'set-locale', { locale: 'en_CA' })).json).toEqual({
      error: {
        statusCode: 400,
        name: 'BadRequestError',
        message: {
          error: 1002,
          message: 'No device listening at the other end of the secure channel',
        },
      },
    })
  })
})

describe('what the terminal does with a command', () => {
  it('records every command that reached it and applies it in Integrated Mode', async () => {
    let clock = 1_800_000_000_000
    const s = await sim({ now: () => clock })
    await command(s.apiBaseUrl, 'set-locale', { locale: 'de_DE' })
    clock += 1
    await command(s.apiBaseUrl, 'set-screen-brightness', {
      minimumBrightnessLevel: 20,
      maximumBrightnessLevel: 80,
    })
    await command(s.apiBaseUrl, 'set-reboot-time', { hour: 24 }) // refused: not recorded
    s.setIntegratedMode(NORMAL.serial_number, false)
    expect((await command(s.apiBaseUrl, 'set-unattended-mode', { status: true })).status).toBe(202)
    expect(s.commandsReceived(NORMAL.serial_number)).toEqual([
      { command: 'set-locale', body: { locale: 'de_DE' }, at: 1_800_000_000_000, applied: true },
      {
        command: 'set-screen-brightness',
        body: { minimumBrightnessLevel: 20, maximumBrightnessLevel: 80 },
        at: 1_800_000_000_001,
        applied: true,
      },
      {
        command: 'set-unattended-mode',
        body: { status: true },
        at: 1_800_000_000_001,
        applied: false,
      },
    ])
    expect(s.terminalState(NORMAL.serial_number).settings).toEqual({
      unattendedMode: false,
      locale: 'de_DE',
      passwordProtected: false,
      minimumBrightnessLevel: 20,
      maximumBrightnessLevel: 80,
    })
  })

  it('refuses a minimum brightness above the maximum, and commands to the virtual terminal', async () => {
    const s = await sim({
      merchants: [{ ...MERCHANTS![0]!, virtualTerminal: { serialNumber: '0000000001' } }],
    })
    const inverted = await command(s.apiBaseUrl, 'set-screen-brightness', {
      minimumBrightnessLevel: 80,
      maximumBrightnessLevel: 20,
    })
    expect(inverted.status).toBe(400)
    const vt = { serial_number: '0000000001', terminal_type: 'VT' }
    expect(
      (await command(s.apiBaseUrl, 'reboot', { force: false }, vt)).json.error.message.error,
    ).toBe(1002)
  })

  it('a reboot takes the terminal away for a while; busy elsewhere refuses a polite one', async () => {
    const s = await sim({ timeScale: 1000 })
    s.setBusyElsewhere(NORMAL.serial_number, true)
    expect((await command(s.apiBaseUrl, 'reboot', { force: false })).json.error.message.error).toBe(
      1001,
    )
    s.setBusyElsewhere(NORMAL.serial_number, false)
    expect((await command(s.apiBaseUrl, 'reboot', { force: false })).status).toBe(202)
    expect((await post(s, sale())).json.error.message.error).toBe(1002)
    await until(() => s.terminalState(NORMAL.serial_number).listening || undefined)
    expect((await post(s, sale())).status).toBe(202)
  })

  it('a forced reboot interrupts a payment; what reached the gateway is posted after the reboot', async () => {
    // Processing lasts 75 ms here, the reboot 1 s.
    const s = await sim({ timeScale: 20 })
    const accepted = await post(s, sale())
    await until(() => s.terminalPhase(NORMAL.serial_number) === 'processing' || undefined)
    expect((await command(s.apiBaseUrl, 'reboot', { force: true })).status).toBe(202)
    expect(s.terminalState(NORMAL.serial_number).listening).toBe(false)
    const posted = await result(s, accepted.json.transactionResultId)
    expect(posted.json).toMatchObject({ finStatus: 'AUTHORISED', recoveredTransaction: true })
  })
})
