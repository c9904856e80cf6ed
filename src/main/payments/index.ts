/**
 * The payments folder's one public face: the composition root, the IPC handlers, the CLI and the
 * till link import from here, never from the files behind it.
 */
export { createPaymentEngine } from './engine'
export type { CrashPoint, OnceOptions, PaymentEngine, PaymentEngineOptions } from './engine'
export { createPaymentHandlers } from './handlers'
export { asHandpointFailure } from './operation-input'
export type { Clock, MerchantDirectory } from './ports'
export { RateBudget, type Gate, type Priority, type RateBudgetOptions } from './rate-budget'
export { toResultView } from './result-view'
export { stateForFinStatus } from './states'
export { createStaticDirectory, type StaticMerchant } from './static-directory'
export type * from './store/port'
// Money rules and the callback listener's address (the money work).
export { callbackBindingOf, localAddresses } from './callback-binding'
export { createMoneyHandlers } from './money/handlers'
export type { Ceiling, ManagerApproval } from './money/guard'
export { ManagerPin, type PinCheck } from './money/manager-pin'
