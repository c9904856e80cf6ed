import type { CliCommand } from './command'
import { ceilingCommand, managerPinCommand } from './money'
import { serveCommand } from './serve'
import { terminalCommand } from './terminal-command'

/** Commands kept in their own files: one line each. */
export const COMMANDS: Record<string, CliCommand> = {
  terminal: terminalCommand,
  serve: serveCommand,
  'manager-pin': managerPinCommand,
  ceiling: ceilingCommand,
}
