import { describe, expect, it } from 'vitest'
import { call, NORMAL, OTHER, post, sale, sim } from './helpers'

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
