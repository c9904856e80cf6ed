import type { HandlerTable } from '../ipc/handlers'
import type { PaymentEngine } from './engine'

type PaymentHandlers = Pick<
  HandlerTable,
  | 'startPayment'
  | 'cancelPayment'
  | 'getPayment'
  | 'listActivePayments'
  | 'searchHistory'
  | 'resolvePayment'
>

/** The payments slice of the IPC handler table: thin calls into the engine. */
export function createPaymentHandlers(engine: PaymentEngine): PaymentHandlers {
  return {
    startPayment: (request) => engine.start(request),
    cancelPayment: (request) => engine.cancel(request.merchantId, request.terminalSerial),
    getPayment: (request) => engine.get(request.id),
    listActivePayments: () => engine.active(),
    searchHistory: (query) => engine.search(query),
    resolvePayment: (request) => engine.resolve(request.id),
  }
}
