/**
 * Handpoint cloud REST client (plain Node). Reference: docs/handpoint-api.md.
 */
export { createHandpointClient, environmentUrls } from './client'
export { HandpointError, describeHandpointError, isHandpointError } from './errors'
export type { FieldError } from './errors'
export { classifyReceipt, parseTransactionResult } from './results'
export { DEFAULT_TIMEOUT_MS } from './http'
export { readDeviceHealth } from './device-status'
export { readCompactTimestamp } from './batch-results'
export type * from './batch-types'
export type * from './device-types'
export * from './types'
