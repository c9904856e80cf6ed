import { AppError } from '@shared/contract/result'
import { msg } from '@shared/messages'
import type { Device, HandpointClient } from '../handpoint/types'
import type { MerchantDirectory } from './ports'

export interface StaticMerchant {
  merchantId: string
  client: HandpointClient
  /** Known terminals; when absent they are listed once from Handpoint and cached. */
  devices?: Device[]
  defaultCurrency?: string
}

/**
 * A MerchantDirectory over fixed clients: the CLI (one key from its options), the demo mode and
 * tests. The merchants module provides the real one over stored profiles and encrypted keys.
 */
export function createStaticDirectory(merchants: StaticMerchant[]): MerchantDirectory {
  const byId = new Map(merchants.map((m) => [m.merchantId, m]))
  const listed = new Map<string, Promise<Device[]>>()
  const merchant = (id: string): StaticMerchant => {
    const m = byId.get(id)
    if (!m) {
      throw new AppError(msg('merchant_not_found'))
    }
    return m
  }
  const devices = (id: string): Promise<Device[]> => {
    const m = merchant(id)
    if (m.devices) return Promise.resolve(m.devices)
    let list = listed.get(id)
    if (!list) {
      list = m.client.listDevices()
      listed.set(id, list)
      list.catch(() => listed.delete(id))
    }
    return list
  }
  return {
    async clientFor(id) {
      return merchant(id).client
    },
    async terminalOf(id, serial) {
      return (await devices(id)).find((d) => d.serialNumber === serial)
    },
    async defaultCurrency(id) {
      return merchant(id).defaultCurrency ?? 'EUR'
    },
  }
}
