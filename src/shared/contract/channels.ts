/**
 * Channel names of every IPC operation and event, keyed by the name of the `window.api` function.
 * Kept free of zod so the sandboxed preload stays tiny; `index.ts` checks the contract against it
 * by type (`contractMatchesChannels`). Add a line here and a schema in the domain's `*.contract.ts`
 * for every new operation.
 */
export const operationChannels = {
  getAppInfo: 'app:get-info',
  listNotices: 'app:list-notices',
  dismissNotice: 'app:dismiss-notice',
  startPayment: 'payments:start',
  cancelPayment: 'payments:cancel',
  getPayment: 'payments:get',
  listActivePayments: 'payments:list-active',
  searchHistory: 'payments:search-history',
  resolvePayment: 'payments:resolve',
  listMerchants: 'merchants:list',
  addMerchant: 'merchants:add',
  updateMerchant: 'merchants:update',
  removeMerchant: 'merchants:remove',
  replaceApiKey: 'merchants:replace-api-key',
  listTerminals: 'merchants:list-terminals',
  setDefaultTerminal: 'merchants:set-default-terminal',
  setActiveMerchant: 'merchants:set-active',
  acceptInsecureStorage: 'merchants:accept-insecure-storage',
  exportConfiguration: 'merchants:export-configuration',
  previewImport: 'merchants:preview-import',
  importConfiguration: 'merchants:import-configuration',
  getReceipts: 'receipts:get',
  printReceipt: 'receipts:print',
  saveReceiptPdf: 'receipts:save-pdf',
  printReceiptOnTerminal: 'receipts:print-on-terminal',
  answerCustomerCopy: 'receipts:answer-customer-copy',
  retryReceiptFetch: 'receipts:retry-fetch',
  listPrinters: 'receipts:list-printers',
  getPrintSettings: 'receipts:get-settings',
  setPrintSettings: 'receipts:set-settings',
  // terminals
  listTerminalHealth: 'terminals:list-health',
  refreshTerminalHealth: 'terminals:refresh-health',
  checkTerminal: 'terminals:check',
  getTerminalDetail: 'terminals:get-detail',
  sendTerminalCommand: 'terminals:send-command',
  // till link
  getTillLink: 'till:get-link',
  setTillLink: 'till:set-link',
  createTillToken: 'till:create-token',
  revokeTillToken: 'till:revoke-token',
  // money rules
  getSettlements: 'money:get-settlements',
  getManagerPin: 'money:get-manager-pin',
  setManagerPin: 'money:set-manager-pin',
  removeManagerPin: 'money:remove-manager-pin',
  listCallbackAddresses: 'merchants:list-callback-addresses',
  // day
  getDay: 'day:get',
  reconcileDay: 'day:reconcile',
  closeBatch: 'day:close-batch',
  checkBatchClose: 'day:check-batch-close',
  printZReport: 'day:print-z-report',
  saveZReportPdf: 'day:save-z-report-pdf',
  exportZReportCsv: 'day:export-z-report-csv',
  getCloseWarnings: 'day:get-close-warnings',
  getDaySettings: 'day:get-settings',
  setDaySettings: 'day:set-settings',
} as const

export const eventChannels = {
  onAppNotice: 'app:notice',
  onPaymentStatus: 'payments:status-changed',
  onMerchantsChanged: 'merchants:changed',
  onReceiptsChanged: 'receipts:changed',
  onTerminalBoard: 'terminals:board-changed',
  onTillLinkChanged: 'till:changed',
  onDayChanged: 'day:changed',
} as const

export type OperationName = keyof typeof operationChannels
export type EventName = keyof typeof eventChannels
