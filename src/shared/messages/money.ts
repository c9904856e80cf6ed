/**
 * English templates for the money rules' codes (see ./index.ts): what main refuses about a
 * follow-up of an earlier payment (refund, reversal, capture, increase, release) and about the
 * manager's approval. Amounts in parameters are decimals in the payment's currency ("12.50"),
 * never minor units, so the CLI and the till link can say them as they are; the renderer writes
 * them in the cashier's locale.
 */
export const moneyMessages = {
  // What is left of an original.
  amount_exceeds_remaining:
    'Only {remaining} {currency} is left of the original payment. Enter at most that amount.',
  nothing_left:
    'Nothing is left of the original payment: it was refunded or captured in full already.',
  original_not_found:
    'This checkout has no approved payment with that transaction id for this merchant, so it cannot tell what is left of it. Pick the payment from the history.',
  original_wrong_kind:
    'This operation cannot follow that payment. Pick the payment it belongs to from the history.',
  original_other_currency:
    'The original payment was in {currency}; a follow-up must be in the same currency.',
  linked_operation_pending:
    'Another operation on this payment is still under way. Wait for its outcome, then try again.',

  // Reversals (sale, refund, MOTO) and the release of a pre-authorisation.
  reversal_after_refund:
    'This payment was already refunded in full or in part, so it cannot be reversed. Refund what is left instead.',
  reversal_after_batch_close:
    'This payment is in a batch that was already closed, so it cannot be reversed. Refund it instead.',
  reversal_batch_close_unknown:
    'A day close after this payment has no known outcome, so it may already be settled and cannot be reversed. Refund it instead.',
  reversal_must_be_full:
    'A reversal returns the whole payment, {amount} {currency}. To return part of it, refund that part instead.',
  already_reversed: 'This payment was already reversed. Nothing is left to refund or reverse.',
  already_captured:
    'This pre-authorisation was already captured. It cannot be captured, changed or released again.',
  already_released: 'This pre-authorisation was already released. Nothing is held any more.',

  // The manager's approval above the merchant's ceiling.
  manager_approval_required:
    'Refunds and reversals above {ceiling} {currency} need a manager. Ask a manager to enter the manager PIN.',
  manager_pin_not_set:
    'Refunds and reversals above {ceiling} {currency} need a manager, and no manager PIN is set on this checkout. A manager sets one in Settings.',
  ceiling_change_needs_manager:
    "This change raises or removes a merchant's limit for refunds and reversals without a manager, so it needs the manager PIN.",
  manager_pin_wrong: 'That is not the manager PIN. {attemptsLeft} attempts left.',
  manager_pin_locked:
    'The manager PIN was entered wrongly three times. Try again in {minutes} minutes.',
  manager_pin_file_damaged:
    'The manager PIN file could not be read and was moved aside ({movedTo}). No manager PIN is set now, so refunds above the ceiling are refused until a manager sets one in Settings.',
} as const satisfies Record<string, string>
