import { AppError } from '@shared/contract/result'
import { causeOf, msg } from '@shared/messages'
import { HandpointError } from '../handpoint/errors'
import type { Accepted, PollOutcome, TransactionResult } from '../handpoint/types'
import type { Clock } from '../payments/ports'
import type { DeviceReport, PingAnswer } from './health-machine'
import type { PingFunction, WatchedTerminal } from './health-service'

/** The two calls a check makes. */
export interface PingClient {
  pingDevice(
    terminal: { serialNumber: string; terminalType: string },
    options?: { returnDeviceInfo?: boolean },
  ): Promise<Accepted>
  getTransactionResult(transactionResultId: string): Promise<PollOutcome>
}

export interface PingOptions {
  /** The merchant's client (one attempt per call); throws AppError when the key is unusable. */
  clientFor: (merchantId: string) => Promise<PingClient>
  clock: Clock
  /** Types a result's device info (the client's `readDeviceHealth`). */
  readDevice: (result: TransactionResult) => DeviceReport | undefined
  /** When to read the ping's result for the device info, after its 202; default 1, 2, 4 s. */
  resultDelaysMs?: number[]
}

/**
 * A check of one terminal: `pingDevice` with `returnDeviceInfo`. Its 202 means the terminal is
 * listening (online); 1001 busy; 1002 not listening. Its result, read a few times after, carries
 * the battery and versions; a result that does not come in time leaves the answer "online"
 * without them. The POST is never retried (a second ping is the next scheduled check).
 */
export function createPing(options: PingOptions): PingFunction {
  const delays = options.resultDelaysMs ?? [1_000, 2_000, 4_000]
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => options.clock.setTimeout(resolve, ms))

  return async (terminal: WatchedTerminal, gate): Promise<PingAnswer> => {
    let client: PingClient
    try {
      client = await options.clientFor(terminal.merchantId)
    } catch (err) {
      return failed(err)
    }
    let accepted: Accepted
    try {
      accepted = await gate(() =>
        client.pingDevice(
          { serialNumber: terminal.serialNumber, terminalType: terminal.terminalType },
          { returnDeviceInfo: true },
        ),
      )
    } catch (err) {
      if (err instanceof HandpointError) {
        if (err.kind === 'terminal-busy') return { kind: 'busy' }
        if (err.kind === 'terminal-offline') return { kind: 'not-listening' }
        return failed(err)
      }
      if (err instanceof AppError) return failed(err)
      throw err // called off, or the budget closed: not an answer about the terminal
    }
    const id = accepted.transactionResultId
    if (!id) return { kind: 'online' }
    for (const ms of delays) {
      await sleep(ms)
      let outcome: PollOutcome
      try {
        outcome = await gate(() => client.getTransactionResult(id))
      } catch {
        break // the 202 already said it listens; the device info can wait for the next check
      }
      if (outcome.kind === 'final') {
        const device = options.readDevice(outcome.result)
        return device ? { kind: 'online', device } : { kind: 'online' }
      }
      if (outcome.kind === 'not-found') break
    }
    return { kind: 'online' }
  }
}

function failed(err: unknown): PingAnswer {
  if (err instanceof HandpointError) {
    return { kind: 'failed', problem: msg('health_check_failed', { cause: causeOf(err.kind) }) }
  }
  if (err instanceof AppError) {
    return {
      kind: 'failed',
      problem: err.params ? { code: err.code, params: err.params } : { code: err.code },
    }
  }
  return { kind: 'failed', problem: msg('health_check_failed', { cause: 'unknown' }) }
}
