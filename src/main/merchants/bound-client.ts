import { AppError } from '@shared/contract'
import { msg } from '@shared/messages'
import type { Device, HandpointClient } from '../handpoint/types'

/**
 * Wraps a merchant's client so it can only start operations on terminals that this merchant's key
 * listed. The engine checks `terminalOf` first; this is the second lock, at the point where the
 * key is actually used, so a mix-up elsewhere can never send one merchant's operation with
 * another merchant's key.
 */
export function bindClientToTerminals(
  client: HandpointClient,
  merchantName: string,
  terminals: () => readonly Device[],
): HandpointClient {
  return {
    listDevices: () => client.listDevices(),
    startTransaction(input) {
      const bound = terminals().some(
        (t) => t.serialNumber === input.serialNumber && t.terminalType === input.terminalType,
      )
      if (!bound) {
        return Promise.reject(
          new AppError(
            msg('terminal_not_bound', { serial: input.serialNumber, merchant: merchantName }),
          ),
        )
      }
      return client.startTransaction(input)
    },
    getTransactionResult: (id) => client.getTransactionResult(id),
    getStatusByReference: (ref) => client.getStatusByReference(ref),
    getStatusChain: (ref, selector) => client.getStatusChain(ref, selector),
    adjustTip: (id, amount) => client.adjustTip(id, amount),
  }
}
