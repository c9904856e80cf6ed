import { createHash } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

/** A mistake in how the CLI was called: exit code 1 with a one-line message. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export const OPTIONS = {
  'api-url': { type: 'string' },
  'status-url': { type: 'string' },
  'api-key': { type: 'string' },
  env: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  terminal: { type: 'string' },
  health: { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  date: { type: 'string' },
  currency: { type: 'string' },
  flow: { type: 'string' },
  original: { type: 'string' },
  limit: { type: 'string' },
  timeout: { type: 'string' },
  'callback-host': { type: 'string' },
  'callback-port': { type: 'string' },
  'callback-url': { type: 'string' },
  'not-charged-after': { type: 'string' },
  port: { type: 'string' },
  'manager-pin': { type: 'string' },
  'new-manager-pin': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const

export interface CliOptions {
  command: string
  positionals: string[]
  json: boolean
  help: boolean
  /** undefined = run the built-in simulator in this process. */
  connection?: { apiBaseUrl: string; statusBaseUrl: string; apiKey: string }
  /** Journal bucket: derived from the key, never the key itself. */
  merchantId: string
  dataDir: string
  terminal?: string
  /** `terminals --health`: check each terminal and print what it answered. */
  health: boolean
  /** `terminal SERIAL reboot --force`: the confirmation that it interrupts a payment. */
  force: boolean
  /** Business day (YYYY-MM-DD) for day-report. */
  date?: string
  currency?: string
  flow?: 'poll' | 'callback'
  original?: string
  limit: number
  timeoutMs: number
  callback?: { host: string; port: number; publicUrl?: string }
  notChargedAfterMs?: number
  /** `serve`: the till link's port (0 = any free port). */
  port?: number
  /** The manager PIN (`--manager-pin` or POS_MANAGER_PIN): refunds above the ceiling need it. */
  managerPin?: string
  /** `manager-pin set`: the new PIN. */
  newManagerPin?: string
}

const URLS = {
  production: ['https://cloud.handpoint.com', 'https://transactions.handpoint.com'],
  development: ['https://cloud.handpoint.io', 'https://transactions.handpoint.io'],
} as const

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (err) {
    throw new UsageError(`${(err as Error).message}. Run with --help to see the options.`)
  }
  const { values: v, positionals } = parsed
  const [command = 'help', ...rest] = positionals
  const mode = v.env ?? (v['api-url'] ? 'custom' : 'simulator')
  if (!['production', 'development', 'simulator', 'custom'].includes(mode)) {
    throw new UsageError(`--env must be production, development or simulator, not "${mode}".`)
  }
  const apiKey = v['api-key'] ?? env.POS_API_KEY
  let connection: CliOptions['connection']
  if (mode !== 'simulator' || v['api-url']) {
    const preset = mode === 'production' || mode === 'development' ? URLS[mode] : undefined
    const apiBaseUrl = v['api-url'] ?? preset?.[0]
    const statusBaseUrl = v['status-url'] ?? preset?.[1] ?? apiBaseUrl
    if (!apiBaseUrl || !statusBaseUrl) throw new UsageError('Give --api-url (or --env).')
    if (!apiKey) {
      throw new UsageError(
        'Give the API key with --api-key or the POS_API_KEY environment variable.',
      )
    }
    connection = { apiBaseUrl, statusBaseUrl, apiKey }
  }
  const flow = v.flow
  if (flow !== undefined && flow !== 'poll' && flow !== 'callback') {
    throw new UsageError(`--flow must be poll or callback, not "${flow}".`)
  }
  const options: CliOptions = {
    command,
    positionals: rest,
    json: v.json,
    help: v.help,
    connection,
    merchantId: connection
      ? `key-${createHash('sha256').update(connection.apiKey).digest('hex').slice(0, 12)}`
      : 'demo',
    dataDir: path.resolve(
      v['data-dir'] ?? env.POS_DATA_DIR ?? path.join(os.homedir(), '.pos-companion-cli'),
    ),
    terminal: v.terminal,
    health: v.health,
    force: v.force,
    date: v.date,
    currency: v.currency?.toUpperCase(),
    flow,
    original: v.original,
    limit: positiveInt(v.limit, 'limit', 20),
    timeoutMs: positiveInt(v.timeout, 'timeout', 600) * 1000,
  }
  const managerPin = v['manager-pin'] ?? env.POS_MANAGER_PIN
  if (managerPin !== undefined) options.managerPin = managerPin
  if (v['new-manager-pin'] !== undefined) options.newManagerPin = v['new-manager-pin']
  if (flow === 'callback' || v['callback-port'] || v['callback-url']) {
    options.callback = {
      host: v['callback-host'] ?? '127.0.0.1',
      port: v['callback-port'] ? positiveInt(v['callback-port'], 'callback-port', 0) : 0,
      publicUrl: v['callback-url'],
    }
  }
  if (v.port !== undefined) {
    const port = Number(v.port)
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      throw new UsageError('--port needs a port number from 0 to 65535 (0 picks a free one).')
    }
    options.port = port
  }
  if (v['not-charged-after'] !== undefined) {
    const seconds = Number(v['not-charged-after'])
    const real = /handpoint\.(com|io)/.test(connection?.apiBaseUrl ?? '')
    if (!(seconds > 0) || (real && seconds < 90)) {
      throw new UsageError(
        '--not-charged-after must be a positive number of seconds, and at least 90 against Handpoint.',
      )
    }
    options.notChargedAfterMs = seconds * 1000
  }
  return options
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} needs a whole number.`)
  return n
}
