import {
  startPaymentRequest,
  type EventName,
  type PayloadOf,
  type PaymentRecord,
  type PaymentReceipts,
  type PaymentStatusEvent,
} from '@shared/contract'
import { describe } from '@shared/messages'
import type { EventSink, HandlerTable } from './ipc/handlers'
import { redact } from './logging/redact'
import { createMerchantHandlers } from './merchants/handlers'
import { createJsonProfileStore } from './merchants/profile-store'
import type { SecretBox } from './merchants/secret-box'
import { MerchantService } from './merchants/service'
import { lazySimulator } from './merchants/lazy-simulator'
import { createHandpointClient, type TransactionResult } from './handpoint'
import { DEMO_API_KEY, startSimulator } from './simulator'
import type { FetchPolicy } from './receipts/fetcher'
import { createReceiptHandlers } from './receipts/handlers'
import type { Printer } from './receipts/ports'
import { createDay } from './day/compose'
import { daySettingsFile } from './day/day-settings-file'
import { receiptStatusRows } from './day/receipt-standing'
import { dayForTill } from './day/for-till'
import { createStoreDayJournal } from './day/store-journal'
import { createHandpointGateway } from './day/handpoint-gateway'
import {
  callbackBindingOf,
  createPaymentEngine,
  createPaymentHandlers,
  createMoneyHandlers,
  ManagerPin,
  type MerchantDirectory,
  type PaymentStore,
} from './payments'
import { createNoticeHandlers } from './notices/handlers'
import { NoticeBoard, type Notices } from './notices/notices'
import { ReceiptService } from './receipts/service'
import { ensureDataDir, tightenModes } from './storage/modes'
import { RateBudget } from './payments/rate-budget'
import { createTerminalCare, type TerminalCare } from './terminals/compose'
import { openFileCommandJournal } from './terminals/file-journal'
import { createTillHandlers } from './till/handlers'
import { TillLinkService } from './till/link'
import { TillSession } from './till/session'
import { directoryForTill, engineForTill, healthForTill, receiptsForTill } from './till/wiring'

export interface ServicesOptions {
  /** Where this checkout keeps its data (journals, receipts, settings). */
  dataDir: string
  appName: string
  appVersion: string
  shell: 'electron' | 'browser'
  /**
   * Encrypts merchants' API keys: safeStorage in Electron. Required, so a wiring mistake fails at
   * start-up; tests and the e2e harness pass `createTestOnlySecretBox()` themselves.
   */
  secretBox: SecretBox
  /** The checkout's printer (Electron adapter); tests and e2e pass `createRecordingPrinter()`. */
  printer: Printer
  /** Receipt fetch limits (loopback http is decided per merchant, not here). */
  receiptFetch?: Partial<FetchPolicy>
  /** Where the payment engine finds keys and terminals; default: the merchants service. */
  merchantDirectory?: MerchantDirectory
}

export interface Services {
  handlers: HandlerTable
  /** The notices port, for adapters built after the services (app settings, ...). */
  notices: Notices
  /** Subscribe a transport (ipc window or e2e page) to main -> renderer events. */
  subscribe(sink: EventSink): () => void
  /** Emit an event to every subscribed transport. */
  emit<K extends EventName>(name: K, payload: PayloadOf<K>): void
  dispose(): Promise<void>
}

/**
 * Builds every electron-free service and the IPC handler table. Both the Electron composition root
 * (`index.ts`) and the e2e harness call this, so the UI is tested against the very same code.
 * Each domain contributes a `createXHandlers(service)` slice; the table is their union.
 */
export async function createServices(options: ServicesOptions): Promise<Services> {
  // Checked here as well as by type: the e2e harness and scripts build options at run time.
  if (!options.secretBox)
    throw new Error('createServices needs a secretBox (safeStorage in the app)')
  if (!options.printer) throw new Error('createServices needs a printer (Electron in the app)')
  const sinks = new Set<EventSink>()
  const emit = <K extends EventName>(name: K, payload: PayloadOf<K>): void => {
    for (const sink of sinks) sink.emit(name, payload)
  }
  const disposers: (() => Promise<void> | void)[] = []
  // Notices raised while starting are kept and listed when the window asks (listNotices).
  const notices = new NoticeBoard()
  disposers.push(notices.onNotice((notice) => emit('onAppNotice', notice)))
  disposers.push(notices.onNotice((n) => console.warn(`Notice: ${describe(n.code, n.params)}`)))
  await ensureDataDir(options.dataDir)
  // Files and folders an earlier version wrote readable by others become owner-only.
  await tightenModes(options.dataDir)
  // Built after the engine; the merchants and engine callbacks reach it through this.
  const careRef: { care?: TerminalCare } = {}
  // One request budget per key for everything the key sends: payments, terminal lists, terminal
  // checks (at the lowest priority) and commands.
  // Merchants added with the same API key share its budget (keyOf reads the merchants service,
  // built just below; requests only start once it is).
  const budget = new RateBudget({
    keyOf: (merchantId) => merchantsRef.at?.budgetKeyOf(merchantId) ?? merchantId,
  })
  const merchantsRef: { at?: MerchantService } = {}

  // --- domain services (construction order matters: later ones use earlier ones) ---
  // The demo merchant's simulator starts on first use, so real-only checkouts open no ports.
  const demoSimulator = lazySimulator(() => startSimulator())
  disposers.push(() => demoSimulator.close())
  // The manager PIN of this checkout: refunds above a ceiling and changes that lift one need it.
  const managerPin = new ManagerPin({
    dataDir: options.dataDir,
    now: Date.now,
    onDamage: (movedTo) => notices.notify('manager_pin_file_damaged', { movedTo }, 'error'),
  })
  const merchants = await MerchantService.open({
    dataDir: options.dataDir,
    store: createJsonProfileStore({ dataDir: options.dataDir, notices }),
    secretBox: options.secretBox,
    // Single attempt: the engine's per-key budget must see every request it sends, so it does
    // its own retrying through the budget instead of the client retrying behind its back.
    createClient: (config) => createHandpointClient({ ...config, retry: { maxAttempts: 1 } }),
    simulatorEndpoints: () => demoSimulator.endpoints(),
    demoApiKey: DEMO_API_KEY,
    budget: (merchantId, request) => budget.send(merchantId, 'terminal-list', request),
    onChange: (snapshot) => {
      emit('onMerchantsChanged', snapshot)
      void careRef.care?.health.sync() // terminal care follows the merchants' terminal lists
    },
    manager: {
      isSet: async () => (await managerPin.status()).set,
      check: (pin) => managerPin.check(pin),
      now: Date.now,
    },
  })
  merchantsRef.at = merchants
  // Set once the payment engine (and its store) exists; receipts reported before are not kept.
  const late: { paymentStore?: PaymentStore } = {}
  const keepReceiptStanding = (receipts: PaymentReceipts): void => {
    try {
      for (const row of receiptStatusRows(receipts, Date.now()))
        late.paymentStore?.setReceiptStatus(row)
    } catch (err) {
      console.error(`Receipt status not kept: ${String(err)}`)
    }
  }
  const receipts = new ReceiptService({
    dataDir: options.dataDir,
    printer: options.printer,
    notices,
    emit: (payload) => {
      emit('onReceiptsChanged', payload)
      // The day report's "receipt missing" reads where receipts stand from the payment store.
      keepReceiptStanding(payload)
    },
    fetchPolicy: { ...options.receiptFetch },
    // Plain http from this computer only for merchants on the simulator or a local address.
    loopbackHttp: (merchantId) => merchants.receiptsOverLoopbackHttp(merchantId),
    logError: (message) => console.error(redact(message)),
    // Printer and paper are this checkout's; which copies print is the payment's merchant's call.
    merchantPolicy: (merchantId) => merchants.copyPolicy(merchantId),
    // The engine is built below; these run only later, on a cashier's request.
    terminalPrint: ({ merchantId, terminalSerial, receipt }) =>
      payments.start(
        startPaymentRequest.parse({
          merchantId,
          terminalSerial,
          operation: 'printReceipt',
          receipt,
        }),
      ),
    findPayment: async (id) => {
      try {
        return payments.get(id)
      } catch {
        return undefined // not in the payment store: the receipts service says so in words
      }
    },
  })
  void receipts.resume()
  disposers.push(() => receipts.dispose())
  // Resumes every unfinished payment of the store on start (no user action needed); what the
  // store finds (damage, an old journal moved in) reaches the cashier as app notices.
  const engineOptions = {
    dataDir: options.dataDir,
    directory: options.merchantDirectory ?? merchants,
    budget,
    beforeSend: (merchantId: string, serial: string) =>
      careRef.care?.health.whenQuiet(merchantId, serial) ?? Promise.resolve(),
    onResult: (record: PaymentRecord, result: TransactionResult) =>
      careRef.care?.noteResult(record, result),
    emit: (event: PaymentStatusEvent) => {
      emit('onPaymentStatus', event)
      careRef.care?.feed(event)
    },
    notices,
    // Refunds and reversals above a merchant's ceiling need this checkout's manager PIN.
    approval: {
      ceilingOf: async (merchantId: string) => {
        const m = merchants.view(merchantId)
        const minor = m?.limits.refundCeilingMinor
        return m && minor !== undefined ? { minor, currency: m.currency } : undefined
      },
      checkPin: (pin: string) => managerPin.check(pin),
    },
  }
  // Callback flow: one listener for this checkout, only on an address of this computer that a
  // person confirmed in Settings (callback-binding.ts). Read at start, so a change takes effect
  // at the next start. If it may not or cannot listen, payments still run by polling and a
  // callback payment is refused in words.
  const binding = callbackBindingOf(
    merchants.profiles().map((m) => ({
      merchantId: m.id,
      merchantName: m.name,
      resultFlow: m.resultFlow,
    })),
    merchants.callbackAddresses(),
  )
  // The params are the ones the binding rule built for its own code.
  if (binding.kind === 'refused') notices.notify(binding.why.code, binding.why.params as never)
  const payments =
    binding.kind === 'listen'
      ? await createPaymentEngine({
          ...engineOptions,
          callback: { host: binding.host, port: binding.port },
        }).catch((err: unknown) => {
          console.error(`Callback listener not started: ${String(err)}`)
          return createPaymentEngine(engineOptions)
        })
      : await createPaymentEngine(engineOptions)
  disposers.push(() => payments.dispose())
  late.paymentStore = payments.store
  // Receipts are collected for every final result; collecting never throws into the engine.
  disposers.push(payments.onFinal((record) => void receipts.collect(record)))
  // Receipts read later (after the status service settled a payment) are collected then.
  disposers.push(payments.onDetails((record) => void receipts.collect(record)))

  // Terminal care: health from checks, results and refusals; the device commands.
  const commandJournal = openFileCommandJournal(options.dataDir)
  if (commandJournal.skipped > 0) {
    notices.notify('terminal_journal_damaged', { count: commandJournal.skipped })
  }
  const care = createTerminalCare({
    merchants,
    busyHere: (merchantId, serial) => payments.terminalBusy(merchantId, serial),
    budget: {
      background: { send: (key, owner, request) => budget.send(key, owner, request, 'background') },
      normal: { send: (key, owner, request) => budget.send(key, owner, request) },
    },
    journal: commandJournal,
    onBoard: (event) => emit('onTerminalBoard', event),
    log: console.error,
  })
  disposers.push(() => care.dispose())
  careRef.care = care
  void care.start()
  const day = createDay({
    dataDir: options.dataDir,
    journal: createStoreDayJournal(payments.store, Date.now),
    merchants,
    // A merchant whose key cannot be used now has no gateway: its verdicts stay unconfirmed.
    gatewayFor: (merchantId) =>
      merchants.batchClientFor(merchantId).then(
        (client) =>
          createHandpointGateway(client, { gate: payments.gateFor(merchantId, 'day-close') }),
        () => undefined,
      ),
    resolvePending: async (id) => void (await payments.resolve(id)),
    printer: options.printer,
    printSettings: () => receipts.getSettings(),
    settingsStorage: daySettingsFile(options.dataDir, notices),
    onChange: (merchantId, date) => emit('onDayChanged', { merchantId, date }),
  })

  // The till link: tills on this computer (or the LAN, when allowed) start payments over HTTP.
  const tillSession = new TillSession({
    engine: engineForTill(payments),
    directory: directoryForTill(merchants),
    receipts: receiptsForTill(receipts),
    day: dayForTill(day.service),
    // Terminals read as the board shows them: checks, 1001/1002 answers, payments in flight.
    health: healthForTill(care),
  })
  const till = await TillLinkService.open({
    dataDir: options.dataDir,
    version: options.appVersion,
    session: tillSession,
    merchants: () => merchants.profiles().map((m) => ({ id: m.id, name: m.name })),
    notices,
    logError: console.error,
    onChange: (view) => emit('onTillLinkChanged', view),
  })
  // Stopped before the engine (disposers run in reverse): no till request outlives it.
  disposers.push(() => tillSession.dispose())
  disposers.push(() => till.dispose())

  // --- handler table ---
  const handlers: HandlerTable = {
    getAppInfo: () => ({
      name: options.appName,
      version: options.appVersion,
      dataDir: options.dataDir,
      shell: options.shell,
    }),
    ...createNoticeHandlers(notices),
    ...createPaymentHandlers(payments),
    ...createMerchantHandlers(merchants),
    ...createReceiptHandlers(receipts),
    ...care.handlers,
    ...createTillHandlers(till),
    ...createMoneyHandlers({ settlements: (ids) => payments.settlements(ids), pin: managerPin }),
    ...day.handlers,
  }

  return {
    handlers,
    notices,
    emit,
    subscribe(sink) {
      sinks.add(sink)
      return () => sinks.delete(sink)
    },
    async dispose() {
      for (const dispose of disposers.reverse()) await dispose()
      sinks.clear()
    },
  }
}
