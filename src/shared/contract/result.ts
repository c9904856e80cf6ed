import { describe, type Message, type MessageParams } from '../messages'

/** The envelope every IPC operation answers with: never a thrown error across the bridge. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape }

export interface AppErrorShape {
  /** Stable snake_case code from src/shared/messages, e.g. `terminal_not_listening`. */
  code: string
  /** The values the code's sentence needs, e.g. `{ serial: '0821032398' }`. */
  params?: MessageParams
  /**
   * The English sentence from `describe(code, params)`, for logs, the CLI and the till link.
   * The renderer never shows it: it words `code` in the cashier's language.
   */
  message: string
  /** Optional structured details (field paths, retry hints). Never secrets. */
  details?: Record<string, unknown>
}

/** An error meant to reach the user. Services throw it; the IPC wrapper turns it into a Result. */
export class AppError extends Error implements AppErrorShape {
  readonly code: Message['code']
  readonly params?: MessageParams
  readonly details?: Record<string, unknown>
  /** `new AppError(msg('terminal_not_found', { serial }))`. */
  constructor(what: Message, details?: Record<string, unknown>) {
    super(describe(what.code, what.params))
    this.name = 'AppError'
    this.code = what.code
    if (what.params) this.params = what.params
    if (details) this.details = details
  }
  toJSON(): AppErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.params ? { params: this.params } : {}),
      ...(this.details ? { details: this.details } : {}),
    }
  }
}

/** The error shape of a message, for places that answer without throwing. */
export function errorShape(what: Message, details?: Record<string, unknown>): AppErrorShape {
  return new AppError(what, details).toJSON()
}

export const ok = <T>(data: T): Result<T> => ({ ok: true, data })
export const fail = (error: AppErrorShape): Result<never> => ({ ok: false, error })
