/** English templates for the receipts domain's codes (see ./index.ts). `{copy}` is the copy's code. */
export const receiptMessages = {
  receipts_not_found:
    'This checkout has no receipts for that payment. Receipts are kept once a result arrives.',
  no_receipt: 'This payment has no {copy} receipt to print.',
  receipt_pending: 'The {copy} receipt is still being fetched; try again in a moment.',
  receipt_not_stored:
    'The {copy} receipt is not stored. Retry fetching it, or print it on the terminal.',
  print_failed:
    'The {copy} receipt did not print. Check the printer (power, paper, cable) and print again, or save it as a PDF.',
  print_cancelled: 'The {copy} receipt was not printed: the print job was cancelled.',
  printer_missing:
    'The printer "{printer}" is not available on this computer. Check that it is switched on and connected, or choose another printer in the printing settings.',
  no_printer:
    'No printer is installed on this computer. Install the receipt printer, or save the receipt as a PDF or print it on the terminal.',
  terminal_print_unavailable:
    'Printing on the terminal is not available in this build; print here or save a PDF.',
  receipt_sent_to_terminal: 'The {copy} receipt was sent to terminal {serial}.',

  // Why a receipt could not be fetched or kept (`ReceiptCopyView.reason`).
  receipt_address_not_allowed:
    'The receipt address {origin} is not an allowed https address, so it was not fetched.',
  receipt_server_timeout: 'The receipt server did not answer within {seconds} s.',
  receipt_server_unreachable:
    'The receipt server could not be reached (no network or the server is down).',
  receipt_server_interrupted: 'The connection to the receipt server broke off mid-receipt.',
  receipt_server_bad_redirect: 'The receipt server sent a broken redirect.',
  receipt_server_status: 'The receipt server answered {status}; the receipt is not available yet.',
  receipt_server_redirect_loop: 'The receipt server redirected too many times.',
  receipt_too_large: 'The receipt is larger than {kib} KiB, so it was not kept.',
  receipt_not_a_page: 'The receipt address did not return a receipt page.',
  signature_not_an_image: 'The signature address did not return an image.',
  receipt_unreadable: 'The receipt could not be read.',
  receipt_invalid: 'The receipt in the result is too large to keep.',
  signature_invalid: 'The signature in the result is not a usable image.',
  receipt_none_by_status:
    "Handpoint's status service settled this payment after the connection was lost, and that answer carries no receipt; the terminal's own result could not be read for it. The terminal printed its own copy.",
} as const satisfies Record<string, string>
