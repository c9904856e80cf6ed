import type {
  TerminalBoardEvent,
  TerminalCommandEntry,
  TerminalCommandRequest,
  TerminalDetail,
  TerminalHealthView,
} from '@shared/contract'
import { bridge, unwrap } from './bridge'

/** The terminals half of the contract, as promises that throw BridgeError on refusal. */
export const terminalsClient = {
  board: (merchantId: string): Promise<TerminalHealthView[]> =>
    unwrap(bridge().listTerminalHealth({ merchantId })),
  refresh: (merchantId: string): Promise<TerminalHealthView[]> =>
    unwrap(bridge().refreshTerminalHealth({ merchantId })),
  check: (merchantId: string, serialNumber: string): Promise<TerminalHealthView> =>
    unwrap(bridge().checkTerminal({ merchantId, serialNumber })),
  detail: (merchantId: string, serialNumber: string): Promise<TerminalDetail> =>
    unwrap(bridge().getTerminalDetail({ merchantId, serialNumber })),
  send: (
    merchantId: string,
    serialNumber: string,
    command: TerminalCommandRequest,
  ): Promise<TerminalCommandEntry> =>
    unwrap(bridge().sendTerminalCommand({ merchantId, serialNumber, command })),
  onBoard: (listener: (event: TerminalBoardEvent) => void): (() => void) =>
    bridge().onTerminalBoard(listener),
}
