/**
 * Standalone Handpoint simulator for trainers, demos and manual API sessions.
 * Usage: npm run simulator -- [--port 8080] [--time-scale 1] [--inline-receipts 0.5]
 */
import { parseArgs } from 'node:util'
import { DEMO_API_KEY, DEMO_MERCHANTS, startSimulator } from '../main/simulator/index'

const HELP = `Handpoint cloud simulator

Usage: npm run simulator -- [options]

Options:
  --port <n>              Cloud host port (status host n+1, receipts host n+2). Default: random.
  --time-scale <x>        Run terminal phases x times faster. Default: 1.
  --inline-receipts <s>   Share 0..1 of results with inline HTML receipts (flag alone = 1). Default: 0.
  --help                  Show this help.
`

function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const parsed = Number(value)
  if (!Number.isFinite(parsed) || parsed < 0)
    throw new Error(`--${name} needs a non-negative number, got "${value}".`)
  return parsed
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'time-scale': { type: 'string' },
      'inline-receipts': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  })
  if (values.help) {
    process.stdout.write(HELP)
    return
  }
  const inline =
    values['inline-receipts'] === ''
      ? 1
      : numberOption(values['inline-receipts'], 'inline-receipts', 0)
  const sim = await startSimulator({
    port: numberOption(values.port, 'port', 0),
    timeScale: numberOption(values['time-scale'], 'time-scale', 1) || 1,
    inlineReceiptShare: Math.min(1, inline),
    seed: Date.now() % 2 ** 31,
  })
  const terminals = DEMO_MERCHANTS[0]?.terminals ?? []
  const first = terminals[0]
  process.stdout.write(
    [
      'Handpoint simulator running (no money moves). Ctrl-C to stop.',
      `  API base URL:      ${sim.apiBaseUrl}`,
      `  Status base URL:   ${sim.statusBaseUrl}`,
      `  Receipts base URL: ${sim.receiptsBaseUrl}`,
      `  Demo API key:      ${DEMO_API_KEY}`,
      `  Terminals:         ${terminals.map((t) => `${t.serialNumber} ${t.terminalType} (${t.behaviour})`).join(', ')}`,
      '',
      'Try:',
      `  curl -s ${sim.apiBaseUrl}/initialize -H 'ApiKeyCLoud: ${DEMO_API_KEY}'`,
      `  curl -s -X POST ${sim.apiBaseUrl}/transactions -H 'ApiKeyCLoud: ${DEMO_API_KEY}' -H 'Content-Type: application/json' \\`,
      `    -d '{"operation":"sale","serial_number":"${first?.serialNumber}","terminal_type":"${first?.terminalType}","amount":"1000","currency":"EUR","transactionReference":"2bfde1fc-23b1-4c67-93d9-1d4a557f4d4f"}'`,
      `  curl -s -i ${sim.apiBaseUrl}/transaction-result/<transactionResultId from the 202> -H 'ApiKeyCLoud: ${DEMO_API_KEY}'`,
      `  curl -s ${sim.statusBaseUrl}/transactions/2bfde1fc-23b1-4c67-93d9-1d4a557f4d4f/status/all -H 'ApiKeyCLoud: ${DEMO_API_KEY}'`,
      `  curl -s -X POST ${sim.apiBaseUrl}/batch/summary -H 'ApiKeyCLoud: ${DEMO_API_KEY}' -H 'Content-Type: application/json' \\`,
      `    -d '{"deviceType":"${first?.terminalType}","serialNumber":"${first?.serialNumber}","batchNumber":"1"}'`,
      '',
      'Switches (see src/main/simulator/README.md): a terminal, then power, busy-elsewhere, battery ...',
      `  curl -s ${sim.apiBaseUrl}/_simulator/terminals/${first?.serialNumber} -H 'ApiKeyCLoud: ${DEMO_API_KEY}'`,
      `  curl -s -X POST ${sim.apiBaseUrl}/_simulator/terminals/${first?.serialNumber}/power -H 'ApiKeyCLoud: ${DEMO_API_KEY}' -d '{"on":false}'`,
      '',
    ].join('\n'),
  )
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    process.stdout.write(`\n${signal} received, stopping the simulator.\n`)
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\nRun with --help to see the options.\n`)
  process.exitCode = 1
})
