/**
 * Headless entry over the same payment engine as the app, for support staff, scripts and crash
 * tests. Usage: npm run cli -- <command> [options]
 */
import { readFile } from 'node:fs/promises'
import { AppError } from '@shared/contract/result'
import { run } from './commands'
import { COMMANDS } from './registry'
import { UsageError, parseCli } from './options'

const HELP = `POS Companion CLI

Usage: npm run cli -- <command> [options]

Commands:
  terminals [--health]                       List the terminals of the API key; --health checks
                                             each one now (online, busy, offline, battery).
  sale AMOUNT --terminal SERIAL [--currency EUR] [--flow poll|callback]
  refund AMOUNT --terminal SERIAL [--original TRANSACTION_ID]
  reverse [AMOUNT] --original TRANSACTION_ID --terminal SERIAL
  cancel --terminal SERIAL                   Ask the terminal to stop its current operation.
  status TRANSACTION_REFERENCE               Ask Handpoint's status service.
  recover                                    Resolve every unfinished payment of the store.
  history [--limit N]                        Latest payments of the store.
${Object.values(COMMANDS)
  .map((c) => `  ${c.usage.padEnd(43)}${c.summary}\n`)
  .join('')}  version | help

Options:
  --env production|development|simulator     Sets both URLs. Default: simulator (the built-in
                                             simulator runs in this process with its demo key).
  --api-url URL --status-url URL             Cloud host and status host (instead of --env).
  --api-key KEY                              Or the POS_API_KEY environment variable.
  --data-dir DIR                             Data folder (default ~/.pos-companion-cli).
  --json                                     Exactly one JSON object on stdout.
  --timeout SECONDS                          Stop waiting for a result after this (default 600).
  --callback-host H --callback-port P --callback-url URL   Callback flow receiver.
  --not-charged-after SECONDS                90-second rule (simulators only may go lower).
  --manager-pin PIN                          Or POS_MANAGER_PIN: approves a refund or reversal
                                             above the ceiling (and lifting the ceiling).

Exit codes: 0 approved or processed, 2 declined/cancelled/failed, 3 outcome unknown,
1 usage or other error.
`

async function main(argv: string[]): Promise<number> {
  const options = parseCli(argv, process.env)
  if (options.help || options.command === 'help') {
    process.stdout.write(HELP)
    return 0
  }
  if (options.command === 'version') {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'))
    process.stdout.write(`${pkg.version}\n`)
    return 0
  }
  return run(
    options,
    { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
    process.env,
  )
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    const known = err instanceof UsageError || err instanceof AppError
    const text = err instanceof Error ? err.message : String(err)
    process.stderr.write(`${known ? text : `Error: ${text}`}`.split('\n')[0] + '\n')
    process.exitCode = 1
  },
)
