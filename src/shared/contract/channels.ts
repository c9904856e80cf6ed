/**
 * Channel names of every IPC operation and event, keyed by the name of the `window.api` function.
 * Kept free of zod so the sandboxed preload stays tiny; `contract.ts` is checked against it by type.
 * Add a line here and a schema in the domain's `*.contract.ts` for every new operation.
 */
export const operationChannels = {
  getAppInfo: 'app:get-info',
} as const

export const eventChannels = {
  onAppNotice: 'app:notice',
} as const

export type OperationName = keyof typeof operationChannels
export type EventName = keyof typeof eventChannels
