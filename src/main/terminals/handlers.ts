import { AppError } from '@shared/contract/result'
import type { TerminalHealthView } from '@shared/contract/terminals.contract'
import { msg } from '@shared/messages'
import type { HandlerTable } from '../ipc/handlers'
import type { TerminalCommands } from './commands'
import type { HealthService } from './health-service'

type TerminalHandlers = Pick<
  HandlerTable,
  | 'listTerminalHealth'
  | 'refreshTerminalHealth'
  | 'checkTerminal'
  | 'getTerminalDetail'
  | 'sendTerminalCommand'
>

const known = (view: TerminalHealthView | undefined, serial: string): TerminalHealthView => {
  if (!view) throw new AppError(msg('terminal_not_found', { serial }))
  return view
}

/** How long the window waits for a check's answer; later answers arrive as board events. */
const ANSWER_WAIT_MS = 6_000

/** The terminals slice of the IPC handler table; commands from the window are the checkout's. */
export function createTerminalHandlers(
  health: HealthService,
  commands: TerminalCommands,
): TerminalHandlers {
  return {
    listTerminalHealth: ({ merchantId }) => health.board(merchantId),
    refreshTerminalHealth: ({ merchantId }) => health.refresh(merchantId, ANSWER_WAIT_MS),
    checkTerminal: async ({ merchantId, serialNumber }) =>
      known(await health.check(merchantId, serialNumber, ANSWER_WAIT_MS), serialNumber),
    getTerminalDetail: ({ merchantId, serialNumber }) => ({
      health: known(health.view(merchantId, serialNumber), serialNumber),
      history: health.historyOf(merchantId, serialNumber),
      commands: commands.journal(merchantId, serialNumber),
    }),
    sendTerminalCommand: ({ merchantId, serialNumber, command }) =>
      commands.send(merchantId, serialNumber, command, 'checkout'),
  }
}
