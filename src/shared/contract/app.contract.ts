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

/** Something main tells the cashier unasked: a code with its parameters, at a level. */
export interface AppNotice extends Message {
  level: 'info' | 'warning' | 'error'
}

export const appOperations = {
  getAppInfo: operation<AppInfo>()(z.undefined()),
}

export const appEvents = {
  onAppNotice: event<AppNotice>(),
}
