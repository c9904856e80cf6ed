/**
 * English templates for the till link's codes (see ./index.ts). The till link answers tills in
 * English with these; the settings screen words the `till_link_*` codes itself. Every key starts
 * with `till_` so a till code never shadows another domain's: the HTTP error code is the rest
 * (`till_terminal_busy` words the error `terminal_busy`).
 */
export const tillMessages = {
  // Errors a till gets over the API (code without the prefix).
  till_unauthorized:
    'Send a valid till token as "Authorization: Bearer <token>"; create one under Settings > Till link.',
  till_forbidden_terminal:
    "Terminal {serial} belongs to another merchant; this till's token may use {merchant}'s terminals only.",
  till_invalid_request: 'The request is not valid: {problems}.',
  till_idempotency_key_required:
    'Send an Idempotency-Key header (1 to 255 printable ASCII characters) with every payment request, and the same key again when you retry it.',
  till_idempotency_key_reused:
    'This Idempotency-Key was already used for a different request; use a new key for a new payment.',
  till_terminal_busy:
    'Terminal {serial} is busy with another operation. Nothing was started; wait until it is free and try again.',
  till_unknown_terminal:
    'No terminal {serial} is listed for this merchant. Ask GET /v1/terminals for the serial numbers.',
  till_unknown_payment: 'No payment {id} is known to this till link.',
  till_cannot_cancel:
    'Payment {id} can no longer be cancelled; wait for its final state (it may still be approved).',
  till_amount_exceeds_remaining:
    'The refund is more than what is left of the original payment ({remaining} {currency} can still be refunded).',
  till_cannot_reverse: 'Payment {id} cannot be reversed: {why}.',
  till_cannot_refund: 'Payment {id} cannot be refunded: {why}.',
  till_manager_approval_required:
    'This operation needs a manager on the checkout to approve it; it cannot be started from a till.',
  till_no_receipt: 'Payment {id} has no {copy} receipt.',
  till_receipt_not_ready:
    'The {copy} receipt of payment {id} is not ready yet; ask again in a few seconds.',
  till_rate_limited: 'Too many requests from this till; wait {seconds} s and try again.',
  till_too_many_streams:
    'This till already holds {limit} waiting requests or event streams; close one before opening another.',
  till_payload_too_large: 'The request body is larger than {limit} bytes.',
  till_unsupported_media_type:
    'Send the request body as JSON with "Content-Type: application/json".',
  till_not_found: 'There is no {path} in the till link API; see GET /v1/openapi.json.',
  till_method_not_allowed: '{method} is not allowed on {path}; allowed: {allowed}.',
  till_unavailable: 'The payment service cannot take this request now: {why}.',
  till_internal_error:
    'Something went wrong in the till link; the request may be retried with the same Idempotency-Key.',
  // Why a payment ended as it did (the resource's `reason`).
  till_reason_declined: 'The card issuer declined the payment{issuer}.',
  till_reason_cancelled: 'The payment was cancelled on the terminal or by the cashier.',
  till_reason_failed: 'The payment failed: {why}',
  till_reason_outcome_unknown:
    'The outcome is not known yet; the companion keeps asking Handpoint. Wait for the final state; do not start a new payment for this sale.',
  till_reason_partially_approved:
    'Only part of the amount was approved; collect the rest ({due}) another way.',
  // The settings screen (worded by the renderer in its own languages).
  till_link_port_in_use: 'Port {port} is in use by another program; choose another port.',
  till_link_not_started: 'The till link could not start: {why}',
  till_link_unknown_merchant: 'There is no merchant {merchantId} on this checkout.',
  till_link_file_damaged:
    'The till link settings file could not be read and was moved aside ({movedTo}); the till link starts switched off and its till tokens must be made again.',
  till_link_unknown_token: 'There is no till token {id}; it may have been revoked already.',
} as const satisfies Record<string, string>
