import type { Context, Io } from './commands'
import type { CliOptions } from './options'

/** A CLI command kept in its own file and registered with one line in registry.ts. */
export interface CliCommand {
  /** For --help: how to call it, and what it does in one line. */
  usage: string
  summary: string
  /** Runs the command; resolves with the process exit code. */
  run(ctx: Context, options: CliOptions, io: Io): Promise<number>
}
