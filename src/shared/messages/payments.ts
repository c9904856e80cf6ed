/** English templates for the payments domain's codes (see ./index.ts). */
export const paymentMessages = {
  // Phases: what the terminal is doing while an operation runs (`PaymentRecord.phase`).
  phase_saving: 'Saving the payment before sending it',
  phase_sending: 'Sending to the terminal',
  phase_waiting_for_card: 'Waiting for the card',
  phase_terminal_working: 'The terminal is working on it',
  phase_outcome_unknown: 'Outcome not known yet: checking with Handpoint',
  phase_asking_handpoint: 'Asking Handpoint what happened',

  // Refusals of a start, before anything is sent.
  terminal_not_found:
    "Terminal {serial} is not in this merchant's terminal list. Refresh the list and choose the terminal again.",
  callback_disabled:
    'The callback flow is not switched on for this checkout. Use polling, or enable callbacks in the settings.',
  original_required:
    'This operation needs the transaction id of the original payment. Pick it from the history and try again.',
  original_not_taken:
    'This operation does not refer to an earlier payment; leave the original out.',
  receipt_required: 'There is no receipt to print. Choose a receipt first.',
  receipt_not_taken: 'Only printing on the terminal takes a receipt.',
  tips_not_taken: 'This operation offers no tips on the terminal; leave the tips out.',
  amount_required: 'Enter an amount, for example 12.34.',
  amount_not_taken: 'This operation takes no amount; leave the amount out.',
  currency_not_accepted:
    '{currency} is not a currency Handpoint accepts. Choose another currency, for example EUR.',
  terminal_in_use:
    'Terminal {serial} is still busy with another operation. Wait for it to finish or cancel it, then try again.',
  payment_not_found: "No payment with that id is in this checkout's payment store.",

  // Refusals by Handpoint: nothing was charged.
  terminal_busy:
    'Terminal {serial} is busy with another operation. Nothing was charged; wait until it is free and try again.',
  terminal_not_listening:
    'Terminal {serial} is not responding. Nothing was charged; check that it is on, online and showing the Payments app, then try again.',
  terminal_not_assigned:
    "Terminal {serial} does not belong to this merchant's API key. Nothing was charged; refresh the terminal list.",
  api_key_refused:
    "Handpoint refused this merchant's API key. Nothing was charged; check the key in the merchant settings.",
  rate_limited:
    'Handpoint asked the app to slow down. Nothing was charged; try again in a few seconds.',
  request_refused:
    'Handpoint refused the request ({cause}). Nothing was charged; check the details and try again.',

  // Why an operation ended or stays open (`PaymentRecord.lastError`).
  no_clear_answer:
    'No clear answer from Handpoint ({cause}). The payment is not sent again; the app is finding out what happened.',
  not_charged:
    'The terminal never started this payment: {seconds} seconds after sending it Handpoint still does not know it, so nothing was charged. Start a new payment if needed.',
  linked_not_processed:
    'Handpoint shows no such operation on the original payment {seconds} seconds after it was sent, so it was not processed. Start it again if needed.',
  needs_manual_check:
    'The outcome is unknown and Handpoint cannot be asked by reference for linked operations. Check transaction {original} in the Handpoint portal before doing anything else.',
  not_sent:
    'The app stopped before sending this payment, so nothing was charged. Start it again if needed.',

  // Answers to a cancel.
  cancel_nothing_running: 'Nothing is running on terminal {serial}, so there is nothing to cancel.',
  cancel_not_now: 'This payment cannot be cancelled from here any more. Wait for its result.',
  cancel_too_late:
    'The terminal can no longer cancel this payment (the card is already being processed). Wait for the result.',
  cancel_not_delivered:
    'The cancel request did not reach the terminal ({cause}). The payment is still running; try again or wait for its result.',
  cancel_sent: 'Cancel sent. The terminal will confirm; the payment stays on screen until it does.',

  // Evidence: one fact each in an operation's history (`PaymentRecord.evidence`).
  evidence_saved_sending: 'Saved; sending to terminal {serial}.',
  evidence_accepted: 'The terminal accepted the request.',
  evidence_no_clear_answer:
    'No clear answer to the request ({cause}); it is NOT sent again. Asking Handpoint what happened.',
  evidence_refused: 'Handpoint refused the request ({cause}).',
  evidence_unreachable: 'Could not reach Handpoint ({cause}); trying again.',
  evidence_result_by_poll: "The terminal's result arrived by polling: {finStatus}.",
  evidence_result_by_callback: "The terminal's result arrived by callback: {finStatus}.",
  evidence_result_by_status: "Handpoint's status service reports {finStatus}.",
  evidence_repeated_reply: 'A repeated reply arrived and was not applied again.',
  evidence_later_reply: 'A later reply said {finStatus}; the recorded outcome stands.',
  evidence_other_payment_reply: 'A reply for another payment was ignored.',
  evidence_result_id_gone: 'Handpoint no longer knows the result id; asking by reference instead.',
  evidence_no_clear_outcome:
    'The terminal reported no clear outcome; asking Handpoint by reference.',
  evidence_not_charged: 'Still unknown to Handpoint {seconds} s after sending: not charged.',
  evidence_linked_not_processed:
    "No such operation in the original's history after {seconds} s: not processed.",
  evidence_manual_check:
    'Automatic checking stopped: a linked operation has no reference to ask about.',
  evidence_unsent_after_restart: 'Found unsent after a restart: never sent, not charged.',
  evidence_stopped_before_answer:
    "The app stopped before Handpoint's answer to the request was recorded.",
  evidence_resumed: 'Resumed after a restart.',
  evidence_details_from_result:
    "The terminal's own result was read for what the status answer lacked (receipts, card details).",
  evidence_cancel_sent: 'Cancel sent to the terminal.',
  evidence_cancel_refused: 'Cancel refused by the terminal: too late to cancel.',
  evidence_cancel_not_sent: 'Cancel could not be sent ({cause}).',
  /** A note written by an older version in words; shown as it was written. */
  legacy_note: '{text}',

  // --- the payment store (src/main/payments/store) and the till link's keys ---
  idempotency_key_reused:
    'This idempotency key was already used for a different request. Use a new key for a new payment.',
  payments_store_damaged:
    'The payment store was damaged ({problem}). It was moved aside as {copy}; {kept} payments were read back from it and {lost} could not be. Check recent payments against the Handpoint portal.',
  payments_store_newer:
    'The payment store {file} was written by a newer version of POS Companion (schema {found}; this version knows up to {known}). It was left untouched: update POS Companion to use it.',
  payments_store_disk_failed:
    'The payment store could not be written to disk ({cause}). No payment can be taken or changed until POS Companion is restarted; then check the last payments against the Handpoint portal.',
  payments_record_damaged:
    'Payment {id} could not be read: its stored data is damaged ({problem}). The payment store will be repaired; check this payment in the Handpoint portal.',
  payments_legacy_imported:
    '{count} payments were moved from the old payment journal into the payment store. The old files were kept as {files}.',
  payments_legacy_damaged:
    'The old payment journal file {file} had {count} unreadable lines, which could not be moved into the payment store. The file was kept as {copy}. Check recent payments against the Handpoint portal.',
} as const satisfies Record<string, string>
