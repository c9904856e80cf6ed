import type { Message, MessageParams } from '@shared/contract'

/**
 * A refusal from main: its `code` and `params` are what the screen words (`useCodes`); the
 * English `message` is kept for the console only. Thrown by the api clients (`unwrap`); here, not
 * in api/, so components can word what a store action threw without reaching the api layer.
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

/** Any failure as something the screen can word: main's code, or `internal` for the rest. */
export function toMessage(err: unknown): Message {
  if (err instanceof BridgeError) {
    const code = err.code as Message['code']
    return err.params ? { code, params: err.params } : { code }
  }
  return { code: 'internal' }
}
