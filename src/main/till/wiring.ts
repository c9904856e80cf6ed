import type {
  HistoryPage,
  HistoryQuery,
  PaymentRecord,
  PaymentStatusEvent,
  StartPaymentRequest,
} from '@shared/contract/payments.contract'
import { AppError } from '@shared/contract/result'
import { msg } from '@shared/messages'
import type { Device } from '../handpoint/types'
import type {
  OnceOptions,
  StoredReceipt,
  TillDirectory,
  TillEngine,
  TillPaymentRecord,
  TillReceipts,
  TillStartRequest,
  TillTerminal,
} from './ports'

/**
 * Adapters from main's services to the till link's ports. The payment engine's till API
 * (`startOnce`, `findByIdempotencyKey`, `list`, `subscribe`) is what the payment store brings;
 * an engine without it still serves reads and events, and refuses till payments in words.
 */
export interface EngineForTill {
  startOnce?(
    request: StartPaymentRequest,
    once: OnceOptions,
  ): Promise<{ record: PaymentRecord; replayed: boolean }>
  findByIdempotencyKey?(scope: string, key: string): PaymentRecord | undefined
  list?(query: {
    merchantId?: string
    tillReference?: string
    terminalSerial?: string
    limit: number
  }): PaymentRecord[]
  subscribe?(listener: (event: PaymentStatusEvent) => void): () => void
  get(id: string): PaymentRecord
  search(query: HistoryQuery): HistoryPage
  cancel(merchantId: string, terminalSerial: string): Promise<{ requested: boolean }>
  active(): PaymentStatusEvent[]
}

/** The engine's start request for a till request (both in minor units). */
export function toStartRequest(request: TillStartRequest): StartPaymentRequest {
  const out: StartPaymentRequest = {
    merchantId: request.merchantId,
    terminalSerial: request.terminalSerial,
    operation: request.operation,
  }
  if (request.amountMinor !== undefined) out.amountMinor = request.amountMinor
  if (request.currency) out.currency = request.currency
  if (request.originalTransactionId) out.originalTransactionId = request.originalTransactionId
  if (request.tipPercentages) out.tipPercentages = request.tipPercentages
  return out
}

export function engineForTill(
  engine: EngineForTill,
  /** Where status events come from when the engine has no `subscribe` of its own. */
  events?: (listener: (event: PaymentStatusEvent) => void) => () => void,
): TillEngine {
  const find = (id: string): PaymentRecord | undefined => {
    try {
      return engine.get(id)
    } catch {
      return undefined
    }
  }
  return {
    async startOnce(request, once) {
      if (!engine.startOnce) {
        throw new AppError(
          msg('till_unavailable', { why: 'this payment engine cannot take till payments yet' }),
        )
      }
      return engine.startOnce(toStartRequest(request), once)
    },
    findByIdempotencyKey: (scope, key) => engine.findByIdempotencyKey?.(scope, key),
    list(query) {
      if (engine.list) return engine.list(query)
      return engine
        .search({
          ...(query.merchantId ? { merchantId: query.merchantId } : {}),
          ...(query.terminalSerial ? { terminalSerial: query.terminalSerial } : {}),
          limit: Math.min(500, query.limit),
        })
        .items.filter(
          (r) =>
            query.tillReference === undefined ||
            (r as TillPaymentRecord).tillReference === query.tillReference,
        )
    },
    find,
    findByTransactionId(merchantId, transactionId) {
      return engine
        .search({ merchantId, reference: transactionId, limit: 5 })
        .items.find((r) => r.result?.transactionId === transactionId)
    },
    cancel: (merchantId, serial) => engine.cancel(merchantId, serial),
    active: () => engine.active(),
    subscribe(listener) {
      const source = engine.subscribe?.bind(engine) ?? events
      return source ? source(listener) : () => {}
    },
  }
}

/** What the till link needs of the merchants service. */
export interface MerchantsForTill {
  profiles(): readonly {
    id: string
    name: string
    terminals: { serialNumber: string; terminalType: string }[]
    terminalsFetchedAt?: number
  }[]
  terminalOf(merchantId: string, serial: string): Promise<Device | undefined>
}

export function directoryForTill(merchants: MerchantsForTill): TillDirectory {
  const profile = (id: string) => merchants.profiles().find((m) => m.id === id)
  return {
    merchants: () => merchants.profiles().map((m) => ({ id: m.id, name: m.name })),
    async terminalsOf(merchantId) {
      const m = profile(merchantId)
      if (!m) return []
      // Never listed yet: the merchants service lists them once, quietly.
      if (m.terminalsFetchedAt === undefined) {
        await merchants.terminalOf(merchantId, '').catch(() => undefined)
      }
      return (profile(merchantId)?.terminals ?? []).map((t): TillTerminal => ({
        serial: t.serialNumber,
        type: t.terminalType,
      }))
    },
    async merchantOfTerminal(serial) {
      return merchants.profiles().find((m) => m.terminals.some((t) => t.serialNumber === serial))
        ?.id
    },
  }
}

/** What the till link needs of the receipts service. */
export interface ReceiptsForTill {
  storedCopy(paymentId: string, copy: 'customer' | 'merchant'): Promise<StoredReceipt | undefined>
}

export const receiptsForTill = (receipts: ReceiptsForTill): TillReceipts => ({
  copy: (paymentId, copy) => receipts.storedCopy(paymentId, copy),
})
