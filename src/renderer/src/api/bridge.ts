import type { BridgeApi, Message, MessageParams, Result } from '@shared/contract'

/** The preload's `window.api`; one place to reach it so tests can substitute a fake. */
export function bridge(): BridgeApi {
  return window.api
}

/**
 * A refusal from main: its `code` and `params` are what the screen words (`useCodes`); the
 * English `message` is kept for the console only.
 */
export class BridgeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params?: MessageParams,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'BridgeError'
  }
}

export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending
  if (result.ok) return result.data
  const { code, message, params, details } = result.error
  throw new BridgeError(code, message, params, details)
}

/** Any failure as something the screen can word: main's code, or `internal` for the rest. */
export function toMessage(err: unknown): Message {
  if (err instanceof BridgeError) {
    const code = err.code as Message['code']
    return err.params ? { code, params: err.params } : { code }
  }
  return { code: 'internal' }
}
