import {
  terminalCommandSchema,
  type TerminalCommandRequest,
} from '@shared/contract/terminals.contract'
import type { TerminalLocale } from '@shared/terminals'
import { describe } from '@shared/messages'
import type { CliCommand } from './command'
import { UsageError, type CliOptions } from './options'
import { terminalCareFor } from './terminal-care'

const SWITCH = { on: true, off: false } as const

/** What people type -> the command request (Handpoint's names work too). */
function requestOf(
  name: string,
  value: string | undefined,
  force: boolean,
): TerminalCommandRequest {
  const onOff = (): boolean => {
    if (value === 'on' || value === 'off') return SWITCH[value]
    throw new UsageError(`${name} takes on or off.`)
  }
  const whole = (text: string | undefined): number =>
    text && /^\d+$/.test(text) ? Number(text) : NaN
  switch (name) {
    case 'unattended':
    case 'set-unattended-mode':
      return { command: 'set-unattended-mode', on: onOff() }
    case 'password':
    case 'set-password-protected':
      return { command: 'set-password-protected', on: onOff() }
    case 'locale':
    case 'set-locale':
      return { command: 'set-locale', locale: (value ?? '') as TerminalLocale } // checked below
    case 'reboot':
      // --force is the confirmation: it interrupts a payment in progress on purpose.
      return force
        ? { command: 'reboot', force: true, confirmed: true }
        : { command: 'reboot', force: false }
    case 'brightness':
    case 'set-screen-brightness': {
      const [min, max] = (value ?? '').split(/[-,]/)
      return { command: 'set-screen-brightness', minimum: whole(min), maximum: whole(max) }
    }
    case 'reboot-hour':
    case 'set-reboot-time':
      return { command: 'set-reboot-time', hour: whole(value) }
    default:
      throw new UsageError(
        `Unknown terminal command "${name}": use check, unattended on|off, locale de_DE, password on|off, reboot [--force], brightness MIN-MAX or reboot-hour 0-23.`,
      )
  }
}

function checked(name: string, value: string | undefined, options: CliOptions) {
  if (options.force && name !== 'reboot') throw new UsageError('Only reboot takes --force.')
  const parsed = terminalCommandSchema.safeParse(requestOf(name, value, options.force))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new UsageError(
      `${name}: ${issue?.path.join('.') || 'value'} ${issue?.message ?? 'is not valid'} (brightness 0-100 with minimum <= maximum, hour 0-23, locales like de_DE).`,
    )
  }
  return parsed.data
}

/**
 * `terminal SERIAL COMMAND [VALUE] [--force]`: one device command, or `check` (a ping). The
 * answer is "sent to the terminal" at best: Handpoint never says whether the terminal applied
 * it. Exit codes: 0 sent (or the check got an answer), 2 refused or not sent, 3 unclear.
 */
export const terminalCommand: CliCommand = {
  usage: 'terminal SERIAL COMMAND [VALUE] [--force]',
  summary: 'Check a terminal, or send it a command.',
  async run(ctx, options, io) {
    const [serial, name, value] = options.positionals
    if (!serial || !name)
      throw new UsageError(
        'Give the terminal and the command, for example: terminal 0821032398 reboot-hour 3',
      )
    const request = name === 'check' ? undefined : checked(name, value, options)
    const { care, close } = await terminalCareFor(ctx, options)
    try {
      if (!request) {
        const view = await care.health.check(options.merchantId, serial)
        if (!view) throw new UsageError(`Terminal ${serial} is not listed for this API key.`)
        if (options.json) io.out(`${JSON.stringify(view)}\n`)
        else
          io.out(
            `${serial}: ${view.state}${view.checkProblem ? ` (${describe(view.checkProblem.code, view.checkProblem.params)})` : ''}\n`,
          )
        return view.state === 'online' ? 0 : 2
      }
      const entry = await care.commands.send(options.merchantId, serial, request, 'cli')
      if (options.json) io.out(`${JSON.stringify(entry)}\n`)
      else io.out(`${describe(entry.answer.code, entry.answer.params)}\n`)
      return entry.outcome === 'sent' ? 0 : entry.outcome === 'unknown' ? 3 : 2
    } finally {
      close()
    }
  },
}
