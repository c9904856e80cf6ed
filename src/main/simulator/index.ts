import { Battery } from './battery'
import { CallbackDispatcher } from './callbacks'
import type { MerchantState, SimContext } from './context'
import { createControls } from './controls'
import { RateLimiter } from './rate-limit'
import { createRng } from './rng'
import { Scheduler } from './scheduler'
import { closeServer, createHostServer, listen } from './server'
import { TransactionStore } from './store'
import { SimTerminal } from './terminal'
import type {
  SimMerchantSpec,
  Simulator,
  SimulatorOptions,
  SimTerminalSpec,
  TerminalFinished,
} from './types'

export type {
  BatchSupport,
  ExternalPower,
  ReceivedCommand,
  SimBatchLine,
  SimFaults,
  SimMerchantSpec,
  SimTerminalSpec,
  SimTerminalState,
  Simulator,
  SimulatorOptions,
  SimulatorStats,
  StandalonePayment,
  TerminalBehaviour,
  TerminalFinished,
  TerminalSettings,
} from './types'

/** The demo merchant's key. Not a secret: it only opens the local simulator. */
export const DEMO_API_KEY = 'DEMO-SIMULATOR-KEY-0000-NOT-A-SECRET'

/** One merchant, three terminals a trainer can tell apart by what they do. */
export const DEMO_MERCHANTS: SimMerchantSpec[] = [
  {
    apiKey: DEMO_API_KEY,
    merchantIdAlpha: 'DemoCafe',
    name: 'Demo Cafe',
    terminals: [
      { serialNumber: '0821032398', terminalType: 'PAXA920PRO', behaviour: 'normal' },
      { serialNumber: '1850025030', terminalType: 'PAXA920', behaviour: 'pin' },
      { serialNumber: '1547854757', terminalType: 'PAXA910S', behaviour: 'signature' },
    ],
  },
]

/** What every simulated terminal app reports unless its spec says otherwise. */
const APP = {
  applicationVersion: '20.4.12.1',
  sdkVersion: '7.1010.3',
  firmwareVersion: 'PayDroid_10.0_Sloth_V20.1.07',
}

function buildMerchants(
  specs: SimMerchantSpec[],
  now: number,
): { byKey: Map<string, MerchantState>; terminals: Map<string, SimTerminal> } {
  const byKey = new Map<string, MerchantState>()
  const terminals = new Map<string, SimTerminal>()
  for (const spec of specs) {
    const merchant: MerchantState = {
      apiKey: spec.apiKey,
      merchantIdAlpha: spec.merchantIdAlpha,
      name: spec.name ?? spec.merchantIdAlpha,
      terminals: [],
      batchSupport: spec.batches ?? 'supported',
    }
    const list: SimTerminalSpec[] = [
      ...spec.terminals,
      ...(spec.virtualTerminal
        ? [{ serialNumber: spec.virtualTerminal.serialNumber, terminalType: 'VT' }]
        : []),
    ]
    for (const t of list) {
      if (terminals.has(t.serialNumber))
        throw new Error(
          `Terminal ${t.serialNumber} is listed twice; give each simulated terminal its own serial number.`,
        )
      const battery = t.battery
      const terminal = new SimTerminal(
        spec.apiKey,
        spec.merchantIdAlpha,
        t.serialNumber,
        t.terminalType ?? 'PAXA920PRO',
        t.behaviour ?? 'normal',
        new Battery(battery?.percent ?? 80, battery?.externalPower ?? 'USB', now),
        { ...APP, applicationVersion: t.applicationVersion ?? APP.applicationVersion },
      )
      merchant.terminals.push(terminal)
      terminals.set(t.serialNumber, terminal)
    }
    byKey.set(spec.apiKey, merchant)
  }
  return { byKey, terminals }
}

/**
 * Starts the Handpoint cloud simulator: cloud, status and receipts hosts on loopback, with
 * virtual terminals per merchant. Resolves once all three hosts listen.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1'
  const timeScale = options.timeScale ?? 1
  if (!(timeScale > 0)) throw new Error('timeScale must be a positive number.')
  const rng = createRng(options.seed ?? 1)
  const scheduler = new Scheduler(timeScale)
  const now = options.now ?? Date.now
  const { byKey, terminals } = buildMerchants(options.merchants ?? DEMO_MERCHANTS, now())
  const ctx: SimContext = {
    now,
    rng,
    faults: {},
    scheduler,
    store: new TransactionStore(),
    callbacks: undefined as unknown as CallbackDispatcher,
    limiter: new RateLimiter(options.rateLimitPerSecond ?? 2),
    merchantsByKey: byKey,
    terminals,
    receipts: new Map(),
    urls: { api: '', status: '', receipts: '' },
    inlineReceiptShare: options.inlineReceiptShare ?? 0,
    cardTimeSpreadMs: Math.max(0, options.cardTimeSpreadMs ?? 0),
    postsByReference: {},
    listeners: new Set(),
  }
  ctx.callbacks = new CallbackDispatcher(scheduler, rng, () => ctx.faults)
  const controls = createControls(ctx)
  const servers = [
    createHostServer(ctx, 'cloud', controls),
    createHostServer(ctx, 'status', controls),
    createHostServer(ctx, 'receipts', controls),
  ]
  const port = options.port ?? 0
  try {
    ctx.urls.api = await listen(servers[0]!, host, port)
    ctx.urls.status = await listen(servers[1]!, host, port === 0 ? 0 : port + 1)
    ctx.urls.receipts = await listen(servers[2]!, host, port === 0 ? 0 : port + 2)
  } catch (error) {
    await Promise.all(servers.filter((s) => s.listening).map(closeServer))
    throw error
  }
  return {
    apiBaseUrl: ctx.urls.api,
    statusBaseUrl: ctx.urls.status,
    receiptsBaseUrl: ctx.urls.receipts,
    get faults() {
      return ctx.faults
    },
    set faults(value) {
      ctx.faults = value
    },
    ...controls,
    onTerminalFinished(listener: (f: TerminalFinished) => void) {
      ctx.listeners.add(listener)
      return () => ctx.listeners.delete(listener)
    },
    stats() {
      return {
        ...ctx.limiter.snapshot(),
        postsByReference: { ...ctx.postsByReference },
        callbackAttempts: ctx.callbacks.attempts,
      }
    },
    async close() {
      scheduler.close()
      ctx.callbacks.close()
      await Promise.all(servers.map(closeServer))
    },
  }
}
