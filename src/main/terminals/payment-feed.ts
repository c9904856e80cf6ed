import { FINAL_STATES, type PaymentStatusEvent } from '@shared/contract/payments.contract'
import type { DeviceReport, HealthSignal, OperationOutcome } from './health-machine'

/** Codes of a start refused by the terminal: 1001 busy, 1002 not listening. */
const BUSY = 'terminal_busy'
const NOT_LISTENING = 'terminal_not_listening'
const HEARD = new Set(['accepted', 'in-progress'])

/**
 * Turns the payment engine's status events into health signals: an operation of ours holds the
 * terminal (busy here) from its first event to its final one; Handpoint taking it proves the
 * terminal listens; the final record says whether the terminal answered (with its
 * `deviceStatus`), refused (1001/1002) or said nothing.
 */
export function paymentHealthFeed(
  observe: (merchantId: string, serial: string, signal: HealthSignal) => void,
  deviceOf: (event: PaymentStatusEvent) => DeviceReport | undefined,
): (event: PaymentStatusEvent) => void {
  const stage = new Map<string, 'started' | 'heard'>()
  return (event) => {
    const { record } = event
    const tell = (signal: HealthSignal) => observe(record.merchantId, record.terminalSerial, signal)
    const known = stage.get(record.id)
    if (known === undefined) {
      // Also for an operation resumed after a restart, or refused at once: it held the terminal.
      tell({ kind: 'operation-started' })
      stage.set(record.id, 'started')
    }
    if (FINAL_STATES.includes(record.state)) {
      stage.delete(record.id)
      tell({ kind: 'operation-ended', outcome: outcomeOf(event, deviceOf) })
      return
    }
    if (stage.get(record.id) === 'started' && HEARD.has(record.state)) {
      stage.set(record.id, 'heard')
      tell({ kind: 'operation-accepted' })
    }
  }
}

function outcomeOf(
  event: PaymentStatusEvent,
  deviceOf: (event: PaymentStatusEvent) => DeviceReport | undefined,
): OperationOutcome {
  const { record } = event
  if (record.result) {
    const device = deviceOf(event)
    return device
      ? { kind: 'answered', operation: record.operation, device }
      : { kind: 'answered', operation: record.operation }
  }
  const code = record.lastError?.code
  if (code === BUSY) return { kind: 'busy' }
  if (code === NOT_LISTENING) return { kind: 'not-listening' }
  return { kind: 'no-answer' }
}
