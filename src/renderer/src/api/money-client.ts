import type { ManagerPinStatus, PaymentSettlement } from '@shared/contract'
import { bridge, unwrap } from './bridge'

/** Money rules over the contract: what is left of payments, and this checkout's manager PIN. */
export const moneyClient = {
  settlements: (ids: string[]): Promise<PaymentSettlement[]> =>
    unwrap(bridge().getSettlements({ ids })),
  pinStatus: (): Promise<ManagerPinStatus> => unwrap(bridge().getManagerPin()),
  setPin: (newPin: string, currentPin?: string): Promise<ManagerPinStatus> =>
    unwrap(bridge().setManagerPin(currentPin === undefined ? { newPin } : { newPin, currentPin })),
  removePin: (currentPin: string): Promise<ManagerPinStatus> =>
    unwrap(bridge().removeManagerPin({ currentPin })),
}
