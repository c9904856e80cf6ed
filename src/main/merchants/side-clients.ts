import type { BatchApi } from '../handpoint/batch-types'
import type { Device, HandpointClient } from '../handpoint/types'
import { bindBatchCalls, bindDeviceCalls, type TerminalDeviceClient } from './bound-client'

/** A fresh client of a merchant's key, with what binding it needs. */
export interface KeyedClient {
  client: HandpointClient
  merchantName: string
  terminals: () => readonly Device[]
}

/**
 * Clients of a merchant's key for calls beside payments (terminal checks and commands, the day
 * close's batch calls), each bound to the merchant's listed terminals and kept per merchant
 * until the merchants change.
 */
export class SideClients {
  private readonly device = new Map<string, TerminalDeviceClient>()
  private readonly batch = new Map<string, BatchApi>()

  constructor(private readonly make: (merchantId: string) => Promise<KeyedClient>) {}

  deviceClientFor(merchantId: string): Promise<TerminalDeviceClient> {
    return this.get(this.device, merchantId, bindDeviceCalls, 'device')
  }

  batchClientFor(merchantId: string): Promise<BatchApi> {
    return this.get(this.batch, merchantId, bindBatchCalls, 'batch')
  }

  clear(): void {
    this.device.clear()
    this.batch.clear()
  }

  private async get<T>(
    cache: Map<string, T>,
    merchantId: string,
    bind: (
      client: HandpointClient,
      name: string,
      terminals: () => readonly Device[],
    ) => T | undefined,
    what: string,
  ): Promise<T> {
    const cached = cache.get(merchantId)
    if (cached) return cached
    const { client, merchantName, terminals } = await this.make(merchantId)
    const bound = bind(client, merchantName, terminals)
    if (!bound) throw new Error(`This Handpoint client has no ${what} calls.`)
    cache.set(merchantId, bound)
    return bound
  }
}
