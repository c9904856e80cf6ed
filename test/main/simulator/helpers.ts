import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'
import {
  DEMO_API_KEY,
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../../src/main/simulator/index'

export { DEMO_API_KEY }
export const NORMAL = { serial_number: '0821032398', terminal_type: 'PAXA920PRO' }
export const PIN = { serial_number: '1850025030', terminal_type: 'PAXA920' }
export const SIGNATURE = { serial_number: '1547854757', terminal_type: 'PAXA910S' }
export const OTHER_KEY = 'OTHER-MERCHANT-KEY'
export const OTHER = { serial_number: '0999000001', terminal_type: 'PAXA920' }

/** Demo merchant plus a second merchant, so ownership rules can be checked. */
export const MERCHANTS: SimulatorOptions['merchants'] = [
  {
    apiKey: DEMO_API_KEY,
    merchantIdAlpha: 'DemoCafe',
    name: 'Demo Cafe',
    terminals: [
      {
        serialNumber: NORMAL.serial_number,
        terminalType: NORMAL.terminal_type,
        behaviour: 'normal',
      },
      { serialNumber: PIN.serial_number, terminalType: PIN.terminal_type, behaviour: 'pin' },
      {
        serialNumber: SIGNATURE.serial_number,
        terminalType: SIGNATURE.terminal_type,
        behaviour: 'signature',
      },
    ],
  },
  {
    apiKey: OTHER_KEY,
    merchantIdAlpha: 'OtherShop',
    terminals: [{ serialNumber: OTHER.serial_number, terminalType: OTHER.terminal_type }],
  },
]

const running: Simulator[] = []
const receivers: Server[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()))
  await Promise.all(receivers.splice(0).map((s) => new Promise((r) => s.close(r))))
})

/** A fast simulator (timeScale 100, no rate limit) unless told otherwise; closed after each test. */
export async function sim(options: SimulatorOptions = {}): Promise<Simulator> {
  const simulator = await startSimulator({
    timeScale: 100,
    rateLimitPerSecond: 0,
    merchants: MERCHANTS,
    ...options,
  })
  running.push(simulator)
  return simulator
}

export interface Reply {
  status: number
  headers: Headers
  text: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any
}

export async function call(
  url: string,
  init: { method?: string; key?: string | null; body?: unknown; headerName?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {}
  if (init.key !== null) headers[init.headerName ?? 'ApiKeyCloud'] = init.key ?? DEMO_API_KEY
  if (init.body !== undefined) headers['Content-Type'] = 'application/json'
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  })
  const text = await response.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, text, json }
}

export const post = (s: Simulator, body: unknown, key?: string): Promise<Reply> =>
  call(`${s.apiBaseUrl}/transactions`, { body, key })

export const sale = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  operation: 'sale',
  ...NORMAL,
  amount: '1000',
  currency: 'EUR',
  ...extra,
})

/** Waits for a condition the scaled simulator will reach; fails loudly instead of hanging. */
export async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error('Condition not reached in time')
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** Polls /transaction-result until the 200. */
export async function result(
  s: Simulator,
  transactionResultId: string,
  key?: string,
): Promise<Reply> {
  return until(async () => {
    const reply = await call(`${s.apiBaseUrl}/transaction-result/${transactionResultId}`, { key })
    return reply.status === 200 ? reply : undefined
  })
}

/** Runs an operation to its final polled result. */
export async function run(
  s: Simulator,
  body: Record<string, unknown>,
  key?: string,
): Promise<Reply> {
  const accepted = await post(s, body, key)
  if (accepted.status !== 202)
    throw new Error(`Expected 202, got ${accepted.status}: ${accepted.text}`)
  return result(s, accepted.json.transactionResultId, key)
}

export interface ReceivedCallback {
  headers: IncomingHttpHeaders
  body: Record<string, unknown>
  status: number
}

/** A callback receiver answering `statuses[i]` to the i-th POST (then 200). */
export async function receiver(
  statuses: number[] = [],
): Promise<{ url: string; received: ReceivedCallback[] }> {
  const received: ReceivedCallback[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const status = statuses[received.length] ?? 200
      received.push({
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        status,
      })
      res.writeHead(status)
      res.end()
    })
  })
  receivers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received }
}

export const uuid4 = (): string => crypto.randomUUID()
