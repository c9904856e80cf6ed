import type { CliCommand } from './command'
import { ceilingCommand, managerPinCommand } from './money'
import { serveCommand } from './serve'
import { batchCloseCommand } from './batch-close'
import { dayReportCommand } from './day-report'
import { terminalCommand } from './terminal-command'

/** Commands kept in their own files: one line each. */
export const COMMANDS: Record<string, CliCommand> = {
  terminal: terminalCommand,
  serve: serveCommand,
  'manager-pin': managerPinCommand,
  ceiling: ceilingCommand,
  'day-report': dayReportCommand,
  'batch-close': batchCloseCommand,
}
