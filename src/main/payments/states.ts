import { FINAL_STATES, type PaymentState } from '@shared/contract/payments.contract'

/**
 * The lifecycle of one operation as an explicit table. Every state change in the engine goes
 * through `canTransition`, so a late, stale or duplicated reply can never move money backwards:
 * final states have no outgoing edge at all.
 *
 *   created -> sent -> accepted -> in-progress -> final
 *                \-> unknown -> resolving -> final
 */
const EDGES: Record<PaymentState, readonly PaymentState[]> = {
  created: ['sent', 'failed'],
  sent: ['accepted', 'unknown', 'failed', 'in-progress', ...FINAL_STATES],
  accepted: ['in-progress', 'unknown', 'resolving', ...FINAL_STATES],
  'in-progress': ['unknown', 'resolving', ...FINAL_STATES],
  unknown: ['resolving', 'in-progress', ...FINAL_STATES],
  resolving: ['unknown', 'in-progress', ...FINAL_STATES],
  approved: [],
  partial: [],
  declined: [],
  cancelled: [],
  failed: [],
  processed: [],
}

export function isFinal(state: PaymentState): boolean {
  return FINAL_STATES.includes(state)
}

/** True when the engine may move an operation from `from` to `to` (same state is a no-op). */
export function canTransition(from: PaymentState, to: PaymentState): boolean {
  return EDGES[from].includes(to)
}

/**
 * What a terminal's or the gateway's `finStatus` means for our lifecycle. `undefined` = no
 * outcome yet (IN_PROGRESS, and UNDEFINED which the 90-second rule handles separately).
 */
export function stateForFinStatus(finStatus: string): PaymentState | undefined {
  switch (finStatus) {
    // The status host shows the original sale as REFUNDED once refunded: it was approved.
    case 'AUTHORISED':
    case 'CAPTURED':
    case 'REFUNDED':
      return 'approved'
    case 'PARTIAL_APPROVAL':
      return 'partial'
    case 'DECLINED':
      return 'declined'
    case 'CANCELLED':
      return 'cancelled'
    case 'FAILED':
      return 'failed'
    case 'PROCESSED':
      return 'processed'
    default:
      return undefined
  }
}

/** Phases shown to the cashier while the terminal works. */
export const PHASES: Partial<Record<PaymentState, string>> = {
  created: 'Saving the payment before sending it',
  sent: 'Sending to the terminal',
  accepted: 'Waiting for the card',
  'in-progress': 'The terminal is working on it',
  unknown: 'Outcome not known yet: checking with Handpoint',
  resolving: 'Asking Handpoint what happened',
}
