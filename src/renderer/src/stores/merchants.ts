import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type {
  AddMerchantRequest,
  CallbackAddress,
  ExportedConfiguration,
  ImportMode,
  ImportPreview,
  Message,
  MerchantPatch,
  MerchantView,
  MerchantsSnapshot,
  SecretStorageStatus,
  TerminalList,
  TerminalView,
} from '@shared/contract'
import { toMessage } from '../lib/errors'
import { merchantsClient } from '../api/merchants-client'

/** The built-in demo merchant, or any merchant on the simulator: no real money moves. */
export const movesNoMoney = (m: Pick<MerchantView, 'demo' | 'environment'>): boolean =>
  m.demo || m.environment === 'simulator'

/** A terminal as the checkout shows it: bound to its merchant, default marked, last seen known. */
export interface MerchantTerminal extends TerminalView {
  merchantId: string
  isDefault: boolean
  /** When this merchant's key last listed it. */
  lastSeenAt?: number
}

/**
 * Merchants as main reports them (never a key), the active merchant of this checkout and each
 * merchant's terminals as last listed. Kept in sync by `onMerchantsChanged`.
 */
export const useMerchantsStore = defineStore('merchants', () => {
  const merchants = ref<MerchantView[]>([])
  const activeMerchantId = ref<string | null>(null)
  const storage = ref<SecretStorageStatus | null>(null)
  const loadError = ref<Message | null>(null)
  /** Per merchant: "offline, showing terminals as of ..." after a refresh that could not connect. */
  const terminalNotices = ref<Record<string, { offline: boolean; fetchedAt?: number }>>({})
  let unsubscribe: (() => void) | undefined

  const activeMerchant = computed<MerchantView | null>(
    () => merchants.value.find((m) => m.id === activeMerchantId.value) ?? null,
  )
  /** True when the active merchant's last refresh could not reach Handpoint (last known list). */
  const terminalsOffline = computed(() =>
    activeMerchant.value
      ? (terminalNotices.value[activeMerchant.value.id]?.offline ?? false)
      : false,
  )

  function apply(snapshot: MerchantsSnapshot): void {
    merchants.value = snapshot.merchants
    activeMerchantId.value = snapshot.activeMerchantId ?? null
    storage.value = snapshot.storage
  }

  function upsert(view: MerchantView): void {
    const i = merchants.value.findIndex((m) => m.id === view.id)
    if (i === -1) merchants.value = [...merchants.value, view]
    else merchants.value = merchants.value.map((m) => (m.id === view.id ? view : m))
  }

  async function load(): Promise<void> {
    unsubscribe ??= merchantsClient.onChanged(apply)
    try {
      apply(await merchantsClient.list())
      loadError.value = null
    } catch (err) {
      loadError.value = toMessage(err)
      return
    }
    // First start: the demo merchant has never listed its terminals; do it once, quietly.
    const active = activeMerchant.value
    if (active && active.terminalsFetchedAt === undefined && active.keyState === 'ok') {
      await refreshTerminals(active.id).catch(() => undefined)
    }
  }

  function terminals(merchantId: string): MerchantTerminal[] {
    const m = merchants.value.find((x) => x.id === merchantId)
    if (!m) return []
    return m.terminals.map((t) => ({
      ...t,
      merchantId,
      isDefault: t.serialNumber === m.defaultTerminalSerial,
      ...(m.terminalsFetchedAt !== undefined ? { lastSeenAt: m.terminalsFetchedAt } : {}),
    }))
  }

  /** Asks Handpoint for the list; offline keeps the last known list and records a notice. */
  async function refreshTerminals(merchantId: string): Promise<TerminalList> {
    const list = await merchantsClient.terminals(merchantId, true)
    terminalNotices.value = {
      ...terminalNotices.value,
      [merchantId]: {
        offline: list.offline,
        ...(list.fetchedAt !== undefined ? { fetchedAt: list.fetchedAt } : {}),
      },
    }
    const m = merchants.value.find((x) => x.id === merchantId)
    if (m) {
      upsert({
        ...m,
        terminals: list.terminals,
        ...(list.fetchedAt !== undefined ? { terminalsFetchedAt: list.fetchedAt } : {}),
      })
    }
    return list
  }

  async function setActive(id: string): Promise<void> {
    await merchantsClient.setActive(id)
    activeMerchantId.value = id
  }

  async function add(request: AddMerchantRequest): Promise<MerchantView> {
    const view = await merchantsClient.add(request)
    upsert(view)
    return view
  }

  async function update(id: string, patch: MerchantPatch, managerPin?: string): Promise<void> {
    upsert(await merchantsClient.update(id, patch, managerPin))
  }

  async function replaceKey(id: string, apiKey: string): Promise<void> {
    upsert(await merchantsClient.replaceKey(id, apiKey))
  }

  async function remove(id: string, managerPin?: string): Promise<void> {
    await merchantsClient.remove(id, managerPin)
    merchants.value = merchants.value.filter((m) => m.id !== id)
    if (activeMerchantId.value === id) activeMerchantId.value = merchants.value[0]?.id ?? null
  }

  async function setDefaultTerminal(merchantId: string, serial: string | null): Promise<void> {
    upsert(await merchantsClient.setDefaultTerminal(merchantId, serial))
  }

  async function acceptInsecureStorage(accepted: boolean): Promise<void> {
    storage.value = await merchantsClient.acceptInsecureStorage(accepted)
  }

  /** This computer's addresses the callback listener may listen on. */
  function callbackAddresses(): Promise<CallbackAddress[]> {
    return merchantsClient.callbackAddresses()
  }

  /** The whole configuration, sealed with `passphrase`, as a file to save. */
  function exportConfiguration(passphrase: string): Promise<ExportedConfiguration> {
    return merchantsClient.exportConfiguration(passphrase)
  }

  /** What importing `content` would change; changes nothing. */
  function previewImport(
    content: string,
    passphrase: string,
    mode: ImportMode,
  ): Promise<ImportPreview> {
    return merchantsClient.previewImport(content, passphrase, mode)
  }

  /** Imports the file, then reloads the merchants it changed. */
  async function importConfiguration(
    content: string,
    passphrase: string,
    mode: ImportMode,
    managerPin?: string,
  ): Promise<ImportPreview> {
    const result = await merchantsClient.importConfiguration(content, passphrase, mode, managerPin)
    await load()
    return result
  }

  return {
    merchants,
    activeMerchantId,
    activeMerchant,
    terminalsOffline,
    storage,
    loadError,
    terminalNotices,
    load,
    terminals,
    refreshTerminals,
    setActive,
    add,
    update,
    replaceKey,
    remove,
    setDefaultTerminal,
    acceptInsecureStorage,
    callbackAddresses,
    exportConfiguration,
    previewImport,
    importConfiguration,
  }
})
