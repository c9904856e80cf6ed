/** English templates for the day close's codes (see ./index.ts). */
export const dayMessages = {
  day_invalid_date:
    'Give the business day as YYYY-MM-DD, for example 2026-07-14 ({value} is not one).',
  day_merchant_unknown: 'There is no merchant {merchantId} on this checkout.',
  day_terminal_unknown:
    "Terminal {terminal} is not one of this merchant's terminals. Refresh the terminal list or check the serial number.",
  batch_closed: 'Batch {batchNumber} of terminal {terminal} is closed.',
  batch_close_in_progress:
    'A batch close for terminal {terminal} is already under way. Wait for its answer.',
  batch_close_unresolved:
    'The last batch close of terminal {terminal} has no known outcome yet. Check it first: closing again could close the next batch.',
  batch_close_answer_lost:
    'The batch close of terminal {terminal} was sent, but its answer was lost. It is checked with the batch summary; do not close again until its outcome is known.',
  batch_close_unknown_no_number:
    'The batch close of terminal {terminal} may or may not have happened, and no batch number is known to check it with. Look at the batch in the Handpoint portal before closing again.',
  batch_close_not_done:
    'Handpoint says batch {batchNumber} of terminal {terminal} is still open: the close did not happen. You can close it again.',
  batch_close_refused:
    'Handpoint refused to close the batch of terminal {terminal}: {reason}. Nothing was closed.',
  batch_number_required:
    'Handpoint needs the batch number to close the batch of terminal {terminal}, and none is known yet. Take a payment on it first, or close it from the terminal.',
  batch_not_supported:
    "This merchant's acquirer does not support batch closes through Handpoint; it settles by itself.",
  batch_unreachable:
    'Handpoint could not be reached, so nothing was closed on terminal {terminal}. Check the internet connection, then try again.',
  batch_close_overdue:
    "The batch of terminal {terminal} has not been closed since {date}. This merchant's acquirer needs a close every day: close it now, or the next payments may fail.",
  day_settings_file_damaged:
    'The day settings could not be read and were moved aside to {movedTo}; the defaults apply (business day from 04:00, no merchant closing daily).',
  z_report_missing: 'No Z report is kept for {date} yet. Open the day and print or save it first.',
  z_report_saved: 'Z report for {date} saved; a copy is kept at {path}.',
  z_report_printed: 'Z report for {date} sent to the printer.',
} as const satisfies Record<string, string>
