import type { PaymentSettlement } from '@shared/contract/money.contract'
import type { HandlerTable } from '../../ipc/handlers'
import type { ManagerPin } from './manager-pin'

type MoneyHandlers = Pick<
  HandlerTable,
  'getSettlements' | 'getManagerPin' | 'setManagerPin' | 'removeManagerPin'
>

export interface MoneyHandlerDeps {
  /** What is left of each payment (the engine's money rules). */
  settlements(ids: readonly string[]): Promise<PaymentSettlement[]>
  pin: ManagerPin
}

/** The money slice of the IPC handler table: thin calls into the engine and the PIN. */
export function createMoneyHandlers(deps: MoneyHandlerDeps): MoneyHandlers {
  return {
    getSettlements: ({ ids }) => deps.settlements(ids),
    getManagerPin: () => deps.pin.status(),
    setManagerPin: ({ newPin, currentPin }) => deps.pin.set(newPin, currentPin),
    removeManagerPin: ({ currentPin }) => deps.pin.remove(currentPin),
  }
}
