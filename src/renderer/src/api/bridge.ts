import type { BridgeApi, Result } from '@shared/contract'
import { BridgeError } from '../lib/errors'

/** The preload's `window.api`; one place to reach it so tests can substitute a fake. */
export function bridge(): BridgeApi {
  return window.api
}

export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending
  if (result.ok) return result.data
  const { code, message, params, details } = result.error
  throw new BridgeError(code, message, params, details)
}
