import { afterEach } from 'vitest'
import { createHandpointClient } from '../../../../src/main/handpoint'
import {
  createPaymentEngine,
  createStaticDirectory,
  type PaymentEngine,
  type PaymentEngineOptions,
} from '../../../../src/main/payments'
import { NoticeBoard } from '../../../../src/main/notices/notices'
import { createRecordingPrinter } from '../../../../src/main/receipts/recording-printer'
import { ReceiptService } from '../../../../src/main/receipts/service'
import { startSimulator, type Simulator } from '../../../../src/main/simulator'
import { TillHttpServer } from '../../../../src/main/till/http/server'
import type { TillDirectory } from '../../../../src/main/till/ports'
import { TillSession, type TillCaller } from '../../../../src/main/till/session'
import { engineForTill, receiptsForTill } from '../../../../src/main/till/wiring'
import { scaledClock, tempDataDir } from '../../payments/support'
import { tillCall, type TillCall } from '../support'

/**
 * The real thing end to end: the Handpoint simulator, the payment engine on its store, the
 * receipts service, the till session and its HTTP server, with two merchants (the cafe with
 * three terminals, a shop with one) and a token for each. Time runs `TIME_SCALE` times faster in
 * the simulator and the engine; the per-key budget is lifted so tests are not paced by it.
 */
export const TIME_SCALE = 50

export const CAFE_KEY = 'CONFORMANCE-CAFE-KEY-NOT-A-SECRET'
export const SHOP_KEY = 'CONFORMANCE-SHOP-KEY-NOT-A-SECRET'
export const CAFE_TERMINALS = ['7000000001', '7000000002', '7000000003']
export const SHOP_TERMINAL = '7100000001'

const TOKENS: Record<string, TillCaller> = {
  'conformance-token-cafe-front': { tillId: 'till-front', tillName: 'Front', merchantId: 'cafe' },
  'conformance-token-cafe-bar00': { tillId: 'till-bar', tillName: 'Bar', merchantId: 'cafe' },
  'conformance-token-shop-00000': { tillId: 'till-shop', tillName: 'Shop', merchantId: 'shop' },
}
export const FRONT = 'conformance-token-cafe-front'
export const BAR = 'conformance-token-cafe-bar00'
export const SHOP = 'conformance-token-shop-00000'

export interface RealLink {
  simulator: Simulator
  engine: PaymentEngine
  session: TillSession
  server: TillHttpServer
  base: string
  call: TillCall
  /** POSTs the simulator saw per transactionReference. */
  posts(reference: string): number
}

const open: RealLink[] = []
afterEach(async () => {
  for (const link of open.splice(0)) {
    await link.server.close()
    link.session.dispose()
    await link.engine.dispose()
    await link.simulator.close()
  }
})

/** `approval`: the merchants' ceilings and the manager PIN (none: no ceiling anywhere). */
export async function startRealLink(
  options: { approval?: PaymentEngineOptions['approval'] } = {},
): Promise<RealLink> {
  const clock = scaledClock(TIME_SCALE)
  const simulator = await startSimulator({
    timeScale: TIME_SCALE,
    now: () => clock.now(),
    rateLimitPerSecond: 0,
    merchants: [
      {
        apiKey: CAFE_KEY,
        merchantIdAlpha: 'ConformanceCafe',
        name: 'Conformance Cafe',
        terminals: CAFE_TERMINALS.map((serialNumber) => ({
          serialNumber,
          behaviour: 'normal' as const,
        })),
      },
      {
        apiKey: SHOP_KEY,
        merchantIdAlpha: 'ConformanceShop',
        terminals: [{ serialNumber: SHOP_TERMINAL, behaviour: 'normal' }],
      },
    ],
  })
  const client = (apiKey: string) =>
    createHandpointClient({
      apiBaseUrl: simulator.apiBaseUrl,
      statusBaseUrl: simulator.statusBaseUrl,
      apiKey,
      retry: { maxAttempts: 1 },
    })
  const devices = { cafe: CAFE_TERMINALS, shop: [SHOP_TERMINAL] } as Record<string, string[]>
  const dataDir = tempDataDir('till-conf-')
  const engine = await createPaymentEngine({
    dataDir,
    clock,
    budget: { perWindow: 1_000, windowMs: 1_000 },
    notChargedAfterMs: 90_000,
    ...(options.approval ? { approval: options.approval } : {}),
    directory: createStaticDirectory([
      { merchantId: 'cafe', client: client(CAFE_KEY), defaultCurrency: 'EUR' },
      { merchantId: 'shop', client: client(SHOP_KEY), defaultCurrency: 'EUR' },
    ]),
  })
  const receipts = new ReceiptService({
    dataDir,
    printer: createRecordingPrinter(),
    notices: new NoticeBoard(),
    emit: () => undefined,
    loopbackHttp: () => true,
    findPayment: async (id) => {
      try {
        return engine.get(id)
      } catch {
        return undefined
      }
    },
  })
  engine.onFinal((record) => void receipts.collect(record))
  const directory: TillDirectory = {
    merchants: () => [
      { id: 'cafe', name: 'Conformance Cafe' },
      { id: 'shop', name: 'Conformance Shop' },
    ],
    terminalsOf: async (merchantId) =>
      (devices[merchantId] ?? []).map((serial) => ({ serial, type: 'PAXA920PRO' })),
    merchantOfTerminal: async (serial) =>
      Object.keys(devices).find((m) => devices[m]!.includes(serial)),
  }
  const session = new TillSession({
    engine: engineForTill(engine),
    directory,
    receipts: receiptsForTill(receipts),
  })
  const server = new TillHttpServer({
    session,
    authenticate: (token) => TOKENS[token],
    version: 'conformance',
    requestsPerSecond: 10_000,
  })
  const base = await server.listen('127.0.0.1', 0)
  const link: RealLink = {
    simulator,
    engine,
    session,
    server,
    base,
    call: tillCall(base, FRONT),
    posts: (reference) => simulator.stats().postsByReference[reference] ?? 0,
  }
  open.push(link)
  return link
}

export const sale = (amount: number, terminal = CAFE_TERMINALS[0]!, extra: object = {}) => ({
  operation: 'sale',
  amount,
  currency: 'EUR',
  terminal,
  ...extra,
})

/** Waits (long-poll) until the payment is final and returns it. */
export async function final(
  link: RealLink,
  id: string,
  token = FRONT,
): Promise<Record<string, unknown>> {
  for (let i = 0; i < 20; i += 1) {
    const body = (await (await link.call(`/payments/${id}?wait=30`, { token })).json()) as {
      final: boolean
    }
    if (body.final) return body
  }
  throw new Error(`Payment ${id} never became final.`)
}
