import type {
  HistoryPage,
  HistoryQuery,
  PaymentRecord,
  PaymentStatusEvent,
  StartPaymentRequest,
} from '@shared/contract'
import { bridge, unwrap } from './bridge'

/** The payments half of the contract, as promises that throw BridgeError on refusal. */
export const paymentsClient = {
  start: (request: StartPaymentRequest): Promise<PaymentRecord> =>
    unwrap(bridge().startPayment(request)),
  cancel: (merchantId: string, terminalSerial: string) =>
    unwrap(bridge().cancelPayment({ merchantId, terminalSerial })),
  get: (id: string): Promise<PaymentRecord> => unwrap(bridge().getPayment({ id })),
  listActive: (): Promise<PaymentStatusEvent[]> => unwrap(bridge().listActivePayments()),
  searchHistory: (query: HistoryQuery): Promise<HistoryPage> =>
    unwrap(bridge().searchHistory(query)),
  resolve: (id: string): Promise<PaymentRecord> => unwrap(bridge().resolvePayment({ id })),
  onStatus: (listener: (event: PaymentStatusEvent) => void): (() => void) =>
    bridge().onPaymentStatus(listener),
}
