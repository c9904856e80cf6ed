/**
 * This checkout's own preferences as kept in localStorage. They are ours, but still read with
 * care: an older or hand-edited value must not break the till, so each field that does not fit
 * falls back to its default on its own. Plain checks, not zod: zod stays in main and shared.
 */
/** Where the checkout keeps them (read before the app starts too: src/renderer/src/boot). */
export const CHECKOUT_SETTINGS_KEY = 'pos-companion.checkout-settings'

export const SUPPORTED_LOCALES = ['en', 'de'] as const
export type CheckoutLocale = (typeof SUPPORTED_LOCALES)[number]

export interface CheckoutSettings {
  locale: CheckoutLocale
  /** Tip percentages offered on the terminal for sales; empty = no tip screen. */
  tipPercentages: number[]
  operator: string
}

export const MAX_TIPS = 5
export const MAX_OPERATOR_LENGTH = 64

/** Up to five whole percentages from 1 to 100. */
export function validTips(values: unknown): values is number[] {
  return (
    Array.isArray(values) &&
    values.length <= MAX_TIPS &&
    values.every((v) => Number.isInteger(v) && v >= 1 && v <= 100)
  )
}

export function readCheckoutSettings(raw: unknown): CheckoutSettings {
  const stored = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
  const { locale, tipPercentages, operator } = stored
  return {
    locale: SUPPORTED_LOCALES.find((l) => l === locale) ?? 'en',
    tipPercentages: validTips(tipPercentages) ? [...tipPercentages] : [],
    operator:
      typeof operator === 'string' && operator.length <= MAX_OPERATOR_LENGTH ? operator : '',
  }
}

/** What this machine saved, or the defaults when nothing usable is there. */
export function savedCheckoutSettings(): CheckoutSettings {
  try {
    return readCheckoutSettings(
      JSON.parse(globalThis.localStorage?.getItem(CHECKOUT_SETTINGS_KEY) ?? '{}'),
    )
  } catch {
    return readCheckoutSettings({})
  }
}
