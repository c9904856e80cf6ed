import type { moneyMessages } from '@shared/messages/money'

/**
 * The screen's English for money codes whose amounts it writes as money with their currency
 * (useCodes): the same sentences as the shared table, without `{currency}` beside the amount.
 */
const moneyWording: Partial<Record<keyof typeof moneyMessages, string>> = {
  amount_exceeds_remaining:
    'Only {remaining} is left of the original payment. Enter at most that amount.',
  reversal_must_be_full:
    'A reversal returns the whole payment, {amount}. To return part of it, refund that part instead.',
  manager_approval_required:
    'Refunds and reversals above {ceiling} need a manager. Ask a manager to enter the manager PIN.',
  manager_pin_not_set:
    'Refunds and reversals above {ceiling} need a manager, and no manager PIN is set on this checkout. A manager sets one in Settings.',
}

export default moneyWording
