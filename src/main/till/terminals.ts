import type { TerminalHealthState } from '@shared/contract/terminals.values'
import { snakeCase } from './engine-errors'
import type { TillDirectory, TillEngine, TillHealth, TillPaymentRecord } from './ports'
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
 * A terminal's state for tills. A payment of this checkout running on it makes it busy (with
 * that payment's id; also while its outcome is unknown: the engine keeps the terminal until it
 * knows). Otherwise terminal care's health (`health`: its checks, Handpoint's 1001/1002 answers
 * and the payments it watched), so the till and the board tell the same truth: offline, busy
 * (here or with another client), idle once the terminal answered. Without a word from terminal
 * care (nothing heard yet, the virtual terminal, no terminal care at all), the newest operation
 * decides: offline when the terminal did not answer it, idle when it did, unknown when this
 * checkout has not seen the terminal work.
 */
export function terminalStateFrom(
  newest: TillPaymentRecord | undefined,
  health?: TerminalHealthState,
): Pick<TerminalResource, 'state' | 'paymentId'> {
  if (newest && !isFinalTillState(tillStateOf(newest.state))) {
    return { state: 'busy', paymentId: newest.id }
  }
  switch (health) {
    case 'offline':
      return { state: 'offline', paymentId: null }
    case 'busy-here':
    case 'busy-elsewhere':
      return { state: 'busy', paymentId: null }
    case 'online':
      return { state: 'idle', paymentId: null }
    default:
      return stateOfNewest(newest)
  }
}

function stateOfNewest(
  newest: TillPaymentRecord | undefined,
): Pick<TerminalResource, 'state' | 'paymentId'> {
  if (!newest) return { state: 'unknown', paymentId: null }
  const code = newest.lastError?.code ? snakeCase(newest.lastError.code) : ''
  if (OFFLINE_CODES.has(code)) return { state: 'offline', paymentId: null }
  if (newest.result || tillStateOf(newest.state) !== 'failed') {
    return { state: 'idle', paymentId: null }
  }
  return { state: 'unknown', paymentId: null }
}

/** The terminals of a merchant as tills see them: the engine's payments and terminal care. */
export class TillTerminals {
  constructor(
    private readonly engine: Pick<TillEngine, 'list'>,
    private readonly directory: TillDirectory,
    private readonly health: TillHealth | undefined,
  ) {}

  /** The merchant's terminals with what this checkout knows of them. */
  async list(merchantId: string): Promise<TerminalResource[]> {
    const listed = await this.directory.terminalsOf(merchantId)
    return listed.map((t) => ({
      serial: t.serial,
      type: t.type,
      ...terminalStateFrom(
        this.engine.list({ merchantId, terminalSerial: t.serial, limit: 1 })[0],
        this.health?.stateOf(merchantId, t.serial),
      ),
    }))
  }

  /** The terminal of a payment that just changed (the newest operation on it). */
  of(record: TillPaymentRecord): TerminalResource {
    return {
      serial: record.terminalSerial,
      type: record.terminalType,
      ...terminalStateFrom(record, this.health?.stateOf(record.merchantId, record.terminalSerial)),
    }
  }
}
