import { snakeCase } from './engine-errors'
import type { TillPaymentRecord } from './ports'
import { isFinalTillState, tillStateOf } from './resource'

export const TERMINAL_STATES = ['idle', 'busy', 'offline', 'unknown'] as const
export type TerminalState = (typeof TERMINAL_STATES)[number]

/** A terminal as a till sees it. */
export interface TerminalResource {
  serial: string
  type: string
  state: TerminalState
  /** The payment running on it, or null. */
  paymentId: string | null
}

const OFFLINE_CODES = new Set(['terminal_offline', 'terminal_not_listening'])

/**
 * What the newest operation on a terminal says about it: busy while it runs (also while its
 * outcome is unknown: the engine keeps the terminal until it knows), offline when the terminal
 * did not answer, idle once it answered, unknown when this checkout has not seen it work.
 */
export function terminalStateFrom(
  newest: TillPaymentRecord | undefined,
): Pick<TerminalResource, 'state' | 'paymentId'> {
  if (!newest) return { state: 'unknown', paymentId: null }
  const state = tillStateOf(newest.state)
  if (!isFinalTillState(state)) return { state: 'busy', paymentId: newest.id }
  const code = newest.lastError?.code ? snakeCase(newest.lastError.code) : ''
  if (OFFLINE_CODES.has(code)) return { state: 'offline', paymentId: null }
  if (newest.result || state !== 'failed') return { state: 'idle', paymentId: null }
  return { state: 'unknown', paymentId: null }
}
