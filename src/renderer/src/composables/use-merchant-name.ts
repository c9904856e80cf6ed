import type { MerchantView } from '@shared/contract'
import { DEMO_MERCHANT_NAME } from '@shared/contract/merchants.values'
import { useI18n } from 'vue-i18n'

/** True when the name is the one someone typed (data, not words of the app). */
export const isTypedName = (m: Pick<MerchantView, 'name' | 'demo'>): boolean =>
  !(m.demo && m.name === DEMO_MERCHANT_NAME)

/**
 * A merchant's name as people read it: the demo merchant's built-in name (and its "no real
 * money" warning) in the app's language; any name someone typed exactly as typed.
 */
export function useMerchantName() {
  const { t } = useI18n()
  return (m: Pick<MerchantView, 'name' | 'demo'>): string =>
    isTypedName(m) ? m.name : t('merchants.demoName')
}
