import type { StartPaymentRequest } from '@shared/contract/payments.contract'
import type { TerminalHealthState } from '@shared/contract/terminals.values'
import type { Device } from '../handpoint/types'
import type { PaymentEngine } from '../payments'
import type {
  StoredReceipt,
  TillDirectory,
  TillEngine,
  TillHealth,
  TillReceipts,
  TillStartRequest,
  TillTerminal,
} from './ports'

/**
 * Adapters from main's services to the till link's ports: the payment engine (its till API:
 * `startOnce`, `findByIdempotencyKey`, `list`, `subscribe`), the merchants, the receipts and
 * terminal care's health.
 */
export type EngineForTill = Pick<
  PaymentEngine,
  | 'startOnce'
  | 'findByIdempotencyKey'
  | 'list'
  | 'subscribe'
  | 'get'
  | 'search'
  | 'cancel'
  | 'active'
>

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

export function engineForTill(engine: EngineForTill): TillEngine {
  return {
    startOnce: (request, once) => engine.startOnce(toStartRequest(request), once),
    findByIdempotencyKey: (scope, key) => engine.findByIdempotencyKey(scope, key),
    list: (query) => engine.list(query),
    find(id) {
      try {
        return engine.get(id)
      } catch {
        return undefined
      }
    },
    findByTransactionId(merchantId, transactionId) {
      return engine
        .search({ merchantId, reference: transactionId, limit: 5 })
        .items.find((r) => r.result?.transactionId === transactionId)
    },
    cancel: (merchantId, serial) => engine.cancel(merchantId, serial),
    active: () => engine.active(),
    subscribe: (listener) => engine.subscribe(listener),
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

/** What the till link needs of terminal care (src/main/terminals). */
export interface CareForTill {
  health: { view(merchantId: string, serial: string): { state: TerminalHealthState } | undefined }
  subscribe(listener: (event: { merchantId: string }) => void): () => void
}

/** Terminal care's health board as the till link reads it. */
export const healthForTill = (care: CareForTill): TillHealth => ({
  stateOf: (merchantId, serial) => care.health.view(merchantId, serial)?.state,
  subscribe: (listener) => care.subscribe((event) => listener(event.merchantId)),
})
