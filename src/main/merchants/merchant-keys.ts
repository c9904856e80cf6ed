import { createHash } from 'node:crypto'
import type { Endpoints, EndpointResolver } from './endpoints'
import type { KeyVault } from './key-vault'
import type { ProfileBook } from './profile-book'
import type { MerchantProfile } from './profile-schema'
import { verifyApiKey, type ClientFactory } from './verify-key'
import { keyProblem } from './views'

/** An id for an API key that says nothing about the key (for the per-key request budget). */
const keyIdOf = (apiKey: string): string =>
  `key:${createHash('sha256').update(apiKey).digest('hex').slice(0, 16)}`

export interface MerchantKeysOptions {
  vault: KeyVault
  book: ProfileBook
  /** The simulator's public demo key (not a secret). */
  demoApiKey: string
  createClient: ClientFactory
  resolve: EndpointResolver
  /** The per-key request budget; requests are sent at once when absent. */
  budget?: <T>(key: string, request: () => Promise<T>) => Promise<T>
}

/** Reading merchants' API keys in clear text, checking new ones, and the key ids for budgets. */
export class MerchantKeys {
  /** Merchant id -> an id of its API key (never the key), once the key was read. */
  private readonly keyIds = new Map<string, string>()

  constructor(private readonly options: MerchantKeysOptions) {}

  /**
   * Which request budget a merchant's requests count against: one per API key, since Handpoint
   * counts per key (two merchants added with the same key share it). The merchant id until the
   * key was first read.
   */
  budgetKeyOf(merchantId: string): string {
    return this.keyIds.get(merchantId) ?? merchantId
  }

  /** Clear-text key for a client; updates keyState when the key cannot be read. */
  async apiKeyOf(m: MerchantProfile): Promise<string> {
    // The public demo key only ever goes to the simulator (the schema also enforces it).
    if (m.demo && m.environment === 'simulator') return this.keyed(m, this.options.demoApiKey)
    const read = await this.options.vault.read(m.keyFile)
    if (read.state === 'ok') return this.keyed(m, read.apiKey)
    const { book } = this.options
    if (m.keyState !== read.state)
      await book.mutate(() => void (book.get(m.id).keyState = read.state))
    throw keyProblem(read.state, m)
  }

  /** Checks a key against Handpoint (its device list) and returns the terminals it lists. */
  verify(
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
      this.options.resolve,
      createClient,
    )
  }

  private keyed(m: MerchantProfile, apiKey: string): string {
    this.keyIds.set(m.id, keyIdOf(apiKey))
    return apiKey
  }
}
