import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { MerchantView, TerminalList } from '@shared/contract'
import { bridge, unwrap } from '../api/bridge'

/**
 * Interim merchants store with the names of the real one (src/renderer/src/stores/merchants.ts,
 * owned by the merchants work), speaking the merchants contract directly, so the checkout works
 * before that store lands. `composables/merchant-source.ts` switches with one import.
 */
export const useMerchantsStore = defineStore('merchants-interim', () => {
  const merchants = ref<MerchantView[]>([])
  const activeMerchantId = ref<string | null>(null)
  const lists = ref<Record<string, TerminalList>>({})
  let unsubscribe: (() => void) | null = null

  const activeMerchant = computed(
    () => merchants.value.find((m) => m.id === activeMerchantId.value) ?? null,
  )
  const terminals = (merchantId: string) =>
    lists.value[merchantId]?.terminals ??
    merchants.value.find((m) => m.id === merchantId)?.terminals ??
    []

  async function refreshTerminals(merchantId: string): Promise<void> {
    const list = await unwrap(bridge().listTerminals({ merchantId, refresh: true }))
    lists.value = { ...lists.value, [merchantId]: list }
  }

  async function setActive(id: string): Promise<void> {
    await unwrap(bridge().setActiveMerchant({ id }))
    activeMerchantId.value = id
  }

  async function setDefaultTerminal(merchantId: string, serial: string | null): Promise<void> {
    const view = await unwrap(bridge().setDefaultTerminal({ merchantId, serialNumber: serial }))
    merchants.value = merchants.value.map((m) => (m.id === view.id ? view : m))
  }

  async function load(): Promise<void> {
    unsubscribe ??= bridge().onMerchantsChanged((snapshot) => {
      merchants.value = snapshot.merchants
      activeMerchantId.value = snapshot.activeMerchantId ?? snapshot.merchants[0]?.id ?? null
    })
    const snapshot = await unwrap(bridge().listMerchants())
    merchants.value = snapshot.merchants
    activeMerchantId.value = snapshot.activeMerchantId ?? snapshot.merchants[0]?.id ?? null
  }

  return {
    merchants,
    activeMerchantId,
    activeMerchant,
    terminals,
    refreshTerminals,
    setActive,
    setDefaultTerminal,
    load,
  }
})
