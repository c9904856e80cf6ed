import { describe, expect, it } from 'vitest'
import {
  TERMINAL_COMMAND_SPECS,
  TERMINAL_COMMANDS,
  toWireCommand,
  withinRanges,
  type TerminalCommandRequest,
} from '../../../src/shared/terminals'
import {
  terminalCommandSchema,
  terminalWireCommandSchema,
} from '../../../src/shared/terminals/command-schema'

/** The one table of device commands: the people's schema, the wire schema, the form's range
 * check and the mapping to Handpoint's body must agree with each other. */

const REQUESTS: TerminalCommandRequest[] = [
  { command: 'set-unattended-mode', on: false },
  { command: 'set-locale', locale: 'et_EE' },
  { command: 'set-password-protected', on: true },
  { command: 'reboot', force: true, confirmed: true },
  { command: 'set-screen-brightness', minimum: 0, maximum: 100 },
  { command: 'set-reboot-time', hour: 23 },
]

describe('the terminal command table', () => {
  it('lists every command once, in the table order', () => {
    expect(TERMINAL_COMMANDS).toEqual(Object.keys(TERMINAL_COMMAND_SPECS))
    expect(new Set(REQUESTS.map((r) => r.command))).toEqual(new Set(TERMINAL_COMMANDS))
  })

  it.each(REQUESTS)('%j is accepted, and its wire body is what the client accepts', (request) => {
    expect(terminalCommandSchema.safeParse(request).success).toBe(true)
    expect(withinRanges(request)).toBe(true)
    const wire = toWireCommand(request)
    expect(terminalWireCommandSchema.safeParse(wire).success).toBe(true)
    expect(Object.keys(wire)).not.toContain('confirmed')
  })

  it.each([
    { command: 'set-screen-brightness', minimum: 0, maximum: 101 },
    { command: 'set-screen-brightness', minimum: 51, maximum: 50 },
    { command: 'set-screen-brightness', minimum: 1.5, maximum: 50 },
    { command: 'set-reboot-time', hour: 24 },
    { command: 'set-reboot-time', hour: -1 },
  ] as TerminalCommandRequest[])(
    '%j is out of range for the form, the contract and the wire',
    (request) => {
      expect(withinRanges(request)).toBe(false)
      expect(terminalCommandSchema.safeParse(request).success).toBe(false)
      expect(terminalWireCommandSchema.safeParse(toWireCommand(request)).success).toBe(false)
    },
  )
})
