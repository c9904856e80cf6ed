import { z } from 'zod'
import type { Message } from '../messages'
import { event, operation } from './define'

export interface AppInfo {
  name: string
  version: string
  /** Where journals, receipts and settings live on this machine. */
  dataDir: string
  /** `electron` in the desktop app, `browser` when driven by the e2e harness. */
  shell: 'electron' | 'browser'
}

export type NoticeLevel = 'info' | 'warning' | 'error'

/**
 * Something main tells the whole app (a damaged file moved aside, ...), as a code the renderer
 * words. Notices raised before the window exists are kept: the renderer lists them at start.
 */
export interface AppNotice extends Message {
  /** Unique in this run; names the notice to dismiss. */
  id: string
  level: NoticeLevel
  /** When it was raised (ms since the epoch). */
  at: number
}

export const appOperations = {
  getAppInfo: operation<AppInfo>()(z.undefined()),
  /** The notices raised so far and not dismissed, oldest first. */
  listNotices: operation<AppNotice[]>()(z.undefined()),
  dismissNotice: operation<{ dismissed: boolean }>()(
    z.object({ id: z.string().min(1).max(64) }).strict(),
  ),
}

export const appEvents = {
  onAppNotice: event<AppNotice>(),
}
