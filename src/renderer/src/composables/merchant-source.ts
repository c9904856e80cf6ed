import { computed } from 'vue'
import { useMerchantsStore } from '../stores/merchants'
import {
  toCheckoutMerchant,
  toCheckoutTerminal,
  type CheckoutMerchant,
  type CheckoutTerminal,
} from '../lib/merchant-view'

/**
 * The checkout's view of the merchants store: normalized merchants and terminals, so components
 * never depend on the merchants work's field names.
 */
export function useMerchantSource() {
  const store = useMerchantsStore()
  const merchants = computed<CheckoutMerchant[]>(() =>
    (store.merchants as unknown[])
      .map(toCheckoutMerchant)
      .filter((m): m is CheckoutMerchant => m !== null),
  )
  const active = computed<CheckoutMerchant | null>(
    () =>
      toCheckoutMerchant(store.activeMerchant) ??
      merchants.value.find((m) => m.id === store.activeMerchantId) ??
      null,
  )
  function terminalsOf(merchantId: string): CheckoutTerminal[] {
    return (store.terminals(merchantId) as unknown[])
      .map(toCheckoutTerminal)
      .filter((t): t is CheckoutTerminal => t !== null)
  }
  return {
    merchants,
    /** Why the merchants could not be loaded, in words; null when they were. */
    loadError: computed(() => store.loadError),
    /** True when the last terminal refresh could not reach Handpoint (the list is the last known). */
    terminalsOffline: computed(() =>
      active.value ? (store.terminalNotices[active.value.id]?.offline ?? false) : false,
    ),
    active,
    terminalsOf,
    refreshTerminals: async (merchantId: string): Promise<void> => {
      await store.refreshTerminals(merchantId)
    },
    setActive: (id: string) => store.setActive(id),
    /** Saved on the merchant's profile on this checkout: the terminal Enter wakes up. */
    setDefaultTerminal: (merchantId: string, serial: string | null) =>
      store.setDefaultTerminal(merchantId, serial),
    load: () => store.load(),
  }
}
