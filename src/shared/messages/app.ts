/** English templates for the app domain's codes (see ./index.ts). */
export const appMessages = {
  invalid_request: 'The request was not valid, so nothing was done.',
  internal: 'Something went wrong inside the app. Nothing was charged by this request; try again.',
  forbidden: 'This window may not use the app.',

  // App notices (`onAppNotice`) about the app's own files; the merchants file has its codes in
  // ./merchants.ts. One literal each, so the compiler knows the parameters.
  app_settings_file_damaged:
    'The checkout settings file was damaged, so it was moved aside to {movedTo} and the default settings apply. Set them again in the Checkout menu.',
  print_settings_file_damaged:
    'The printing settings file was damaged, so it was moved aside to {movedTo} and the default printing settings apply. Check them under Settings, Printers and receipts.',
  receipt_record_damaged:
    'The stored receipts of payment {paymentId} could not be read, so their record was moved aside to {movedTo}. The receipts are collected again from the payment when it is opened.',
} as const satisfies Record<string, string>
