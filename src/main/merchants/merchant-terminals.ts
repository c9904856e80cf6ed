import type { MerchantView, TerminalList } from '@shared/contract'
import type { Device, HandpointClient } from '../handpoint/types'
import type { ProfileBook } from './profile-book'
import { isOffline, refreshError } from './verify-key'
import { notBound, replaceTerminals, terminalList, toMerchantView } from './views'

export interface MerchantTerminalsOptions {
  book: ProfileBook
  clientFor: (merchantId: string) => Promise<HandpointClient>
  /** The merchant's key's request budget; requests are sent at once when absent. */
  budget?: <T>(merchantId: string, request: () => Promise<T>) => Promise<T>
  now: () => number
}

/**
 * The terminals a merchant's key lists, as last heard from Handpoint: the only ones its clients
 * may use, and the one this checkout preselects.
 */
export class MerchantTerminals {
  constructor(private readonly options: MerchantTerminalsOptions) {}

  /** Last known terminals; with `refresh`, asks Handpoint and falls back to them when offline. */
  async list(merchantId: string, refresh: boolean): Promise<TerminalList> {
    const { book, budget } = this.options
    const m = book.get(merchantId)
    if (!refresh) return terminalList(m, false)
    const client = await this.options.clientFor(merchantId)
    let devices: Device[]
    try {
      const list = () => client.listDevices()
      devices = await (budget ? budget(merchantId, list) : list())
    } catch (err) {
      if (isOffline(err)) return terminalList(m, true)
      throw refreshError(err, m.name)
    }
    return book.mutate(() => {
      const fresh = book.get(merchantId)
      replaceTerminals(fresh, devices, this.options.now())
      return terminalList(fresh, false)
    })
  }

  /** The terminal this checkout preselects; must be one this merchant's key listed. */
  async setDefault(merchantId: string, serial: string | null): Promise<MerchantView> {
    const { book } = this.options
    return book.mutate(() => {
      const m = book.get(merchantId)
      if (serial === null) delete m.defaultTerminalSerial
      else if (!m.terminals.some((t) => t.serialNumber === serial)) throw notBound(serial, m.name)
      else m.defaultTerminalSerial = serial
      return toMerchantView(m)
    })
  }

  /** One listed terminal of the merchant, or undefined. */
  async terminalOf(merchantId: string, serialNumber: string): Promise<Device | undefined> {
    const { book } = this.options
    const m = book.find(merchantId)
    // Never listed (first start of the demo, an imported configuration): list once, quietly.
    if (m && m.terminalsFetchedAt === undefined && m.keyState === 'ok') {
      await this.list(merchantId, true).catch(() => undefined)
    }
    const t = book.find(merchantId)?.terminals.find((x) => x.serialNumber === serialNumber)
    return t ? { ...t } : undefined
  }
}
