import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { vi } from 'vitest'
import type {
  AppErrorShape,
  AppNotice,
  BridgeApi,
  HistoryQuery,
  MerchantView,
  PaymentRecord,
  PaymentSettlement,
  PaymentStatusEvent,
  StartPaymentRequest,
  TerminalBoardEvent,
  TerminalCommandRequest,
  TerminalDetail,
  TerminalHealthView,
} from '@shared/contract'
import App from '@renderer/App.vue'
import { createAppI18n } from '../i18n'
import { installFakeApi } from '../fake-api'

export const MERCHANT: MerchantView = {
  id: 'm-demo',
  name: 'Demo shop',
  demo: true,
  environment: 'simulator',
  currency: 'EUR',
  keyState: 'ok',
  terminals: [
    { serialNumber: '0821032398', terminalType: 'PAXA920PRO' },
    { serialNumber: '1850025030', terminalType: 'PAXA920' },
  ],
  defaultTerminalSerial: '0821032398',
  resultFlow: { mode: 'poll' },
  receipts: { customerCopy: 'ask', merchantCopy: 'always' },
  limits: {},
}

/** A live merchant with its own terminal, for switching. */
export const CAFE: MerchantView = {
  ...MERCHANT,
  id: 'm-cafe',
  name: 'Tokyo Cafe',
  demo: false,
  environment: 'production',
  currency: 'JPY',
  terminals: [{ serialNumber: '2222222222', terminalType: 'PAXA920' }],
  defaultTerminalSerial: '2222222222',
  terminalsFetchedAt: 1_700_000_000_000,
}

export function record(over: Partial<PaymentRecord> = {}): PaymentRecord {
  return {
    id: 'p1',
    merchantId: MERCHANT.id,
    terminalSerial: '0821032398',
    terminalType: 'PAXA920PRO',
    operation: 'sale',
    amountMinor: '1250',
    currency: 'EUR',
    transactionReference: '6c1d1c7e-2f0a-4a57-9f5e-0a3f1f1b2c3d',
    flow: 'poll',
    state: 'in-progress',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    evidence: [],
    ...over,
  }
}

export interface FakeCheckout {
  started: StartPaymentRequest[]
  cancels: { merchantId: string; terminalSerial: string }[]
  resolves: string[]
  queries: HistoryQuery[]
  defaults: (string | null)[]
  activated: string[]
  dismissed: string[]
  /** Pushes a payments:status-changed event as main would. */
  emit(event: Partial<PaymentStatusEvent> & { record: PaymentRecord }): Promise<void>
  /** Pushes an app:notice event as main would. */
  notify(notice: AppNotice): Promise<void>
  /** Pushes a terminals:board-changed event as main would. */
  emitBoard(terminals: TerminalHealthView[], merchantId?: string): Promise<void>
  checks: string[]
  commands: { serialNumber: string; command: TerminalCommandRequest }[]
}

/** A terminal's health as main reports it; `unchecked` unless told otherwise. */
export function health(
  serialNumber: string,
  over: Partial<TerminalHealthView> = {},
): TerminalHealthView {
  return {
    merchantId: MERCHANT.id,
    serialNumber,
    terminalType: 'PAXA920PRO',
    state: 'unchecked',
    checking: false,
    ...over,
  }
}

interface Options {
  currency?: string
  history?: PaymentRecord[]
  active?: PaymentStatusEvent[]
  startFails?: AppErrorShape
  /** Adds a second, live merchant (JPY) so the banner offers a switch. */
  second?: boolean
  /** Notices main raised before the window opened (listNotices). */
  notices?: AppNotice[]
  /** The merchant's terminals as its key listed them. */
  terminals?: MerchantView['terminals']
  /** What main reports of the terminals' health at start. */
  board?: TerminalHealthView[]
  /** The terminal detail main answers with. */
  detail?: Omit<TerminalDetail, 'health'>
  /** What main's money rules answer per payment id (getSettlements); others are unknown. */
  settlements?: Record<string, PaymentSettlement>
  /** Replaces individual window.api functions. */
  overrides?: Partial<BridgeApi>
}

/** A window.api with one demo merchant and payments handlers that record what they were asked. */
export function installCheckoutApi(options: Options = {}): FakeCheckout {
  const merchant = {
    ...MERCHANT,
    currency: options.currency ?? 'EUR',
    ...(options.terminals ? { terminals: options.terminals } : {}),
  }
  let listener: ((e: PaymentStatusEvent) => void) | undefined
  let noticeListener: ((n: AppNotice) => void) | undefined
  let boardListener: ((e: TerminalBoardEvent) => void) | undefined
  let board = options.board ?? []
  const fake: FakeCheckout = {
    checks: [],
    commands: [],
    async emitBoard(terminals, merchantId = merchant.id) {
      board = terminals
      boardListener?.({ merchantId, terminals })
      await flushPromises()
    },
    started: [],
    cancels: [],
    resolves: [],
    queries: [],
    defaults: [],
    activated: [],
    dismissed: [],
    async emit(event) {
      listener?.({ elapsedMs: 0, cancelAllowed: false, slow: false, ...event })
      await flushPromises()
    },
    async notify(notice) {
      noticeListener?.(notice)
      await flushPromises()
    },
  }
  installFakeApi({
    getAppInfo: async () => ({
      ok: true,
      data: { name: 'POS Companion', version: '1.0.0', dataDir: '/d', shell: 'browser' },
    }),
    listMerchants: async () => ({
      ok: true,
      data: {
        merchants: options.second ? [merchant, CAFE] : [merchant],
        activeMerchantId: merchant.id,
        storage: { backend: 'test-only', canStore: true, weak: false, insecureAccepted: false },
      },
    }),
    onMerchantsChanged: () => () => undefined,
    listNotices: async () => ({ ok: true, data: options.notices ?? [] }),
    onAppNotice: (l: (n: AppNotice) => void) => {
      noticeListener = l
      return () => (noticeListener = undefined)
    },
    dismissNotice: async ({ id }: { id: string }) => {
      fake.dismissed.push(id)
      return { ok: true, data: { dismissed: true } }
    },
    listTerminals: async () => ({
      ok: true,
      data: { merchantId: merchant.id, terminals: merchant.terminals, offline: false },
    }),
    setActiveMerchant: async ({ id }: { id: string }) => {
      fake.activated.push(id)
      return { ok: true, data: { activeMerchantId: id } }
    },
    onPaymentStatus: (l: (e: PaymentStatusEvent) => void) => {
      listener = l
      return () => (listener = undefined)
    },
    listActivePayments: async () => ({ ok: true, data: options.active ?? [] }),
    startPayment: async (req: StartPaymentRequest) => {
      fake.started.push(req)
      if (options.startFails) return { ok: false, error: options.startFails }
      return {
        ok: true,
        data: record({
          id: `p${fake.started.length}`,
          operation: req.operation,
          terminalSerial: req.terminalSerial,
          state: 'accepted',
          createdAt: Date.now(),
          updatedAt: Date.now(),
        }),
      }
    },
    cancelPayment: async (req: { merchantId: string; terminalSerial: string }) => {
      fake.cancels.push(req)
      return { ok: true, data: { requested: true, code: 'cancel_sent' } }
    },
    resolvePayment: async ({ id }: { id: string }) => {
      fake.resolves.push(id)
      return { ok: true, data: record({ id, state: 'resolving', updatedAt: Date.now() }) }
    },
    getSettlements: async ({ ids }: { ids: string[] }) => ({
      ok: true,
      data: ids.flatMap((id) => options.settlements?.[id] ?? []),
    }),
    searchHistory: async (q: HistoryQuery) => {
      fake.queries.push(q)
      const items = options.history ?? []
      return { ok: true, data: { items, total: items.length } }
    },
    setDefaultTerminal: async (req: { merchantId: string; serialNumber: string | null }) => {
      fake.defaults.push(req.serialNumber)
      merchant.defaultTerminalSerial = req.serialNumber ?? undefined
      return { ok: true, data: { ...merchant } }
    },
    listTerminalHealth: async () => ({ ok: true, data: board }),
    refreshTerminalHealth: async () => ({ ok: true, data: board }),
    onTerminalBoard: (l: (e: TerminalBoardEvent) => void) => {
      boardListener = l
      return () => (boardListener = undefined)
    },
    checkTerminal: async ({ serialNumber }: { serialNumber: string }) => {
      fake.checks.push(serialNumber)
      return { ok: true, data: board.find((h) => h.serialNumber === serialNumber)! }
    },
    getTerminalDetail: async ({ serialNumber }: { serialNumber: string }) => ({
      ok: true,
      data: {
        health: board.find((h) => h.serialNumber === serialNumber) ?? health(serialNumber),
        history: options.detail?.history ?? [],
        commands: options.detail?.commands ?? [],
      },
    }),
    sendTerminalCommand: async (req: { serialNumber: string; command: TerminalCommandRequest }) => {
      fake.commands.push({ serialNumber: req.serialNumber, command: req.command })
      return {
        ok: true,
        data: {
          id: `c${fake.commands.length}`,
          merchantId: merchant.id,
          serialNumber: req.serialNumber,
          command: req.command.command,
          body: {},
          by: 'checkout',
          at: Date.now(),
          outcome: 'sent' as const,
          answer: { code: 'command_sent' as const, params: { serial: req.serialNumber } },
        },
      }
    },
    // The receipts panel (receipts work) sits under outcomes and in the history detail.
    onReceiptsChanged: () => () => undefined,
    getReceipts: async ({ paymentId }: { paymentId: string }) => ({
      ok: true,
      data: {
        paymentId,
        customer: {
          copy: 'customer',
          status: 'none',
          source: 'none',
          attempts: 0,
          printedCount: 0,
        },
        merchant: {
          copy: 'merchant',
          status: 'none',
          source: 'none',
          attempts: 0,
          printedCount: 0,
        },
        signature: { status: 'none' },
        askCustomerCopy: false,
      },
    }),
    getPrintSettings: async () => ({
      ok: false,
      error: { code: 'no_printer', message: 'No printer in tests.' },
    }),
    listPrinters: async () => ({ ok: true, data: [] }),
    ...options.overrides,
  })
  return fake
}

/**
 * The screens App.vue loads when first opened (defineAsyncComponent). Loaded here before the app
 * mounts, as the running app would have by the time a cashier opens them, so a test's
 * flushPromises after switching screens finds the screen rendered.
 */
export async function loadLazyScreens(): Promise<void> {
  await Promise.all([
    import('@renderer/views/HistoryView.vue'),
    import('@renderer/views/SettingsView.vue'),
    import('@renderer/views/DayView.vue'),
    import('@renderer/components/money/ManagerPinDialog.vue'),
  ])
}

export async function mountApp() {
  vi.useRealTimers()
  await loadLazyScreens()
  const wrapper = mount(App, {
    global: { plugins: [createPinia(), createAppI18n()] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}
