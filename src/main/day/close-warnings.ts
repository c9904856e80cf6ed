import type { Message } from '@shared/messages'
import type { BatchCloseRecord } from './close-record'
import { isApproved, movementOf, type DayPayment } from './records'

/**
 * The board's warning for merchants whose acquirer needs a batch close every day: a terminal
 * that took money on an earlier business day and has not been closed since. Pure; the service
 * gives it the recent payments and closes.
 */
export interface CloseWarningInput {
  /** Today's business day. */
  today: string
  businessDayOf(instant: number): string
  /** Recent payments of the merchant (a week or so is plenty). */
  payments: readonly DayPayment[]
  /** The merchant's batch closes, any order. */
  closes: readonly BatchCloseRecord[]
}

export interface CloseWarning {
  terminal: string
  /** The business day of the oldest payment not closed yet. */
  since: string
  message: Message
}

export function closeWarnings(input: CloseWarningInput): CloseWarning[] {
  const lastClosed = new Map<string, number>()
  for (const c of input.closes) {
    if (c.state !== 'closed') continue
    lastClosed.set(c.terminal, Math.max(lastClosed.get(c.terminal) ?? 0, c.requestedAt))
  }
  const oldestOpen = new Map<string, number>()
  for (const p of input.payments) {
    if (!isApproved(p.state) || movementOf(p.operation) === 'none') continue
    if (movementOf(p.operation) === 'hold') continue
    if (p.createdAt <= (lastClosed.get(p.terminalSerial) ?? -Infinity)) continue
    const before = oldestOpen.get(p.terminalSerial)
    if (before === undefined || p.createdAt < before) oldestOpen.set(p.terminalSerial, p.createdAt)
  }
  const warnings: CloseWarning[] = []
  for (const [terminal, at] of [...oldestOpen.entries()].sort()) {
    const since = input.businessDayOf(at)
    if (since >= input.today) continue
    warnings.push({
      terminal,
      since,
      message: { code: 'batch_close_overdue', params: { terminal, date: since } },
    })
  }
  return warnings
}
