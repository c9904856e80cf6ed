import type { Device, HandpointClient } from '../handpoint/types'

/**
 * How the engine reaches a merchant's key and terminals without knowing where they are stored.
 * Implemented by src/main/merchants (profiles + encrypted keys); tests pass a simple map.
 * Every terminal stays bound to the merchant whose key listed it: the engine refuses an operation
 * on a terminal that `terminalOf` does not return for that merchant.
 */
export interface MerchantDirectory {
  /**
   * A client bound to this merchant's key and environment; throws AppError when unusable.
   * It must make ONE attempt per call (`retry: { maxAttempts: 1 }`): every request the engine
   * makes goes through the key's budget, and the client's own GET retries would leave unseen
   * by it (the engine retries through the budget itself).
   */
  clientFor(merchantId: string): Promise<HandpointClient>
  /** The terminal as last listed by this merchant's key, or undefined. */
  terminalOf(merchantId: string, serialNumber: string): Promise<Device | undefined>
  /** Currency used when a request names none (ISO 4217 alpha-3). */
  defaultCurrency(merchantId: string): Promise<string>
  /** Result flow used when a request names none; polling when absent. */
  defaultFlow?(merchantId: string): Promise<'poll' | 'callback'>
}

/** Wall clock + timers, injectable so tests and benchmarks control time. */
export interface Clock {
  now(): number
  setTimeout(fn: () => void, ms: number): { cancel(): void }
}
