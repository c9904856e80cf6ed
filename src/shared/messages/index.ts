/**
 * The one catalogue of what main can tell people. Main speaks in codes with parameters
 * (`{ code: 'terminal_not_listening', params: { serial } }`); the renderer words each code through
 * vue-i18n in every language it speaks (`codes.<code>` in its message files), and the CLI and the
 * till link word them in English from the tables below with `describe()`.
 *
 * Each domain keeps its own table in this folder (`payments.ts`, `merchants.ts`, ...), so adding
 * a code touches one domain file and the renderer's message files. Codes are snake_case and never
 * change meaning once shipped: stored evidence refers to them.
 */
import { appMessages } from './app'
import { merchantMessages } from './merchants'
import { paymentMessages } from './payments'
import { receiptMessages } from './receipts'

/** English templates by code; `{name}` is replaced by the parameter of that name. */
export const ENGLISH_MESSAGES = {
  ...appMessages,
  ...paymentMessages,
  ...merchantMessages,
  ...receiptMessages,
} as const

export type MessageCode = keyof typeof ENGLISH_MESSAGES
export type MessageParams = Record<string, string | number>

/** A fact or refusal as main sends it: a code and the values the sentence needs. */
export interface Message {
  code: MessageCode
  params?: MessageParams
}

export const MESSAGE_CODES = Object.keys(ENGLISH_MESSAGES) as MessageCode[]

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(ENGLISH_MESSAGES, code)
}

/** The English sentence for a code (CLI, till link, logs). Unknown codes are shown as they are. */
export function describe(code: string, params: MessageParams = {}): string {
  const template: string = isMessageCode(code) ? ENGLISH_MESSAGES[code] : code
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  )
}
