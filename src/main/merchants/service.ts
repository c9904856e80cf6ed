import { randomUUID } from 'node:crypto'
import {
  AppError,
  type AddMerchantRequest,
  type CallbackAddress,
  type MerchantPatch,
  type MerchantView,
  type MerchantsSnapshot,
  type ReceiptPreferences,
  type SecretStorageStatus,
  type TerminalList,
} from '@shared/contract'
import { msg } from '@shared/messages'
import type { BatchApi } from '../handpoint/batch-types'
import type { Device, HandpointClient } from '../handpoint/types'
import { localAddresses } from '../payments/callback-binding'
import type { MerchantDirectory } from '../payments/ports'
import type { TerminalDeviceClient } from './bound-client'
import { createEndpointResolver, isOnThisComputer } from './endpoints'
import { KeyVault } from './key-vault'
import { MerchantClients } from './merchant-clients'
import { MerchantKeys } from './merchant-keys'
import { MerchantTerminals } from './merchant-terminals'
import { ProfileBook } from './profile-book'
import type { MerchantServiceOptions } from './service-options'
import type { MerchantProfile, ProfileFile } from './profile-schema'
import { ceilingOf, guardPatch, requireManager, type ManagerCheck } from './ceiling-guard'
import { flowFromSettings } from './result-flow'
import {
  demoMerchantProfile,
  keyHintOf,
  newMerchantProfile,
  replaceTerminals,
  toMerchantView,
} from './views'

export type { MerchantServiceOptions } from './service-options'

/**
 * Merchant profiles, their encrypted API keys and their terminals. Implements the payment
 * engine's MerchantDirectory: a client is only ever built with the key of the merchant asked for,
 * and only starts operations on that merchant's own terminals.
 */
export class MerchantService implements MerchantDirectory {
  readonly vault: KeyVault
  private readonly book: ProfileBook
  private readonly keys: MerchantKeys
  private readonly clients: MerchantClients
  private readonly terminals: MerchantTerminals
  private readonly now: () => number

  private constructor(
    private readonly options: MerchantServiceOptions,
    file: ProfileFile,
  ) {
    this.now = options.now ?? Date.now
    const resolve = createEndpointResolver(options.simulatorEndpoints)
    this.book = new ProfileBook(options.store, file, () => {
      this.clients.clear()
      this.options.onChange?.(this.snapshot())
    })
    this.vault = new KeyVault(
      options.dataDir,
      options.secretBox,
      () => this.book.file.settings.insecureStorageAccepted,
    )
    const { book, vault } = this
    const { demoApiKey, createClient, budget } = options
    this.keys = new MerchantKeys({ vault, book, demoApiKey, createClient, resolve, budget })
    this.clients = new MerchantClients({
      book,
      apiKeyOf: (m) => this.keys.apiKeyOf(m),
      resolve,
      createClient,
      timeoutMs: options.requestTimeoutMs ?? 15_000,
    })
    const clientFor = (merchantId: string) => this.clients.clientFor(merchantId)
    this.terminals = new MerchantTerminals({ book, clientFor, budget, now: this.now })
  }

  /** Loads (migrating or quarantining) the profiles, seeds the demo merchant once, checks keys. */
  static async open(options: MerchantServiceOptions): Promise<MerchantService> {
    const loaded = await options.store.load()
    const service = new MerchantService(options, loaded.file)
    const file = service.book.file
    let dirty = false
    if (loaded.fresh && !loaded.file.settings.demoSeeded) {
      file.merchants.push(demoMerchantProfile(service.now()))
      file.settings.demoSeeded = true
      dirty = true
    }
    const canCheck = options.secretBox.isAvailable()
    for (const m of file.merchants) {
      // Re-checked every start: a key marked for re-entry may decrypt again (same user back).
      if (!canCheck || m.demo) continue
      const read = await service.vault.read(m.keyFile)
      if (read.state !== m.keyState) {
        m.keyState = read.state
        dirty = true
      }
    }
    if (dirty) await options.store.save(file)
    return service
  }

  /** Everything the settings screen and the banner need; never a key. */
  snapshot(): MerchantsSnapshot {
    const merchants = this.book.profiles().map(toMerchantView)
    const active = this.book.file.settings.activeMerchantId
    const activeMerchantId = merchants.some((m) => m.id === active) ? active : merchants[0]?.id
    return {
      merchants,
      ...(activeMerchantId ? { activeMerchantId } : {}),
      storage: this.vault.status(),
    }
  }

  /** One merchant as the UI sees it; receipts and payments read its preferences here. */
  view(merchantId: string): MerchantView | undefined {
    const m = this.book.find(merchantId)
    return m ? toMerchantView(m) : undefined
  }

  /**
   * The merchant's own copy rules (customer and merchant copy), or undefined when it has none or
   * is unknown: the receipts service then uses the checkout's rules.
   */
  copyPolicy(merchantId: string): ReceiptPreferences | undefined {
    const rules = this.book.find(merchantId)?.receipts
    return rules ? { ...rules } : undefined
  }

  /**
   * Whether this merchant's receipts may be fetched over plain http from this computer: only on
   * the built-in simulator or a custom address on loopback. Everywhere else a receipt comes over
   * https, so an http receipt URL in a result is refused instead of followed.
   */
  receiptsOverLoopbackHttp(merchantId: string): boolean {
    const m = this.book.find(merchantId)
    if (!m) return false
    return (
      m.environment === 'simulator' ||
      (m.environment === 'custom' && isOnThisComputer(m.customUrls))
    )
  }

  /** Verifies the key against Handpoint (device list), then stores it encrypted. */
  async addMerchant(request: AddMerchantRequest): Promise<MerchantView> {
    this.vault.assertCanStore() // refuse before any network call when keys cannot be stored
    const devices = await this.keys.verify(request.environment, request.customUrls, request.apiKey)
    const id = randomUUID()
    const keyFile = await this.vault.write(id, this.vault.seal(request.apiKey))
    const profile = newMerchantProfile(request, { id, keyFile, devices, now: this.now() })
    await this.mutate((file) => {
      // A new merchant never becomes the one taking payments on its own (the banner would turn
      // to live payments behind the cashier's back): the one in use stays, and the screen asks.
      // Only a checkout without any merchant starts using the first one added.
      const inUse = file.merchants.some((m) => m.id === file.settings.activeMerchantId)
        ? file.settings.activeMerchantId
        : file.merchants[0]?.id
      file.merchants.push(profile)
      file.settings.activeMerchantId = inUse ?? id
    }).catch(async (err: unknown) => {
      await this.vault.remove(keyFile) // the profile was not saved: leave no orphan key behind
      throw err
    })
    return toMerchantView(profile)
  }

  /** Changes names, currency, result flow, receipt preferences and limits. */
  async updateMerchant(
    id: string,
    patch: MerchantPatch,
    managerPin?: string,
  ): Promise<MerchantView> {
    await guardPatch(this.options.manager, this.book.get(id), patch, managerPin)
    return this.mutate(() => {
      const m = this.book.get(id)
      if (patch.name !== undefined) m.name = patch.name.trim()
      if (patch.currency !== undefined) m.currency = patch.currency
      if (patch.resultFlow)
        m.resultFlow = flowFromSettings(patch.resultFlow, m.resultFlow, this.callbackAddresses())
      if (patch.receipts === null) delete m.receipts
      else if (patch.receipts) m.receipts = { ...patch.receipts }
      if (patch.limits) m.limits = patch.limits
      m.updatedAt = this.now()
      return toMerchantView(m)
    })
  }

  /** The manager PIN check, for changes that lift a ceiling (configuration-transfer.ts too). */
  get manager(): ManagerCheck | undefined {
    return this.options.manager
  }

  /** This computer's addresses the callback listener may listen on (Settings offers these). */
  callbackAddresses(): CallbackAddress[] {
    return (this.options.localAddresses ?? localAddresses)()
  }

  /** Removes the merchant and its key file. The demo merchant is not recreated afterwards. */
  async removeMerchant(id: string, managerPin?: string): Promise<void> {
    const m = this.book.get(id)
    // Removed and imported again, it would come back without its ceiling.
    if (ceilingOf(m)) await requireManager(this.options.manager, managerPin)
    await this.mutate((file) => {
      file.merchants = file.merchants.filter((x) => x.id !== id)
      if (file.settings.activeMerchantId === id) delete file.settings.activeMerchantId
    })
    await this.vault.remove(m.keyFile)
  }

  /** Verifies a new key for an existing merchant (same environment) and replaces the old one. */
  async replaceApiKey(id: string, apiKey: string): Promise<MerchantView> {
    const current = this.book.get(id)
    if (current.demo) {
      throw new AppError(msg('demo_merchant_key'))
    }
    this.vault.assertCanStore()
    const devices = await this.keys.verify(current.environment, current.customUrls, apiKey)
    const keyFile = await this.vault.write(id, this.vault.seal(apiKey))
    const oldFile = current.keyFile
    const view = await this.mutate(() => {
      const m = this.book.get(id)
      m.keyFile = keyFile
      m.keyState = 'ok'
      m.updatedAt = this.now()
      const hint = keyHintOf(apiKey)
      if (hint) m.keyHint = hint
      else delete m.keyHint
      replaceTerminals(m, devices, this.now())
      return toMerchantView(m)
    }).catch(async (err: unknown) => {
      await this.vault.remove(keyFile)
      throw err
    })
    if (oldFile !== keyFile) await this.vault.remove(oldFile)
    return view
  }

  /** Last known terminals; with `refresh`, asks Handpoint and falls back to them when offline. */
  listTerminals(merchantId: string, refresh: boolean): Promise<TerminalList> {
    return this.terminals.list(merchantId, refresh)
  }

  /** The terminal this checkout preselects; must be one this merchant's key listed. */
  setDefaultTerminal(merchantId: string, serial: string | null): Promise<MerchantView> {
    return this.terminals.setDefault(merchantId, serial)
  }

  async setActiveMerchant(id: string): Promise<string> {
    this.book.get(id)
    await this.mutate((file) => void (file.settings.activeMerchantId = id))
    return id
  }

  /** Records the user's explicit choice to store keys with obfuscation-only storage. */
  async acceptInsecureStorage(accepted: boolean): Promise<SecretStorageStatus> {
    await this.mutate((file) => void (file.settings.insecureStorageAccepted = accepted))
    return this.vault.status()
  }

  // --- MerchantDirectory (the payment engine's port) ---

  clientFor(merchantId: string): Promise<HandpointClient> {
    return this.clients.clientFor(merchantId)
  }

  /**
   * The merchant's device calls (terminal checks and commands), bound to its listed terminals and
   * made with the same key and one attempt per call. Throws AppError when the key is unusable.
   */
  deviceClientFor(merchantId: string): Promise<TerminalDeviceClient> {
    return this.clients.deviceClientFor(merchantId)
  }

  /** The day close's batch and status-chain calls, closes bound to the listed terminals. */
  batchClientFor(merchantId: string): Promise<BatchApi> {
    return this.clients.batchClientFor(merchantId)
  }

  terminalOf(merchantId: string, serialNumber: string): Promise<Device | undefined> {
    return this.terminals.terminalOf(merchantId, serialNumber)
  }

  async defaultCurrency(merchantId: string): Promise<string> {
    return this.book.get(merchantId).currency
  }

  async defaultFlow(merchantId: string): Promise<'poll' | 'callback'> {
    return this.book.get(merchantId).resultFlow.mode
  }

  // --- shared with configuration-transfer.ts and the wiring ---

  /** Which request budget a merchant's requests count against (one per API key). */
  budgetKeyOf(merchantId: string): string {
    return this.keys.budgetKeyOf(merchantId)
  }

  profiles(): readonly MerchantProfile[] {
    return this.book.profiles()
  }

  /** Runs one change at a time against the file, saves it atomically and tells subscribers. */
  mutate<T>(change: (file: ProfileFile) => T): Promise<T> {
    return this.book.mutate(change)
  }
}
