import { describe, expect, it } from 'vitest'
import {
  terminalCommandSchema,
  type TerminalCommandEntry,
  type TerminalCommandRequest,
} from '../../../src/shared/contract/terminals.contract'
import { HandpointError } from '../../../src/main/handpoint/errors'
import {
  TerminalCommands,
  type CommandJournal,
  type TerminalCommandsOptions,
} from '../../../src/main/terminals/commands'
import {
  toWireCommand,
  type TerminalWireCommand as WireCommand,
} from '../../../src/shared/terminals'
import type { HealthSignal } from '../../../src/main/terminals/health-machine'
import { ManualClock, recordingBudget } from './support'

function memoryJournal(): CommandJournal & { all: TerminalCommandEntry[] } {
  const all: TerminalCommandEntry[] = []
  return {
    all,
    append: (entry) => void all.push(entry),
    list: (m, s, limit) =>
      all
        .filter((e) => e.merchantId === m && e.serialNumber === s)
        .reverse()
        .slice(0, limit),
  }
}

function commandsWorld(answer: () => Promise<unknown> = () => Promise.resolve(undefined)) {
  const clock = new ManualClock()
  const journal = memoryJournal()
  const busy = new Set<string>()
  const sent: { serial: string; command: WireCommand }[] = []
  const signals: HealthSignal[] = []
  const budget = recordingBudget()
  let n = 0
  const options: TerminalCommandsOptions = {
    clock,
    journal,
    budget,
    busyHere: (_m, serial) => busy.has(serial),
    terminalOf: (m, serial) =>
      Promise.resolve(
        m !== 'm1'
          ? undefined
          : serial === 'T1'
            ? { serialNumber: 'T1', terminalType: 'PAXA920PRO' }
            : serial === 'VT1'
              ? { serialNumber: 'VT1', terminalType: 'VT' }
              : undefined,
      ),
    clientFor: () =>
      Promise.resolve({
        sendTerminalCommand: (terminal, command) => {
          sent.push({ serial: terminal.serialNumber, command })
          return answer()
        },
      }),
    observe: (_m, _s, signal) => signals.push(signal),
    newId: () => `c${++n}`,
  }
  const commands = new TerminalCommands(options)
  return { clock, journal, busy, sent, signals, budget, commands, options }
}

const EVERY_COMMAND: [TerminalCommandRequest, WireCommand][] = [
  [
    { command: 'set-unattended-mode', on: true },
    { command: 'set-unattended-mode', status: true },
  ],
  [
    { command: 'set-locale', locale: 'de_DE' },
    { command: 'set-locale', locale: 'de_DE' },
  ],
  [
    { command: 'set-password-protected', on: false },
    { command: 'set-password-protected', status: false },
  ],
  [
    { command: 'reboot', force: false },
    { command: 'reboot', force: false },
  ],
  [
    { command: 'set-screen-brightness', minimum: 10, maximum: 90 },
    { command: 'set-screen-brightness', minimumBrightnessLevel: 10, maximumBrightnessLevel: 90 },
  ],
  [
    { command: 'set-reboot-time', hour: 3 },
    { command: 'set-reboot-time', hour: 3 },
  ],
]

describe('terminal commands: what people may ask for', () => {
  it.each([
    { command: 'set-screen-brightness', minimum: -1, maximum: 50 },
    { command: 'set-screen-brightness', minimum: 0, maximum: 101 },
    { command: 'set-screen-brightness', minimum: 60, maximum: 50 },
    { command: 'set-screen-brightness', minimum: 10.5, maximum: 50 },
    { command: 'set-reboot-time', hour: 24 },
    { command: 'set-reboot-time', hour: -1 },
    { command: 'set-reboot-time', hour: 2.5 },
    { command: 'set-locale', locale: 'de-DE' },
    { command: 'set-locale', locale: 'xx_XX' },
    { command: 'set-unattended-mode', on: 'yes' },
    { command: 'set-password-protected' },
    { command: 'reboot' },
    { command: 'reboot', force: false, extra: 1 },
    { command: 'factory-reset' },
  ])('refuses %j before anything is sent', (request) => {
    expect(terminalCommandSchema.safeParse(request).success).toBe(false)
  })

  it.each([
    { command: 'set-screen-brightness', minimum: 0, maximum: 0 },
    { command: 'set-screen-brightness', minimum: 0, maximum: 100 },
    { command: 'set-reboot-time', hour: 0 },
    { command: 'set-reboot-time', hour: 23 },
    { command: 'reboot', force: true, confirmed: true },
  ])('accepts the edges of each range: %j', (request) => {
    expect(terminalCommandSchema.safeParse(request).success).toBe(true)
  })

  it.each(EVERY_COMMAND)('%j goes out as Handpoint body %j', (request, wire) => {
    expect(toWireCommand(request)).toEqual(wire)
  })
})

describe('terminal commands: sending and the journal', () => {
  it.each(EVERY_COMMAND)(
    '%j: a 202 is "sent to the terminal", journalled with who, when and what',
    async (request, wire) => {
      const w = commandsWorld()
      const entry = await w.commands.send('m1', 'T1', request, 'checkout')
      expect(entry).toMatchObject({
        merchantId: 'm1',
        serialNumber: 'T1',
        command: request.command,
        by: 'checkout',
        at: w.clock.now(),
        outcome: 'sent',
        answer: { code: 'command_sent', params: { serial: 'T1' } },
      })
      const { command: _, ...body } = wire
      expect(entry.body).toEqual(body)
      expect(w.sent).toEqual([{ serial: 'T1', command: wire }])
      expect(w.budget.sent).toEqual([{ key: 'm1', owner: 'command:T1' }])
      expect(w.journal.all).toEqual([entry])
      expect(w.signals).toEqual([
        { kind: 'command', command: request.command, answer: { kind: 'sent' } },
      ])
    },
  )

  it('refuses a command while this checkout runs a payment on the terminal', async () => {
    const w = commandsWorld()
    w.busy.add('T1')
    const entry = await w.commands.send('m1', 'T1', { command: 'reboot', force: false }, 'cli')
    expect(entry).toMatchObject({
      outcome: 'refused',
      answer: { code: 'command_refused_running' },
      by: 'cli',
    })
    expect(w.sent).toEqual([])
    expect(w.journal.all).toHaveLength(1)
  })

  it('a forced reboot needs a confirmation, and then goes out even during a payment', async () => {
    const w = commandsWorld()
    w.busy.add('T1')
    const unconfirmed = await w.commands.send('m1', 'T1', { command: 'reboot', force: true }, 'x')
    expect(unconfirmed.answer.code).toBe('command_force_unconfirmed')
    expect(w.sent).toEqual([])
    const confirmed = await w.commands.send(
      'm1',
      'T1',
      { command: 'reboot', force: true, confirmed: true },
      'x',
    )
    expect(confirmed.outcome).toBe('sent')
    expect(w.sent).toEqual([{ serial: 'T1', command: { command: 'reboot', force: true } }])
  })

  it('never sends to a terminal that is not the merchant’s, nor to the virtual terminal', async () => {
    const w = commandsWorld()
    await expect(
      w.commands.send('m2', 'T1', { command: 'reboot', force: false }, 'x'),
    ).rejects.toMatchObject({ code: 'terminal_not_found', params: { serial: 'T1' } })
    const vt = await w.commands.send('m1', 'VT1', { command: 'reboot', force: false }, 'x')
    expect(vt).toMatchObject({ outcome: 'refused', answer: { code: 'command_virtual_terminal' } })
    expect(w.sent).toEqual([])
  })

  it.each([
    [
      new HandpointError('terminal-busy', 'busy', { httpStatus: 400, terminalCode: 1001 }),
      'refused',
      'command_terminal_busy',
      { kind: 'busy' },
    ],
    [
      new HandpointError('terminal-offline', 'no', { httpStatus: 400, terminalCode: 1002 }),
      'refused',
      'command_not_listening',
      { kind: 'not-listening' },
    ],
    [
      new HandpointError('bad-request', 'hour must be between 0 and 23', { httpStatus: 400 }),
      'refused',
      'command_value_refused',
      undefined,
    ],
    [
      new HandpointError('validation', 'invalid', { httpStatus: 422 }),
      'refused',
      'command_value_refused',
      undefined,
    ],
    [
      new HandpointError('forbidden', 'key', { httpStatus: 403 }),
      'refused',
      'command_refused',
      undefined,
    ],
    [
      new HandpointError('timeout', 'slow', { ambiguous: true }),
      'unknown',
      'command_unclear',
      { kind: 'failed', problem: { code: 'command_unclear', params: { cause: 'timeout' } } },
    ],
    [new HandpointError('network', 'refused'), 'failed', 'command_failed', undefined],
  ] as const)('Handpoint answers %s: %s with %s', async (error, outcome, code, health) => {
    const w = commandsWorld(() => Promise.reject(error))
    const entry = await w.commands.send('m1', 'T1', { command: 'set-reboot-time', hour: 3 }, 'x')
    expect(entry.outcome).toBe(outcome)
    expect(entry.answer.code).toBe(code)
    expect(w.journal.all).toEqual([entry])
    expect(w.signals).toEqual(
      health ? [{ kind: 'command', command: 'set-reboot-time', answer: health }] : [],
    )
  })

  it('waits for our own check to leave the terminal before sending', async () => {
    let quiet!: () => void
    const order: string[] = []
    const w = commandsWorld(() => (order.push('sent'), Promise.resolve()))
    const commands = new TerminalCommands({
      ...w.options,
      whenQuiet: () =>
        new Promise<void>((resolve) => (quiet = () => (order.push('quiet'), resolve()))),
    })
    const sending = commands.send('m1', 'T1', { command: 'set-reboot-time', hour: 1 }, 'x')
    await new Promise((r) => setTimeout(r, 0))
    expect(order).toEqual([])
    quiet()
    await expect(sending).resolves.toMatchObject({ outcome: 'sent' })
    expect(order).toEqual(['quiet', 'sent'])
  })

  it('lists a terminal’s commands newest first', async () => {
    const w = commandsWorld()
    await w.commands.send('m1', 'T1', { command: 'set-reboot-time', hour: 3 }, 'a')
    await w.clock.advance(1000)
    await w.commands.send('m1', 'T1', { command: 'set-locale', locale: 'en_UK' }, 'b')
    expect(w.commands.journal('m1', 'T1').map((e) => e.by)).toEqual(['b', 'a'])
  })
})
