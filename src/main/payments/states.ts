import {
  FINAL_STATES,
  type PaymentPhase,
  type PaymentState,
} from '@shared/contract/payments.contract'

/**
 * The lifecycle of one operation as an explicit table. Every state change in the engine goes
 * through `canTransition`, so a late, stale or duplicated reply can never move money backwards:
 * final states have no outgoing edge at all.
 *
 *   sent -> accepted -> in-progress -> final
 *     \-> unknown -> resolving -> final
 *
 * New operations start as `sent` (saved before the request leaves). `created` exists only in
 * journals of older versions, which saved first and sent after: found after a restart, such an
 * operation was never sent and ends `failed`.
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

/** The phase (a message code) shown to the cashier while the terminal works, by state. */
export const PHASES: Partial<Record<PaymentState, PaymentPhase>> = {
  created: 'phase_saving',
  sent: 'phase_sending',
  accepted: 'phase_waiting_for_card',
  'in-progress': 'phase_terminal_working',
  unknown: 'phase_outcome_unknown',
  resolving: 'phase_asking_handpoint',
}
