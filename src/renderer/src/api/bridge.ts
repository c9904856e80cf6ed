import type { BridgeApi, Result } from '@shared/contract'

/** The preload's `window.api`; one place to reach it so tests can substitute a fake. */
export function bridge(): BridgeApi {
  return window.api
}

/** Unwraps a Result: data on success, a thrown `BridgeError` (with code) on failure. */
export class BridgeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'BridgeError'
  }
}

export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending
  if (result.ok) return result.data
  throw new BridgeError(result.error.code, result.error.message, result.error.details)
}
