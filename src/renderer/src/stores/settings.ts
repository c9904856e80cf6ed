import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import {
  CHECKOUT_SETTINGS_KEY as KEY,
  savedCheckoutSettings,
  type CheckoutSettings,
} from '../lib/checkout-settings'

/**
 * This checkout's own preferences; they stay on this machine. The default terminal and the
 * result flow live on the merchant's profile (merchants store), so they are not repeated here.
 */
export const useSettingsStore = defineStore('settings', () => {
  const initial = savedCheckoutSettings()
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
