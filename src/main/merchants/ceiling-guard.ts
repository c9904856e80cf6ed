import { AppError } from '@shared/contract'
import { msg } from '@shared/messages'
import type { PinCheck } from '../payments/money/manager-pin'
import type { MerchantProfile } from './profile-schema'

/**
 * A merchant's ceiling (the highest refund or reversal without a manager) protects only while a
 * cashier cannot lift it: once a manager PIN is set on this checkout, a change that raises or
 * removes a ceiling needs that PIN, whether made in Settings, by removing the merchant or by
 * importing a configuration. Lowering a ceiling, or setting the first one, needs nobody.
 */

/** What the guard needs of the manager PIN (src/main/payments/money/manager-pin.ts). */
export interface ManagerCheck {
  isSet(): Promise<boolean>
  check(pin: string): Promise<PinCheck>
  now(): number
}

export interface CeilingOf {
  minor: string
  currency: string
}

export function ceilingOf(
  m: Pick<MerchantProfile, 'limits' | 'currency'> | undefined,
): CeilingOf | undefined {
  const minor = m?.limits.refundCeilingMinor
  return m && minor !== undefined ? { minor, currency: m.currency } : undefined
}

/** True when `after` lets more through without a manager than `before` did. */
export function liftsCeiling(before: CeilingOf | undefined, after: CeilingOf | undefined): boolean {
  if (!before) return false
  if (!after || after.currency !== before.currency) return true
  return BigInt(after.minor) > BigInt(before.minor)
}

/** Throws unless no PIN is set or `pin` is the manager PIN (wrong ones count, as for refunds). */
export async function requireManager(
  manager: ManagerCheck | undefined,
  pin: string | undefined,
): Promise<void> {
  if (!manager || !(await manager.isSet())) return
  if (pin === undefined) throw new AppError(msg('ceiling_change_needs_manager'))
  const checked = await manager.check(pin)
  switch (checked.kind) {
    case 'ok':
    case 'not-set':
      return
    case 'wrong':
      throw new AppError(msg('manager_pin_wrong', { attemptsLeft: checked.attemptsLeft }))
    case 'locked': {
      const minutes = Math.max(1, Math.ceil((checked.until - manager.now()) / 60_000))
      throw new AppError(msg('manager_pin_locked', { minutes }))
    }
  }
}

/** Settings: a patch that raises or removes the ceiling (or changes its currency) needs the PIN. */
export async function guardPatch(
  manager: ManagerCheck | undefined,
  before: MerchantProfile,
  patch: { currency?: string; limits?: MerchantProfile['limits'] },
  pin: string | undefined,
): Promise<void> {
  const after = {
    currency: patch.currency ?? before.currency,
    limits: patch.limits ?? before.limits,
  }
  if (liftsCeiling(ceilingOf(before), ceilingOf(after))) await requireManager(manager, pin)
}
