import { AppError } from '@shared/contract/result'
import type {
  TerminalCommandEntry,
  TerminalCommandRequest,
} from '@shared/contract/terminals.contract'
import { toWireCommand, type TerminalWireCommand } from '@shared/terminals'
import { causeOf, msg, type Message } from '@shared/messages'
import { isVirtualTerminal } from '@shared/contract/terminals.values'
import { HandpointError } from '../handpoint/errors'
import type { Clock } from '../payments/ports'
import type { CommandAnswer, HealthSignal } from './health-machine'

export interface CommandClient {
  /** Resolves on Handpoint's 202; throws HandpointError otherwise. Never retried. */
  sendTerminalCommand(
    terminal: { serialNumber: string; terminalType: string },
    command: TerminalWireCommand,
  ): Promise<unknown>
}

/** Where commands are journalled: append-only, read per terminal. */
export interface CommandJournal {
  append(entry: TerminalCommandEntry): void
  /** The terminal's commands, newest first. */
  list(merchantId: string, serialNumber: string, limit: number): TerminalCommandEntry[]
}

export interface TerminalCommandsOptions {
  clock: Clock
  journal: CommandJournal
  /** The merchant's client (one attempt per call); throws AppError when the key is unusable. */
  clientFor: (merchantId: string) => Promise<CommandClient>
  /** The terminal as last listed by this merchant's key; undefined when it is not theirs. */
  terminalOf: (
    merchantId: string,
    serial: string,
  ) => Promise<{ serialNumber: string; terminalType: string } | undefined>
  /** Whether this checkout runs an operation on the terminal (the engine's lock). */
  busyHere: (merchantId: string, serial: string) => boolean
  /** Sends through the key's request budget, like every other request of that key. */
  budget: { send<T>(key: string, owner: string, request: () => Promise<T>): Promise<T> }
  /** Resolves once no health check of ours is at the terminal (so it is not refused as busy). */
  whenQuiet?: (merchantId: string, serial: string) => Promise<void>
  /** What the answer says about the terminal's health. */
  observe?: (merchantId: string, serial: string, signal: HealthSignal) => void
  newId: () => string
}

/**
 * The terminal commands (Handpoint 2.20+): unattended mode, locale, password protection, reboot,
 * screen brightness, daily reboot hour. Refused while this checkout runs an operation on the
 * terminal, except a confirmed forced reboot. Every request is journalled with who asked, when,
 * what and the answer. A 202 is "sent to the terminal", never "applied".
 */
export class TerminalCommands {
  constructor(private readonly options: TerminalCommandsOptions) {}

  /**
   * Sends one command and returns its journal entry (also for refusals: the entry says why).
   * Throws AppError `terminal_not_found` for a terminal that is not the merchant's.
   */
  async send(
    merchantId: string,
    serial: string,
    request: TerminalCommandRequest,
    by: string,
  ): Promise<TerminalCommandEntry> {
    const terminal = await this.options.terminalOf(merchantId, serial)
    if (!terminal) {
      throw new AppError(msg('terminal_not_found', { serial }))
    }
    const wire = toWireCommand(request)
    const entry = (
      outcome: TerminalCommandEntry['outcome'],
      answer: Message,
    ): TerminalCommandEntry => {
      const made: TerminalCommandEntry = {
        id: this.options.newId(),
        merchantId,
        serialNumber: serial,
        command: request.command,
        body: bodyOf(wire),
        by,
        at: this.options.clock.now(),
        outcome,
        answer,
      }
      this.options.journal.append(made)
      return made
    }

    if (isVirtualTerminal(terminal.terminalType)) {
      return entry('refused', msg('command_virtual_terminal'))
    }
    const forced = request.command === 'reboot' && request.force
    if (forced && request.confirmed !== true) {
      return entry('refused', msg('command_force_unconfirmed', { serial }))
    }
    if (this.options.busyHere(merchantId, serial) && !forced) {
      return entry('refused', msg('command_refused_running', { serial }))
    }

    const observe = (answer: CommandAnswer) =>
      this.options.observe?.(merchantId, serial, {
        kind: 'command',
        command: request.command,
        answer,
      })
    let client: CommandClient
    try {
      client = await this.options.clientFor(merchantId)
    } catch (err) {
      const problem = messageOf(err) ?? msg('command_failed', { cause: 'unknown' })
      return entry('failed', problem)
    }
    await this.options.whenQuiet?.(merchantId, serial)
    try {
      await this.options.budget.send(merchantId, `command:${serial}`, () =>
        client.sendTerminalCommand(
          { serialNumber: terminal.serialNumber, terminalType: terminal.terminalType },
          wire,
        ),
      )
    } catch (err) {
      const { outcome, answer, health } = readFailure(err, serial)
      if (health) observe(health)
      return entry(outcome, answer)
    }
    observe({ kind: 'sent' })
    return entry('sent', msg('command_sent', { serial }))
  }

  /** The terminal's journalled commands, newest first. */
  journal(merchantId: string, serial: string, limit = 50): TerminalCommandEntry[] {
    return this.options.journal.list(merchantId, serial, limit)
  }
}

function messageOf(err: unknown): Message | undefined {
  if (!(err instanceof AppError)) return undefined
  return err.params ? { code: err.code, params: err.params } : { code: err.code }
}

function bodyOf(wire: TerminalWireCommand): Record<string, unknown> {
  const { command: _, ...body } = wire
  return body
}

function readFailure(
  err: unknown,
  serial: string,
): { outcome: TerminalCommandEntry['outcome']; answer: Message; health?: CommandAnswer } {
  if (!(err instanceof HandpointError)) {
    const app = messageOf(err)
    return {
      outcome: 'failed',
      answer: app ?? msg('command_failed', { cause: 'unknown' }),
    }
  }
  const cause = causeOf(err.kind)
  if (err.kind === 'terminal-busy') {
    return {
      outcome: 'refused',
      answer: msg('command_terminal_busy', { serial }),
      health: { kind: 'busy' },
    }
  }
  if (err.kind === 'terminal-offline') {
    return {
      outcome: 'refused',
      answer: msg('command_not_listening', { serial }),
      health: { kind: 'not-listening' },
    }
  }
  if (err.ambiguous) {
    // A timeout on a reboot may still reboot: never resend blindly, check the terminal first.
    return {
      outcome: 'unknown',
      answer: msg('command_unclear', { cause }),
      health: { kind: 'failed', problem: msg('command_unclear', { cause }) },
    }
  }
  if (err.kind === 'network' || err.kind === 'timeout') {
    return { outcome: 'failed', answer: msg('command_failed', { cause }) }
  }
  if (err.kind === 'bad-request' || err.kind === 'validation' || err.kind === 'invalid-input') {
    return { outcome: 'refused', answer: msg('command_value_refused', { cause }) }
  }
  return { outcome: 'refused', answer: msg('command_refused', { cause }) }
}
