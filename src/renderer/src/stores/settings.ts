import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
// zod/mini: the tree-shakable build, so the renderer bundle carries only what it uses.
import * as z from 'zod/mini'

/**
 * This checkout's own preferences; they stay on this machine. The default terminal and the
 * result flow live on the merchant's profile (merchants store), so they are not repeated here.
 */
const stored = z.object({
  locale: z.catch(z.enum(['en', 'de']), 'en'),
  /** Tip percentages offered on the terminal for sales; empty = no tip screen. */
  tipPercentages: z.catch(
    z.array(z.int().check(z.minimum(1), z.maximum(100))).check(z.maxLength(5)),
    [],
  ),
  operator: z.catch(z.string().check(z.maxLength(64)), ''),
})
export type CheckoutSettings = z.infer<typeof stored>
export const SUPPORTED_LOCALES = ['en', 'de'] as const

const KEY = 'pos-companion.checkout-settings'

function read(): CheckoutSettings {
  try {
    // localStorage is ours, but it is still parsed: an older or hand-edited value must not break the till.
    return stored.parse(JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '{}'))
  } catch {
    return stored.parse({})
  }
}

export const useSettingsStore = defineStore('settings', () => {
  const initial = read()
  const locale = ref(initial.locale)
  const tipPercentages = ref(initial.tipPercentages)
  const operator = ref(initial.operator)

  watch(
    [locale, tipPercentages, operator],
    () => {
      const value: CheckoutSettings = {
        locale: locale.value,
        tipPercentages: tipPercentages.value,
        operator: operator.value,
      }
      try {
        globalThis.localStorage?.setItem(KEY, JSON.stringify(value))
      } catch {
        // Storage full or disabled: the setting still applies for this session.
      }
    },
    { deep: true },
  )

  return { locale, tipPercentages, operator }
})
