import { msg, type Message } from '@shared/messages'
import type {
  TerminalDeviceReport,
  TerminalDeviceInfo,
  TerminalHealthState,
  TerminalHealthView,
} from '@shared/contract/terminals.contract'
import { isVirtualTerminal } from '@shared/contract/terminals.values'

/**
 * One terminal's health as a state machine, fed only by what the terminal answered. Pure: the
 * service owns time, scheduling and listeners; this file says what each signal means.
 *
 * Why each signal means what it does:
 * - A check's 202 (or an operation's 202) proves the terminal is listening now: online, and
 *   "offline" clears at once.
 * - 1001 proves it is connected but busy; if this checkout runs nothing there, someone else does.
 * - 1002 is Handpoint saying nothing listens at the other end: offline.
 * - A check that could not reach Handpoint (our network, the key, a timeout) says nothing about
 *   the terminal: the state stays, the problem is shown next to it.
 * - An operation of ours ending without any answer from the terminal (never sent, outcome still
 *   unknown) returns the terminal to what it was before, or to online if Handpoint took it.
 */

/** What a device told us, without the time stamp (added when it is applied). */
export type DeviceReport = TerminalDeviceReport

/** What a check (pingDevice) came back with. */
export type PingAnswer =
  | { kind: 'online'; device?: DeviceReport }
  | { kind: 'busy' }
  | { kind: 'not-listening' }
  /** The check did not get through to the terminal; `problem` says why (a message code). */
  | { kind: 'failed'; problem: Message }

/** How one of this checkout's operations on the terminal ended, as far as health is concerned. */
export type OperationOutcome =
  /** A result came from the terminal (it may carry `deviceStatus`). */
  | { kind: 'answered'; operation: string; device?: DeviceReport }
  /** Refused with 1001 or 1002 before anything ran. */
  | { kind: 'busy' }
  | { kind: 'not-listening' }
  /** Ended without a word from the terminal (not sent, not charged, outcome unknown). */
  | { kind: 'no-answer' }

/** What a device command came back with. */
export type CommandAnswer =
  | { kind: 'sent' }
  | { kind: 'busy' }
  | { kind: 'not-listening' }
  | { kind: 'failed'; problem: Message }

export type HealthSignal =
  | { kind: 'check-started' }
  | { kind: 'check-skipped' }
  | { kind: 'check'; answer: PingAnswer }
  | { kind: 'operation-started' }
  | { kind: 'operation-accepted' }
  | { kind: 'operation-ended'; outcome: OperationOutcome }
  | { kind: 'command'; command: string; answer: CommandAnswer }

/** The view plus what the machine needs to remember. */
export interface HealthRecord {
  view: TerminalHealthView
  /** This checkout runs an operation on the terminal. */
  busyHere: boolean
  /** Where the terminal returns when our operation ends without a word from it. */
  resume: TerminalHealthState
  /** When the last check left (scheduled or asked for). */
  lastCheckStartedAt?: number
  /** When the terminal last told us anything (check answer, result, refusal). */
  lastNewsAt?: number
}

export function newRecord(terminal: {
  merchantId: string
  serialNumber: string
  terminalType: string
}): HealthRecord {
  const virtual = isVirtualTerminal(terminal.terminalType)
  return {
    view: {
      merchantId: terminal.merchantId,
      serialNumber: terminal.serialNumber,
      terminalType: terminal.terminalType,
      state: virtual ? 'virtual' : 'unchecked',
      checking: false,
    },
    busyHere: false,
    resume: virtual ? 'virtual' : 'unchecked',
  }
}

function withDevice(
  view: TerminalHealthView,
  device: DeviceReport | undefined,
  source: TerminalDeviceInfo['source'],
  now: number,
): TerminalHealthView {
  if (!device || Object.keys(device).length === 0) return view
  // A check may report versions without a battery, a result a battery without SDK versions:
  // what this report leaves out keeps its last known value.
  return { ...view, device: { ...view.device, ...device, reportedAt: now, source } }
}

function moveTo(
  record: HealthRecord,
  state: TerminalHealthState,
  now: number,
  patch: Partial<TerminalHealthView> = {},
): HealthRecord {
  const view = { ...record.view, ...patch }
  if (record.busyHere) {
    // Our operation holds the terminal: the board says so; the news is kept for afterwards.
    return { ...record, view, resume: state }
  }
  const since = state === record.view.state && view.since !== undefined ? view.since : now
  return { ...record, view: { ...view, state, since }, resume: state }
}

/**
 * Applies one signal. Returns the new record and, when it is worth a line in the terminal's day,
 * that line.
 */
export function applySignal(
  record: HealthRecord,
  signal: HealthSignal,
  now: number,
): { record: HealthRecord; entry?: Message } {
  if (record.view.state === 'virtual') return { record }
  switch (signal.kind) {
    case 'check-started':
      return {
        record: { ...record, lastCheckStartedAt: now, view: { ...record.view, checking: true } },
      }
    case 'check-skipped':
      return { record: { ...record, view: { ...record.view, checking: false } } }
    case 'check':
      return applyCheck(record, signal.answer, now)
    case 'operation-started': {
      // A check still waiting for the budget is called off at its grant: none is under way.
      const view: TerminalHealthView = {
        ...record.view,
        state: 'busy-here',
        since: now,
        checking: false,
      }
      const resume = record.busyHere ? record.resume : record.view.state
      return { record: { ...record, busyHere: true, resume, view } }
    }
    case 'operation-accepted': {
      const { checkProblem: _, ...view } = record.view
      return {
        record: {
          ...record,
          resume: 'online',
          lastNewsAt: now,
          view: { ...view, lastSeenAt: now },
        },
      }
    }
    case 'operation-ended':
      return applyEnd(record, signal.outcome, now)
    case 'command':
      return applyCommand(record, signal.command, signal.answer, now)
  }
}

function applyCheck(
  record: HealthRecord,
  answer: PingAnswer,
  now: number,
): { record: HealthRecord; entry?: Message } {
  const base: HealthRecord = {
    ...record,
    view: { ...record.view, checking: false },
  }
  if (answer.kind === 'failed') {
    return {
      record: { ...base, view: { ...base.view, checkProblem: { ...answer.problem, at: now } } },
      entry: answer.problem,
    }
  }
  const { checkProblem: _, ...cleared } = base.view
  const heard: HealthRecord = {
    ...base,
    lastNewsAt: now,
    view: { ...cleared, lastCheckedAt: now },
  }
  if (answer.kind === 'online') {
    const next = moveTo(heard, 'online', now, { lastSeenAt: now })
    return {
      record: { ...next, view: withDevice(next.view, answer.device, 'check', now) },
      entry: msg('health_check_online'),
    }
  }
  if (answer.kind === 'busy') {
    return {
      record: moveTo(heard, 'busy-elsewhere', now, { lastSeenAt: now }),
      entry: msg('health_check_busy'),
    }
  }
  return { record: moveTo(heard, 'offline', now), entry: msg('health_check_not_listening') }
}

function applyEnd(
  record: HealthRecord,
  outcome: OperationOutcome,
  now: number,
): { record: HealthRecord; entry?: Message } {
  const free: HealthRecord = { ...record, busyHere: false }
  switch (outcome.kind) {
    case 'answered': {
      const { checkProblem: _, ...view } = free.view
      const next = moveTo({ ...free, lastNewsAt: now, view }, 'online', now, { lastSeenAt: now })
      return {
        record: { ...next, view: withDevice(next.view, outcome.device, 'result', now) },
        entry: msg('health_result', { operation: outcome.operation }),
      }
    }
    case 'busy':
      return {
        record: moveTo({ ...free, lastNewsAt: now }, 'busy-elsewhere', now, { lastSeenAt: now }),
        entry: msg('health_refused_busy'),
      }
    case 'not-listening':
      return {
        record: moveTo({ ...free, lastNewsAt: now }, 'offline', now),
        entry: msg('health_refused_not_listening'),
      }
    case 'no-answer':
      return { record: moveTo(free, record.resume, now) }
  }
}

function applyCommand(
  record: HealthRecord,
  command: string,
  answer: CommandAnswer,
  now: number,
): { record: HealthRecord; entry?: Message } {
  switch (answer.kind) {
    // Before Handpoint 2.26 a 202 came even with nobody listening: it does not clear "offline".
    case 'sent':
      return { record, entry: msg('health_command_sent', { command }) }
    case 'busy':
      return {
        record: moveTo({ ...record, lastNewsAt: now }, 'busy-elsewhere', now, { lastSeenAt: now }),
        entry: msg('health_command_refused_busy', { command }),
      }
    case 'not-listening':
      return {
        record: moveTo({ ...record, lastNewsAt: now }, 'offline', now),
        entry: msg('health_command_refused_not_listening', { command }),
      }
    case 'failed':
      return { record, entry: answer.problem }
  }
}
