import type { CliCommand } from './command'
import { terminalCommand } from './terminal-command'

/** Commands kept in their own files: one line each. */
export const COMMANDS: Record<string, CliCommand> = {
  terminal: terminalCommand,
}
