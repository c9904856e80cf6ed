/**
 * The one catalogue of what main can tell people. Main speaks in codes with parameters
 * (`{ code: 'terminal_not_listening', params: { serial } }`); the renderer words each code through
 * vue-i18n in every language it speaks (`codes.<code>` in its message files), and the CLI and the
 * till link word them in English from the tables below with `describe()`.
 *
 * Each domain keeps its own table in this folder (`payments.ts`, `merchants.ts`, ...), so adding
 * a code touches one domain file and the renderer's message files. Codes are snake_case and never
 * change meaning once shipped: stored evidence refers to them. A template's `{name}`s are exactly
 * the parameters its code carries (the renderer's wording may use fewer, never others).
 */
import { appMessages } from './app'
import { CAUSE_WORDS } from './causes'
import { dayMessages } from './day'
import { merchantMessages } from './merchants'
import { moneyMessages } from './money'
import { paymentMessages } from './payments'
import { receiptMessages } from './receipts'
import { terminalMessages } from './terminals'
import { tillMessages } from './till'

export { CAUSE_WORDS, causeOf, type FailureCause } from './causes'

/** English templates by code; `{name}` is replaced by the parameter of that name. */
export const ENGLISH_MESSAGES = {
  ...appMessages,
  ...paymentMessages,
  ...merchantMessages,
  ...receiptMessages,
  ...terminalMessages,
  ...tillMessages,
  ...moneyMessages,
  ...dayMessages,
} as const

export type MessageCode = keyof typeof ENGLISH_MESSAGES
export type MessageParams = Record<string, string | number>

/** A fact or refusal as main sends it: a code and the values the sentence needs. */
export interface Message {
  code: MessageCode
  params?: MessageParams
}

/** The `{name}`s of a template, as a union of names. */
type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never
/** The parameters a code carries, from its English template. */
export type ParamsOf<C extends MessageCode> = Record<
  Placeholders<(typeof ENGLISH_MESSAGES)[C]>,
  string | number
>

/** Builds a message; the compiler checks the parameters against the code's template. */
export function msg<C extends MessageCode>(
  code: C,
  ...params: [Placeholders<(typeof ENGLISH_MESSAGES)[C]>] extends [never] ? [] : [ParamsOf<C>]
): Message {
  const [values] = params
  return values ? { code, params: values } : { code }
}

export const MESSAGE_CODES = Object.keys(ENGLISH_MESSAGES) as MessageCode[]

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(ENGLISH_MESSAGES, code)
}

/** The parameter names a code's template uses. */
export function paramsOf(code: MessageCode): string[] {
  return [...ENGLISH_MESSAGES[code].matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '')
}

/** The English sentence for a code (CLI, till link, logs). Unknown codes are shown as they are. */
export function describe(code: string, params: MessageParams = {}): string {
  const template: string = isMessageCode(code) ? ENGLISH_MESSAGES[code] : code
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole
    const value = String(params[name])
    return name === 'cause' && Object.hasOwn(CAUSE_WORDS, value)
      ? CAUSE_WORDS[value as keyof typeof CAUSE_WORDS]
      : value
  })
}
