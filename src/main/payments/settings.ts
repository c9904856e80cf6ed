import type { PaymentRecord } from '@shared/contract/payments.contract'
import type { TransactionResult } from '../handpoint/types'
import type { Clock } from './ports'

/** Named points where the crash tests stop the process (SIGKILL), as a power cut would. */
export type CrashPoint =
  | 'before-save'
  | 'after-save-before-post'
  | 'after-post-before-202'
  | 'after-result-before-record'
  /** Half way through moving an old journal into the store (inside its transaction). */
  | 'mid-import'

/** How the engine runs: fixed at start, read by every part of it, changed by none. */
export interface Settings {
  readonly clock: Clock
  readonly random: () => number
  /** UNDEFINED at the status host after this long since the POST = provably not charged. */
  readonly notChargedAfterMs: number
  readonly slowAfterMs: number
  /**
   * A fixed poll schedule (repeating the last step) instead of the adaptive one; benchmarks use
   * it to compare with a bare client on the same schedule.
   */
  readonly pollDelaysMs?: number[]
  /** The adaptive schedule never polls one operation more often than this. */
  readonly minPollMs: number
  /** In poll mode, also ask the status host once the terminal was silent this long. */
  readonly statusFallbackAfterMs: number
  /** In callback mode, start asking the status host when no callback came this long. */
  readonly callbackGraceMs: number
  readonly maxBackoffMs: number
  readonly crashPoint: (name: CrashPoint) => void
  /** Awaited once the payment is saved, before it is sent (terminal care: our own check at the
   * terminal finishes first, so the terminal does not refuse the payment as busy). */
  readonly beforeSend?: (merchantId: string, terminalSerial: string) => Promise<void>
  /** A final result about to be applied, as received (terminal care reads `deviceStatus`). */
  readonly onResult?: (record: PaymentRecord, result: TransactionResult) => void
}

/** `base` jittered to 50-100 % (never 0), as Stripe's clients do. */
export function jitter(settings: Settings, base: number): number {
  return Math.max(1, Math.round(base * (0.5 + settings.random() * 0.5)))
}
