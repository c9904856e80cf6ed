import { AppError } from '@shared/contract'
import { msg } from '@shared/messages'
import type { BatchApi, TerminalRef } from '../handpoint/batch-types'
import type { DeviceApi } from '../handpoint/device-types'
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

/** The device calls a merchant's key makes: checks (pingDevice and its result) and commands. */
export type TerminalDeviceClient = Pick<
  DeviceApi & HandpointClient,
  'pingDevice' | 'sendTerminalCommand' | 'getTransactionResult'
>

const hasDeviceCalls = (client: HandpointClient): client is HandpointClient & DeviceApi =>
  typeof (client as Partial<DeviceApi>).pingDevice === 'function' &&
  typeof (client as Partial<DeviceApi>).sendTerminalCommand === 'function'

/**
 * The device calls of a merchant's client, bound like `startTransaction` to the terminals this
 * merchant's key listed: a check or a command never reaches another merchant's terminal.
 * Undefined when the client has no device calls (a test double).
 */
export function bindDeviceCalls(
  client: HandpointClient,
  merchantName: string,
  terminals: () => readonly Device[],
): TerminalDeviceClient | undefined {
  if (!hasDeviceCalls(client)) return undefined
  const refused = (t: TerminalRef): Promise<never> | undefined =>
    terminals().some((d) => d.serialNumber === t.serialNumber && d.terminalType === t.terminalType)
      ? undefined
      : Promise.reject(
          new AppError(
            msg('terminal_not_bound', { serial: t.serialNumber, merchant: merchantName }),
          ),
        )
  return {
    pingDevice: (t, options) => refused(t) ?? client.pingDevice(t, options),
    sendTerminalCommand: (t, command) => refused(t) ?? client.sendTerminalCommand(t, command),
    getTransactionResult: (id) => client.getTransactionResult(id),
  }
}

const hasBatchCalls = (client: HandpointClient): client is HandpointClient & BatchApi =>
  typeof (client as Partial<BatchApi>).closeBatch === 'function' &&
  typeof (client as Partial<BatchApi>).getBatchDetail === 'function'

/**
 * The day close's calls of a merchant's client: closing a batch is bound like `startTransaction`
 * to the terminals this merchant's key listed (the virtual terminal among them); the summary,
 * detail and status chain are reads and pass through. Undefined for a client without them.
 */
export function bindBatchCalls(
  client: HandpointClient,
  merchantName: string,
  terminals: () => readonly Device[],
): BatchApi | undefined {
  if (!hasBatchCalls(client)) return undefined
  return {
    closeBatch: (input) =>
      terminals().some(
        (d) => d.serialNumber === input.serialNumber && d.terminalType === input.terminalType,
      )
        ? client.closeBatch(input)
        : Promise.reject(
            new AppError(
              msg('terminal_not_bound', { serial: input.serialNumber, merchant: merchantName }),
            ),
          ),
    getBatchSummary: (query) => client.getBatchSummary(query),
    getBatchDetail: (query) => client.getBatchDetail(query),
    getStatusAll: (reference) => client.getStatusAll(reference),
  }
}
