/**
 * Headless entry over the same services as the app, for support staff, scripts and crash tests.
 * Usage: npm run cli -- <command> [options]
 */
const HELP = `POS Companion CLI

Usage: npm run cli -- <command> [options]

Commands:
  help                 Show this help.
  version              Print the app version.

Payment commands (terminals, sale, refund, reverse, cancel, status, recover, history) arrive
with the payment engine.
`

async function main(argv: string[]): Promise<number> {
  const [command = 'help'] = argv
  switch (command) {
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP)
      return 0
    case 'version':
    case '--version': {
      const { readFile } = await import('node:fs/promises')
      const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'))
      process.stdout.write(`${pkg.version}\n`)
      return 0
    }
    default:
      process.stderr.write(`Unknown command "${command}". Run with --help to see the commands.\n`)
      return 1
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`)
    process.exitCode = 1
  },
)
