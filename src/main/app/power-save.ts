import type { PaymentActivity } from './payment-activity'

/** The part of Electron's `powerSaveBlocker` we use. */
export interface PowerSaveBlockerLike {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number
  stop(id: number): void
}

/**
 * Keeps the computer awake while at least one payment is in flight: a checkout that sleeps in the
 * middle of a sale stops polling the terminal and leaves the cashier without an outcome.
 * 'prevent-app-suspension' keeps the system running but lets the screen dim, which is enough.
 * One blocker for any number of payments; released when the last one finishes. `isEnabled` is
 * read when a blocker would start, so switching the setting off takes effect with the next payment.
 * Returns a function that stops watching and releases a held blocker.
 */
export function keepAwakeDuringPayments(
  activity: Pick<PaymentActivity, 'count' | 'onChange'>,
  blocker: PowerSaveBlockerLike,
  isEnabled: () => boolean,
): () => void {
  let held: number | undefined
  const release = (): void => {
    if (held === undefined) return
    blocker.stop(held)
    held = undefined
  }
  const update = (count: number): void => {
    if (count > 0 && held === undefined && isEnabled()) {
      held = blocker.start('prevent-app-suspension')
    } else if (count === 0) {
      release()
    }
  }
  const unsubscribe = activity.onChange(update)
  update(activity.count)
  return () => {
    unsubscribe()
    release()
  }
}
