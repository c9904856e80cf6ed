import type { AppNotice, NoticeLevel } from '@shared/contract'
import { describe, type MessageCode, type MessageParams, type ParamsOf } from '@shared/messages'

/**
 * The notices port: how a service tells the whole app something a person must know (a damaged
 * file moved aside, ...). Services get it from the composition root; the app shows it as a banner,
 * the CLI prints it on stderr. Words come from the code (`src/shared/messages`), never from here;
 * the compiler checks `params` against the code's template, as `msg()` does.
 */
export interface Notices {
  notify<C extends MessageCode>(code: C, params: ParamsOf<C>, level?: NoticeLevel): AppNotice
}

export interface NoticeBoardOptions {
  now?: () => number
  /** Most notices kept; the oldest go first. */
  limit?: number
}

/**
 * The app's notices: raised by services, kept until dismissed (so the ones raised before the window
 * exists are listed when it opens), and pushed to every listener as they come.
 */
export class NoticeBoard implements Notices {
  private readonly notices: AppNotice[] = []
  private readonly listeners = new Set<(notice: AppNotice) => void>()
  private readonly now: () => number
  private readonly limit: number
  private sequence = 0

  constructor(options: NoticeBoardOptions = {}) {
    this.now = options.now ?? Date.now
    this.limit = options.limit ?? 50
  }

  /** Raises a notice; the same code with the same params while it is still shown is not repeated. */
  notify<C extends MessageCode>(
    code: C,
    params: ParamsOf<C>,
    level: NoticeLevel = 'warning',
  ): AppNotice {
    const same = this.notices.find(
      (n) => n.code === code && sameParams(n.params ?? {}, params as MessageParams),
    )
    if (same) return same
    const notice: AppNotice = {
      id: `notice-${++this.sequence}`,
      code,
      ...(Object.keys(params).length > 0 ? { params: { ...(params as MessageParams) } } : {}),
      level,
      at: this.now(),
    }
    this.notices.push(notice)
    if (this.notices.length > this.limit) this.notices.shift()
    for (const listener of this.listeners) listener(notice)
    return notice
  }

  /** The notices not dismissed yet, oldest first. */
  list(): AppNotice[] {
    return this.notices.map((n) => ({ ...n }))
  }

  /** Forgets a notice (a person closed it); false when there is no such notice. */
  dismiss(id: string): boolean {
    const index = this.notices.findIndex((n) => n.id === id)
    if (index === -1) return false
    this.notices.splice(index, 1)
    return true
  }

  /** Calls `listener` for every notice raised from now on; returns the unsubscribe function. */
  onNotice(listener: (notice: AppNotice) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

function sameParams(a: MessageParams, b: MessageParams): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k])
}

/** Notices for a process without a window (the CLI): one English line each on `write`. */
export function writtenNotices(
  write: (line: string) => void,
  now: () => number = Date.now,
): Notices {
  let sequence = 0
  const labels = { info: 'Note', warning: 'Warning', error: 'Error' } as const
  return {
    notify(code, params, level = 'warning') {
      const values = { ...(params as MessageParams) }
      write(`${labels[level]}: ${describe(code, values)}\n`)
      return { id: `notice-${++sequence}`, code, params: values, level, at: now() }
    },
  }
}
