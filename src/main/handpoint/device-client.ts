import { z } from 'zod'
import { toWireCommand } from '@shared/terminals'
import { terminalWireCommandSchema } from '@shared/terminals/command-schema'
import type { ClientParts } from './batch-client'
import type { TerminalRef } from './batch-types'
import { fieldErrorsOf, invalidFields, pathSegment } from './client-util'
import { parseJson } from './error-body'
import type { CommandSent, DeviceApi, TerminalCommand } from './device-types'
import { parseAccepted } from './results'
import { hasControlChars } from './text'

/**
 * `pingDevice` and the device commands (2.20+). Bodies are checked against the shared command
 * table (names, fields, Handpoint's ranges) before anything is sent; a command's 202 is reported as "sent", never as "applied". None of
 * these POSTs is retried: a timeout on a reboot must not become two reboots.
 */

const text = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !hasControlChars(s), 'must not contain control characters')
const terminalSchema = z.strictObject({ serialNumber: text(64), terminalType: text(32) })
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
    const parsed = terminalWireCommandSchema.safeParse(command)
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
    // The shorthands take the values under the names people use; the shared table names them
    // on the wire. Plain JavaScript callers may leave values out: the schema then names the field.
    setUnattendedMode: (terminal, on) =>
      sendTerminalCommand(terminal, toWireCommand({ command: 'set-unattended-mode', on })),
    setLocale: (terminal, locale) =>
      sendTerminalCommand(terminal, toWireCommand({ command: 'set-locale', locale })),
    setPasswordProtected: (terminal, on) =>
      sendTerminalCommand(terminal, toWireCommand({ command: 'set-password-protected', on })),
    reboot: (terminal, options) =>
      sendTerminalCommand(
        terminal,
        toWireCommand({ command: 'reboot', force: options?.force as boolean }),
      ),
    setScreenBrightness: (terminal, levels) =>
      sendTerminalCommand(
        terminal,
        toWireCommand({
          command: 'set-screen-brightness',
          minimum: levels?.minimum as number,
          maximum: levels?.maximum as number,
        }),
      ),
    setRebootTime: (terminal, hour) =>
      sendTerminalCommand(terminal, toWireCommand({ command: 'set-reboot-time', hour })),
  }
}
