import { z } from 'zod'
import type { ClientParts } from './batch-client'
import type { TerminalRef } from './batch-types'
import { fieldErrorsOf, invalidFields, pathSegment } from './client-util'
import { parseJson } from './error-body'
import {
  TERMINAL_LOCALES,
  type CommandSent,
  type DeviceApi,
  type TerminalCommand,
} from './device-types'
import { parseAccepted } from './results'
import { hasControlChars } from './text'

/**
 * `pingDevice` and the device commands (2.20+). Bodies are zod-checked and ranges enforced
 * before anything is sent; a command's 202 is reported as "sent", never as "applied". None of
 * these POSTs is retried: a timeout on a reboot must not become two reboots.
 */

const text = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !hasControlChars(s), 'must not contain control characters')
const terminalSchema = z.strictObject({ serialNumber: text(64), terminalType: text(32) })
const level = z
  .number('must be a whole number from 0 to 100')
  .int('must be a whole number from 0 to 100')
  .min(0, 'must be at least 0')
  .max(100, 'must be at most 100')

const commandSchema = z.discriminatedUnion(
  'command',
  [
    z.strictObject({ command: z.literal('set-unattended-mode'), status: z.boolean() }),
    z.strictObject({
      command: z.literal('set-locale'),
      locale: z.enum(TERMINAL_LOCALES, `must be one of ${TERMINAL_LOCALES.join(', ')}`),
    }),
    z.strictObject({ command: z.literal('set-password-protected'), status: z.boolean() }),
    z.strictObject({ command: z.literal('reboot'), force: z.boolean() }),
    z
      .strictObject({
        command: z.literal('set-screen-brightness'),
        minimumBrightnessLevel: level,
        maximumBrightnessLevel: level,
      })
      .refine((b) => b.minimumBrightnessLevel <= b.maximumBrightnessLevel, {
        message: 'must not be above the maximum level',
        path: ['minimumBrightnessLevel'],
      }),
    z.strictObject({
      command: z.literal('set-reboot-time'),
      hour: z
        .number('must be a whole hour from 0 to 23')
        .int('must be a whole hour from 0 to 23')
        .min(0, 'must be at least 0')
        .max(23, 'must be at most 23'),
    }),
  ],
  'must be one of the Handpoint device commands',
)

function checkedTerminal(terminal: TerminalRef, what: string): TerminalRef {
  const parsed = terminalSchema.safeParse(terminal)
  if (!parsed.success) throw invalidFields(what, fieldErrorsOf(parsed.error))
  return parsed.data
}

export function deviceMethods({ transport, apiBase }: ClientParts): DeviceApi {
  async function sendTerminalCommand(
    terminal: TerminalRef,
    command: TerminalCommand,
  ): Promise<CommandSent> {
    const target = checkedTerminal(terminal, 'terminal command')
    const parsed = commandSchema.safeParse(command)
    if (!parsed.success) {
      const name = typeof command?.command === 'string' ? command.command.slice(0, 32) : 'command'
      throw invalidFields(`${name} command`, fieldErrorsOf(parsed.error))
    }
    const { command: name, ...body } = parsed.data
    const type = pathSegment(target.terminalType, 'terminalType')
    const serial = pathSegment(target.serialNumber, 'serialNumber')
    // 202 with no body; any 2xx counts. Errors (403, 422, 400 range, 400/1001, 400/1002,
    // 400/1004) arrive as HandpointError from the transport.
    await transport.send({
      method: 'POST',
      url: `${apiBase}/devices/${type}/${serial}/${name}`,
      body,
    })
    return { command: name, outcome: 'sent' }
  }

  return {
    async pingDevice(terminal, options = {}) {
      const target = checkedTerminal(terminal, 'pingDevice request')
      const response = await transport.send({
        method: 'POST',
        url: `${apiBase}/transactions`,
        body: {
          operation: 'pingDevice',
          serial_number: target.serialNumber,
          terminal_type: target.terminalType,
          returnDeviceInfo: options.returnDeviceInfo ?? true,
        },
      })
      return parseAccepted(parseJson(response.body), true)
    },
    sendTerminalCommand,
    setUnattendedMode: (terminal, on) =>
      sendTerminalCommand(terminal, { command: 'set-unattended-mode', status: on }),
    setLocale: (terminal, locale) =>
      sendTerminalCommand(terminal, { command: 'set-locale', locale }),
    setPasswordProtected: (terminal, on) =>
      sendTerminalCommand(terminal, { command: 'set-password-protected', status: on }),
    // Plain JavaScript callers may leave the options out: the schema then names the field.
    reboot: (terminal, options) =>
      sendTerminalCommand(terminal, { command: 'reboot', force: options?.force as boolean }),
    setScreenBrightness: (terminal, levels) =>
      sendTerminalCommand(terminal, {
        command: 'set-screen-brightness',
        minimumBrightnessLevel: levels?.minimum as number,
        maximumBrightnessLevel: levels?.maximum as number,
      }),
    setRebootTime: (terminal, hour) =>
      sendTerminalCommand(terminal, { command: 'set-reboot-time', hour }),
  }
}
