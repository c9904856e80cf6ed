import { z } from 'zod'
import type { Message } from '../messages'
import { event, operation } from './define'
import { terminalCommandSchema } from '../terminals/command-schema'
import type { TerminalCommandName, TerminalHealthState } from './terminals.values'

export * from './terminals.values'

/**
 * Terminals over the contract: each terminal's health as this checkout knows it (checks, results,
 * refusals), its history for the day, and the device commands. Handpoint has no device-status
 * endpoint, so every field here comes from something the terminal itself answered.
 */

/**
 * What a terminal says about itself (a result's `deviceStatus`, a check's device info), typed. A
 * field is absent when it was not sent or could not be read; nothing is guessed.
 */
export interface TerminalDeviceReport {
  /** 0-100. */
  batteryPercent?: number
  /** True while charging; false for "Not Charging" and for "Full". */
  charging?: boolean
  batteryFull?: boolean
  /** "USB", "AC", "NONE" ... as the terminal sent it (upper-cased). */
  externalPower?: string
  /** True on USB or AC, false on battery alone; absent when the terminal did not say. */
  onExternalPower?: boolean
  appName?: string
  appVersion?: string
  /** A check's device info only (pingDevice with returnDeviceInfo). */
  sdkVersion?: string
  firmwareVersion?: string
}

/** What a terminal last said about itself, and when. */
export interface TerminalDeviceInfo extends TerminalDeviceReport {
  /** When the terminal reported these (epoch ms) and what carried them. */
  reportedAt: number
  source: 'check' | 'result'
}

export interface TerminalHealthView {
  merchantId: string
  serialNumber: string
  terminalType: string
  state: TerminalHealthState
  /** When the state last changed (epoch ms); absent while unchecked. */
  since?: number
  /** The last time the terminal itself answered (a check, an operation, a refusal as busy). */
  lastSeenAt?: number
  /** The last check that got an answer from Handpoint, whatever it said. */
  lastCheckedAt?: number
  /** A check is under way. */
  checking: boolean
  /** When the next scheduled check is due (absent while busy here, or for the virtual terminal). */
  nextCheckAt?: number
  device?: TerminalDeviceInfo
  /** The last check could not get through to Handpoint (network, key, ...): the state is older. */
  checkProblem?: Message & { at: number }
}

/** One line of a terminal's day, in words. Repeats of the same line are folded into one. */
export interface TerminalHistoryEntry extends Message {
  at: number
  /** How many times in a row it happened; `lastAt` is the latest. */
  count: number
  lastAt: number
}

/** A command as journalled: who asked, when, what, and what Handpoint answered. */
export interface TerminalCommandEntry {
  id: string
  merchantId: string
  serialNumber: string
  command: TerminalCommandName
  /** The body as Handpoint takes it (`{"hour":3}`), also when it was refused before sending. */
  body: Record<string, unknown>
  /** Who asked: the window, the CLI, a till. */
  by: string
  at: number
  /**
   * - `sent`: Handpoint accepted it (202). Never "applied": there is no read-back, and a terminal
   *   outside Integrated Mode takes the 202 and ignores the command.
   * - `refused`: by this app or by Handpoint; nothing reached the terminal.
   * - `unknown`: no clear answer (timeout, reset, 5xx); it may have reached the terminal.
   * - `failed`: it never left (no connection, unusable key).
   */
  outcome: 'sent' | 'refused' | 'unknown' | 'failed'
  /** What happened, in a message code: what to do next. */
  answer: Message
}

/**
 * A device command as people ask for it (the service maps it to Handpoint's body): checked
 * against the table in `src/shared/terminals`. `force` reboots even in the middle of a payment
 * and needs `confirmed`.
 */
export { terminalCommandSchema }

/** A terminal's detail panel: its health, its day in words, its journalled commands. */
export interface TerminalDetail {
  health: TerminalHealthView
  history: TerminalHistoryEntry[]
  commands: TerminalCommandEntry[]
}

/** Pushed whenever anything on a merchant's board changed (the whole board, it is short). */
export interface TerminalBoardEvent {
  merchantId: string
  terminals: TerminalHealthView[]
}

const merchantRef = z.strictObject({ merchantId: z.string().min(1).max(64) })
const terminalRef = z.strictObject({
  merchantId: z.string().min(1).max(64),
  serialNumber: z.string().min(1).max(64),
})

export const terminalOperations = {
  listTerminalHealth: operation<TerminalHealthView[]>()(merchantRef),
  refreshTerminalHealth: operation<TerminalHealthView[]>()(merchantRef),
  checkTerminal: operation<TerminalHealthView>()(terminalRef),
  getTerminalDetail: operation<TerminalDetail>()(terminalRef),
  sendTerminalCommand: operation<TerminalCommandEntry>()(
    terminalRef.extend({ command: terminalCommandSchema }),
  ),
}

export const terminalEvents = {
  onTerminalBoard: event<TerminalBoardEvent>(),
}
