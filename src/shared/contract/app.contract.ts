import { z } from 'zod'
import { event, operation } from './define'

export interface AppInfo {
  name: string
  version: string
  /** Where journals, receipts and settings live on this machine. */
  dataDir: string
  /** `electron` in the desktop app, `browser` when driven by the e2e harness. */
  shell: 'electron' | 'browser'
}

export interface AppNotice {
  level: 'info' | 'warning' | 'error'
  message: string
}

export const appOperations = {
  getAppInfo: operation<AppInfo>()(z.undefined()),
}

export const appEvents = {
  onAppNotice: event<AppNotice>(),
}
