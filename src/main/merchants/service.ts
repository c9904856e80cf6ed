import { createHash } from 'node:crypto'
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
import { bindClientToTerminals, type TerminalDeviceClient } from './bound-client'
import {
  createEndpointResolver,
  isOnThisComputer,
  type EndpointResolver,
  type Endpoints,
} from './endpoints'
import { KeyVault } from './key-vault'
import type { MerchantProfile, ProfileFile } from './profile-schema'
import { ceilingOf, guardPatch, requireManager, type ManagerCheck } from './ceiling-guard'
import type { ProfileStore } from './profile-store'
import { flowFromSettings } from './result-flow'
import type { SecretBox } from './secret-box'
import { SideClients } from './side-clients'
import { isOffline, refreshError, verifyApiKey, type ClientFactory } from './verify-key'
import {
  demoMerchantProfile,
  keyHintOf,
  keyProblem,
  newMerchantProfile,
  notBound,
  storedTerminal,
  terminalList,
  toMerchantView,
} from './views'

export interface MerchantServiceOptions {
  dataDir: string
  store: ProfileStore
  secretBox: SecretBox
  createClient: ClientFactory
  /** Address of the built-in simulator, started on first use. */
  simulatorEndpoints?: () => Promise<Endpoints>
  /** The simulator's public demo key (not a secret). */
  demoApiKey: string
  now?: () => number
  /** Pushed after every change (the `onMerchantsChanged` event). */
  onChange?: (snapshot: MerchantsSnapshot) => void
  requestTimeoutMs?: number
  /** Sends a request of the merchant's key through the key's request budget (shared with the
   * payment engine and terminal care); sent at once when absent. */
  budget?: <T>(merchantId: string, request: () => Promise<T>) => Promise<T>
  /**
   * The manager PIN: once one is set, raising or removing a ceiling needs it. Absent: nobody is
   * asked (tests of other things); the app and the CLI always pass it.
   */
  manager?: ManagerCheck
  /** This computer's addresses (tests pin them); default: its network interfaces and loopback. */
  localAddresses?: () => CallbackAddress[]
}

/**
 * Merchant profiles, their encrypted API keys and their terminals. Implements the payment
 * engine's MerchantDirectory: a client is only ever built with the key of the merchant asked for,
 * and only starts operations on that merchant's own terminals.
 */
/** An id for an API key that says nothing about the key (for the per-key request budget). */
const keyIdOf = (apiKey: string): string =>
  `key:${createHash('sha256').update(apiKey).digest('hex').slice(0, 16)}`

export class MerchantService implements MerchantDirectory {
  readonly vault: KeyVault
  private file!: ProfileFile
  private queue: Promise<unknown> = Promise.resolve()
  private readonly clients = new Map<string, HandpointClient>()
  private readonly side = new SideClients(async (merchantId) => {
    const m = this.profile(merchantId)
    return {
      client: this.options.createClient({
        ...(await this.resolve(m.environment, m.customUrls)),
        apiKey: await this.apiKeyOf(m),
        timeoutMs: this.options.requestTimeoutMs ?? 15_000,
      }),
      merchantName: m.name,
      terminals: () => this.findProfile(merchantId)?.terminals ?? [],
    }
  })
  /** Merchant id -> an id of its API key (never the key), once the key was read. */
  private readonly keyIds = new Map<string, string>()
  private readonly resolve: EndpointResolver
  private readonly now: () => number

  private constructor(private readonly options: MerchantServiceOptions) {
    this.now = options.now ?? Date.now
    this.resolve = createEndpointResolver(options.simulatorEndpoints)
    this.vault = new KeyVault(
      options.dataDir,
      options.secretBox,
      () => this.file.settings.insecureStorageAccepted,
    )
  }

  /** Loads (migrating or quarantining) the profiles, seeds the demo merchant once, checks keys. */
  static async open(options: MerchantServiceOptions): Promise<MerchantService> {
    const service = new MerchantService(options)
    const loaded = await options.store.load()
    service.file = loaded.file
    let dirty = false
    if (loaded.fresh && !loaded.file.settings.demoSeeded) {
      service.file.merchants.push(demoMerchantProfile(service.now()))
      service.file.settings.demoSeeded = true
      dirty = true
    }
    const canCheck = options.secretBox.isAvailable()
    for (const m of service.file.merchants) {
      // Re-checked every start: a key marked for re-entry may decrypt again (same user back).
      if (!canCheck || m.demo) continue
      const read = await service.vault.read(m.keyFile)
      if (read.state !== m.keyState) {
        m.keyState = read.state
        dirty = true
      }
    }
    if (dirty) await options.store.save(service.file)
    return service
  }

  /** Everything the settings screen and the banner need; never a key. */
  snapshot(): MerchantsSnapshot {
    const merchants = this.file.merchants.map(toMerchantView)
    const active = this.file.settings.activeMerchantId
    const activeMerchantId = merchants.some((m) => m.id === active) ? active : merchants[0]?.id
    return {
      merchants,
      ...(activeMerchantId ? { activeMerchantId } : {}),
      storage: this.vault.status(),
    }
  }

  /** One merchant as the UI sees it; receipts and payments read its preferences here. */
  view(merchantId: string): MerchantView | undefined {
    const m = this.findProfile(merchantId)
    return m ? toMerchantView(m) : undefined
  }

  /**
   * The merchant's own copy rules (customer and merchant copy), or undefined when it has none or
   * is unknown: the receipts service then uses the checkout's rules.
   */
  copyPolicy(merchantId: string): ReceiptPreferences | undefined {
    const rules = this.findProfile(merchantId)?.receipts
    return rules ? { ...rules } : undefined
  }

  /**
   * Whether this merchant's receipts may be fetched over plain http from this computer: only on
   * the built-in simulator or a custom address on loopback. Everywhere else a receipt comes over
   * https, so an http receipt URL in a result is refused instead of followed.
   */
  receiptsOverLoopbackHttp(merchantId: string): boolean {
    const m = this.findProfile(merchantId)
    if (!m) return false
    return (
      m.environment === 'simulator' ||
      (m.environment === 'custom' && isOnThisComputer(m.customUrls))
    )
  }

  /** Verifies the key against Handpoint (device list), then stores it encrypted. */
  async addMerchant(request: AddMerchantRequest): Promise<MerchantView> {
    this.vault.assertCanStore() // refuse before any network call when keys cannot be stored
    const devices = await this.verify(request.environment, request.customUrls, request.apiKey)
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
    await guardPatch(this.options.manager, this.profile(id), patch, managerPin)
    return this.mutate(() => {
      const m = this.profile(id)
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
    const m = this.profile(id)
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
    const current = this.profile(id)
    if (current.demo) {
      throw new AppError(msg('demo_merchant_key'))
    }
    this.vault.assertCanStore()
    const devices = await this.verify(current.environment, current.customUrls, apiKey)
    const keyFile = await this.vault.write(id, this.vault.seal(apiKey))
    const oldFile = current.keyFile
    const view = await this.mutate(() => {
      const m = this.profile(id)
      m.keyFile = keyFile
      m.keyState = 'ok'
      m.updatedAt = this.now()
      const hint = keyHintOf(apiKey)
      if (hint) m.keyHint = hint
      else delete m.keyHint
      this.setTerminals(m, devices)
      return toMerchantView(m)
    }).catch(async (err: unknown) => {
      await this.vault.remove(keyFile)
      throw err
    })
    if (oldFile !== keyFile) await this.vault.remove(oldFile)
    return view
  }

  /** Last known terminals; with `refresh`, asks Handpoint and falls back to them when offline. */
  async listTerminals(merchantId: string, refresh: boolean): Promise<TerminalList> {
    const m = this.profile(merchantId)
    if (!refresh) return terminalList(m, false)
    const client = await this.clientFor(merchantId)
    let devices: Device[]
    try {
      const list = () => client.listDevices()
      devices = await (this.options.budget ? this.options.budget(merchantId, list) : list())
    } catch (err) {
      if (isOffline(err)) return terminalList(m, true)
      throw refreshError(err, m.name)
    }
    return this.mutate(() => {
      const fresh = this.profile(merchantId)
      this.setTerminals(fresh, devices)
      return terminalList(fresh, false)
    })
  }

  /** The terminal this checkout preselects; must be one this merchant's key listed. */
  async setDefaultTerminal(merchantId: string, serial: string | null): Promise<MerchantView> {
    return this.mutate(() => {
      const m = this.profile(merchantId)
      if (serial === null) delete m.defaultTerminalSerial
      else if (!m.terminals.some((t) => t.serialNumber === serial)) throw notBound(serial, m.name)
      else m.defaultTerminalSerial = serial
      return toMerchantView(m)
    })
  }

  async setActiveMerchant(id: string): Promise<string> {
    this.profile(id)
    await this.mutate((file) => void (file.settings.activeMerchantId = id))
    return id
  }

  /** Records the user's explicit choice to store keys with obfuscation-only storage. */
  async acceptInsecureStorage(accepted: boolean): Promise<SecretStorageStatus> {
    await this.mutate((file) => void (file.settings.insecureStorageAccepted = accepted))
    return this.vault.status()
  }

  // --- MerchantDirectory (the payment engine's port) ---

  async clientFor(merchantId: string): Promise<HandpointClient> {
    const cached = this.clients.get(merchantId)
    if (cached) return cached
    const m = this.profile(merchantId)
    const apiKey = await this.apiKeyOf(m)
    const endpoints = await this.resolve(m.environment, m.customUrls)
    const client = this.options.createClient({
      ...endpoints,
      apiKey,
      timeoutMs: this.options.requestTimeoutMs ?? 15_000,
    })
    const bound = bindClientToTerminals(
      client,
      m.name,
      () => this.findProfile(merchantId)?.terminals ?? [],
    )
    this.clients.set(merchantId, bound)
    return bound
  }

  /**
   * The merchant's device calls (terminal checks and commands), bound to its listed terminals and
   * made with the same key and one attempt per call. Throws AppError when the key is unusable.
   */
  deviceClientFor(merchantId: string): Promise<TerminalDeviceClient> {
    return this.side.deviceClientFor(merchantId)
  }

  /** The day close's batch and status-chain calls, closes bound to the listed terminals. */
  batchClientFor(merchantId: string): Promise<BatchApi> {
    return this.side.batchClientFor(merchantId)
  }

  async terminalOf(merchantId: string, serialNumber: string): Promise<Device | undefined> {
    const m = this.findProfile(merchantId)
    // Never listed (first start of the demo, an imported configuration): list once, quietly.
    if (m && m.terminalsFetchedAt === undefined && m.keyState === 'ok') {
      await this.listTerminals(merchantId, true).catch(() => undefined)
    }
    const t = this.findProfile(merchantId)?.terminals.find((x) => x.serialNumber === serialNumber)
    return t ? { ...t } : undefined
  }

  async defaultCurrency(merchantId: string): Promise<string> {
    return this.profile(merchantId).currency
  }

  async defaultFlow(merchantId: string): Promise<'poll' | 'callback'> {
    return this.profile(merchantId).resultFlow.mode
  }

  // --- internals shared with configuration-transfer.ts ---

  /**
   * Which request budget a merchant's requests count against: one per API key, since Handpoint
   * counts per key (two merchants added with the same key share it). The merchant id until the
   * key was first read.
   */
  budgetKeyOf(merchantId: string): string {
    return this.keyIds.get(merchantId) ?? merchantId
  }

  /** Clear-text key for export or a client; updates keyState when the key cannot be read. */
  async apiKeyOf(m: MerchantProfile): Promise<string> {
    // The public demo key only ever goes to the simulator (the schema also enforces it).
    if (m.demo && m.environment === 'simulator') return this.keyed(m, this.options.demoApiKey)
    const read = await this.vault.read(m.keyFile)
    if (read.state === 'ok') return this.keyed(m, read.apiKey)
    if (m.keyState !== read.state)
      await this.mutate(() => void (this.profile(m.id).keyState = read.state))
    throw keyProblem(read.state, m)
  }

  private keyed(m: MerchantProfile, apiKey: string): string {
    this.keyIds.set(m.id, keyIdOf(apiKey))
    return apiKey
  }

  profiles(): readonly MerchantProfile[] {
    return this.file.merchants
  }

  /** Runs one change at a time against the file, saves it atomically and tells subscribers. */
  mutate<T>(change: (file: ProfileFile) => T): Promise<T> {
    const run = this.queue.then(async () => {
      const draft = structuredClone(this.file)
      const previous = this.file
      this.file = draft
      try {
        const result = change(draft)
        await this.options.store.save(draft)
        this.clients.clear()
        this.side.clear()
        this.options.onChange?.(this.snapshot())
        return result
      } catch (err) {
        this.file = previous
        throw err
      }
    })
    this.queue = run.catch(() => undefined)
    return run
  }

  private verify(
    environment: MerchantProfile['environment'],
    customUrls: Endpoints | undefined,
    apiKey: string,
  ) {
    // The check counts against the key's budget too (the key may be one a merchant uses).
    const budget = this.options.budget
    const create = this.options.createClient
    const createClient: ClientFactory = budget
      ? (config) => {
          const client = create(config)
          return {
            ...client,
            listDevices: () => budget(keyIdOf(apiKey), () => client.listDevices()),
          }
        }
      : create
    return verifyApiKey(
      { environment, ...(customUrls ? { customUrls } : {}), apiKey },
      this.resolve,
      createClient,
    )
  }

  private setTerminals(m: MerchantProfile, devices: Device[]): void {
    m.terminals = devices.map(storedTerminal)
    m.terminalsFetchedAt = this.now()
    if (
      m.defaultTerminalSerial &&
      !m.terminals.some((t) => t.serialNumber === m.defaultTerminalSerial)
    ) {
      delete m.defaultTerminalSerial
    }
  }

  private findProfile(id: string): MerchantProfile | undefined {
    return this.file.merchants.find((m) => m.id === id)
  }

  private profile(id: string): MerchantProfile {
    const m = this.findProfile(id)
    if (!m) throw new AppError(msg('merchant_not_found'))
    return m
  }
}
