/**
 * Channel names of every IPC operation and event, keyed by the name of the `window.api` function.
 * Kept free of zod so the sandboxed preload stays tiny; `contract.ts` is checked against it by type.
 * Add a line here and a schema in the domain's `*.contract.ts` for every new operation.
 */
export const operationChannels = {
  getAppInfo: 'app:get-info',
  startPayment: 'payments:start',
  cancelPayment: 'payments:cancel',
  getPayment: 'payments:get',
  listActivePayments: 'payments:list-active',
  searchHistory: 'payments:search-history',
  resolvePayment: 'payments:resolve',
} as const

export const eventChannels = {
  onAppNotice: 'app:notice',
  onPaymentStatus: 'payments:status-changed',
} as const

export type OperationName = keyof typeof operationChannels
export type EventName = keyof typeof eventChannels
