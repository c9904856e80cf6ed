export { createPaymentEngine } from './engine'
export type { CrashPoint, PaymentEngine, PaymentEngineOptions } from './engine'
export { createPaymentHandlers } from './handlers'
export type { Clock, MerchantDirectory } from './ports'
