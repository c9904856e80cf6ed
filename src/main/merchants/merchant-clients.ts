import type { BatchApi } from '../handpoint/batch-types'
import type { HandpointClient } from '../handpoint/types'
import { bindClientToTerminals, type TerminalDeviceClient } from './bound-client'
import type { EndpointResolver, Endpoints } from './endpoints'
import type { ProfileBook } from './profile-book'
import type { MerchantProfile } from './profile-schema'
import { SideClients } from './side-clients'
import type { ClientFactory } from './verify-key'

export interface MerchantClientsOptions {
  book: ProfileBook
  /** The merchant's clear-text key (throws AppError when it cannot be used). */
  apiKeyOf: (m: MerchantProfile) => Promise<string>
  resolve: EndpointResolver
  createClient: ClientFactory
  timeoutMs: number
}

/**
 * The Handpoint clients handed out for merchants: each built with the key of the merchant asked
 * for, bound to that merchant's listed terminals, and kept until the merchants change.
 */
export class MerchantClients {
  private readonly payment = new Map<string, HandpointClient>()
  private readonly side = new SideClients(async (merchantId) => {
    const m = this.options.book.get(merchantId)
    const endpoints = await this.options.resolve(m.environment, m.customUrls)
    return {
      client: this.build(endpoints, await this.options.apiKeyOf(m)),
      merchantName: m.name,
      terminals: this.terminalsOf(merchantId),
    }
  })

  constructor(private readonly options: MerchantClientsOptions) {}

  /** The payment engine's client. */
  async clientFor(merchantId: string): Promise<HandpointClient> {
    const cached = this.payment.get(merchantId)
    if (cached) return cached
    const m = this.options.book.get(merchantId)
    const apiKey = await this.options.apiKeyOf(m)
    const endpoints = await this.options.resolve(m.environment, m.customUrls)
    const bound = bindClientToTerminals(
      this.build(endpoints, apiKey),
      m.name,
      this.terminalsOf(merchantId),
    )
    this.payment.set(merchantId, bound)
    return bound
  }

  deviceClientFor(merchantId: string): Promise<TerminalDeviceClient> {
    return this.side.deviceClientFor(merchantId)
  }

  batchClientFor(merchantId: string): Promise<BatchApi> {
    return this.side.batchClientFor(merchantId)
  }

  /** Forgets every client (after any change to the merchants). */
  clear(): void {
    this.payment.clear()
    this.side.clear()
  }

  private build(endpoints: Endpoints, apiKey: string): HandpointClient {
    return this.options.createClient({ ...endpoints, apiKey, timeoutMs: this.options.timeoutMs })
  }

  private terminalsOf(merchantId: string) {
    return () => this.options.book.find(merchantId)?.terminals ?? []
  }
}
