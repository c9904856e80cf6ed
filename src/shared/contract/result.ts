/** The envelope every IPC operation answers with: never a thrown error across the bridge. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape }

export interface AppErrorShape {
  /** Stable machine code, e.g. `invalid-request`, `terminal-busy`. The UI words it. */
  code: string
  /** A sentence for people: what happened and what to do next. */
  message: string
  /** Optional structured details (field paths, retry hints). Never secrets. */
  details?: Record<string, unknown>
}

/** An error meant to reach the user. Services throw it; the IPC wrapper turns it into a Result. */
export class AppError extends Error implements AppErrorShape {
  readonly code: string
  readonly details?: Record<string, unknown>
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message)
    this.name = 'AppError'
    this.code = code
    if (details) this.details = details
  }
  toJSON(): AppErrorShape {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message }
  }
}

export const ok = <T>(data: T): Result<T> => ({ ok: true, data })
export const fail = (error: AppErrorShape): Result<never> => ({ ok: false, error })
