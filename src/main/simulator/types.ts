/**
 * Public shapes of the built-in Handpoint simulator (cloud + virtual terminals). Other modules
 * import them through `./index`; the wire format they produce follows
 * docs/handpoint-api.md (§ numbers in comments refer to it).
 */

/** How a virtual terminal behaves; a trainer can switch it at any time. */
export type TerminalBehaviour =
  'normal' | 'slow-card' | 'pin' | 'signature' | 'offline' | 'flaky-network'

export type ExternalPower = 'USB' | 'AC' | 'None'
/** How the merchant's acquirer treats batches (`/batch/*`). */
export type BatchSupport = 'supported' | 'batch-number-required' | 'unsupported'

export interface SimTerminalSpec {
  serialNumber: string
  /** Default PAXA920PRO. */
  terminalType?: string
  /** Default 'normal'. */
  behaviour?: TerminalBehaviour
  /** Default 80 % on USB. */
  battery?: { percent?: number; externalPower?: ExternalPower }
  /** Default 20.4.12.1 (the documented example). */
  applicationVersion?: string
}

export interface SimMerchantSpec {
  apiKey: string
  merchantIdAlpha: string
  name?: string
  terminals: SimTerminalSpec[]
  /** MOTO enabled: a virtual terminal ("VT") in the device list with its own batch, where every
   * MOTO operation of the merchant is booked. */
  virtualTerminal?: { serialNumber: string }
  /** Default 'supported'. */
  batches?: BatchSupport
}

/** What the device commands have set (there is no read-back on the wire; tests look here). */
export interface TerminalSettings {
  unattendedMode: boolean
  locale: string
  passwordProtected: boolean
  minimumBrightnessLevel: number
  maximumBrightnessLevel: number
  rebootHour?: number
}

/** A device command that reached the terminal (answered 202). */
export interface ReceivedCommand {
  command: string
  body: Record<string, unknown>
  /** `now()` when it arrived. */
  at: number
  /** False outside Integrated Mode: Handpoint answered 202, the terminal ignored it. */
  applied: boolean
}

/** One line of a terminal's batch as the acquirer sees it. */
export interface SimBatchLine {
  transactionID: string
  transactionType: string
  rrn?: string
  amountMinor: number
  currency: string
  origin: 'CLOUD' | 'STANDALONE'
}

/** A terminal as the simulator sees it (copies; safe to keep). */
export interface SimTerminalState {
  serialNumber: string
  terminalType: string
  behaviour: TerminalBehaviour
  powered: boolean
  listening: boolean
  /** Running one of our operations (the screen it shows), or another client's. */
  busy: 'here' | 'elsewhere' | null
  battery: { percent: number; externalPower: ExternalPower; charging: string }
  integratedMode: boolean
  settings: TerminalSettings
  openBatch: { number: number; lines: SimBatchLine[] }
  closedBatches: { number: number; closedAt: number; lines: SimBatchLine[] }[]
}

/** A payment taken on the terminal itself: in the batch, unknown to the app's journal. */
export interface StandalonePayment {
  transactionID: string
  rrn: string
  batchNumber: string
}

/**
 * Faults injected on purpose. Probabilities (0..1) are drawn from the seeded RNG so a failing
 * test replays exactly. The object is live: change a field and the next request sees it.
 */
export interface SimFaults {
  /** The transaction IS started, but the socket is destroyed before the 202 is written. */
  drop202?: number
  /** Real milliseconds (not scaled): aimed at the client's HTTP timeout. */
  delay202Ms?: number
  /** 500 InternalServerError before anything starts (every authenticated request). */
  serverErrorRate?: number
  /** Terminal milliseconds (scaled by timeScale) before the first callback attempt. */
  callbackDelayMs?: number
  /** After a successful delivery, POST the very same body once more. */
  callbackDuplicateRate?: number
  /** The first attempt is lost in the network; the recovery loop then retries (recovered: true). */
  callbackDropRate?: number
  /**
   * The terminal drops off after the card is read, during processing: the gateway still gets
   * the outcome (status host shows it), but the terminal's result is NEVER delivered (poll stays
   * 204, no callback) and the terminal answers 1002, until `setBehaviour` brings it back; then it
   * posts the held result with `recoveredTransaction: true`, like the app's recovery loop.
   */
  goOfflineMidTransaction?: number
  /** POST /batch/close closes the batch, then the socket is destroyed before the answer. */
  dropBatchCloseAnswer?: number
  /** POST /batch/close closes the batch, then answers 500 (the outcome is unknown to the app). */
  batchCloseErrorAfterClosing?: number
}

export interface SimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string
  /** Cloud host port; the status and receipts hosts take their own random ports (or port+1/+2). */
  port?: number
  /** Default: one demo merchant with DEMO_API_KEY and three terminals of different behaviours. */
  merchants?: SimMerchantSpec[]
  /** Terminal phases and callback retry delays run timeScale times faster (default 1). */
  timeScale?: number
  /** Per API key, sliding 1 s window; default 2; 0 disables. */
  rateLimitPerSecond?: number
  /** Share (0..1) of results whose receipts are inline HTML instead of URLs; default 0. */
  inlineReceiptShare?: number
  /**
   * Customers take up to this many terminal milliseconds longer to present the card, spread
   * evenly (seeded), instead of the behaviour's fixed time; default 0. Benchmarks use it so a
   * result falls at any moment of a client's poll schedule, as with real customers.
   */
  cardTimeSpreadMs?: number
  /** RNG seed for faults, flaky terminals and generated ids; default 1. */
  seed?: number
  /** Time source for ids, timestamps and the status host's 90 s rule; default Date.now. */
  now?: () => number
}

export interface TerminalFinished {
  apiKey: string
  serialNumber: string
  transactionReference?: string
  transactionID: string
  finStatus: string
  at: number
}

export interface SimulatorStats {
  /** POST /transactions per transactionReference (to prove a client never re-posts). */
  postsByReference: Record<string, number>
  /** Every request that carried a known key, rate-limited ones included. */
  requestsByKey: Record<string, number>
  /** Highest number of requests seen in any sliding 1 s window, per key. */
  maxRequestsInAnySecondByKey: Record<string, number>
  /** 429 answers given. */
  rateLimited: number
  /** Callback POSTs attempted (including failed and duplicate ones). */
  callbackAttempts: number
}

export interface Simulator {
  /** Cloud host: /initialize, /devices, /transactions, /transaction-result, tip adjustment. */
  apiBaseUrl: string
  /** Status host (transactions.handpoint.* stand-in): /transactions/{ref}/status[/selector]. */
  statusBaseUrl: string
  /** Hosted receipts: /receipts/{transactionID}/customer.html | merchant.html | signature.svg. */
  receiptsBaseUrl: string
  /** Live fault switches; assign fields (or a new object) at any time. */
  faults: SimFaults
  /**
   * Switches a terminal's behaviour. Bringing an offline terminal back posts any result it held
   * (goOfflineMidTransaction) with `recoveredTransaction: true`. Throws for an unknown serial.
   */
  setBehaviour(serialNumber: string, behaviour: TerminalBehaviour): void
  /** The screen the terminal shows now ('waiting-for-card', 'pin', ...), undefined when idle. */
  terminalPhase(serialNumber: string): string | undefined
  /** Switches a terminal off (1002 everywhere; a running operation stops where it is: what
   * reached the gateway is posted as recovered when it is switched on again) or on. */
  setPower(serialNumber: string, on: boolean): void
  /** Busy with another client's operation: our requests get 1001 until cleared. */
  setBusyElsewhere(serialNumber: string, busy: boolean): void
  /** Sets the charge (percent) and/or the power supply; it drains per operation and charges
   * over `now` time while on USB (1 %/min) or AC (2 %/min). */
  setBattery(serialNumber: string, state: { percent?: number; externalPower?: ExternalPower }): void
  /** Outside Integrated Mode, device commands get 202 and are not executed. */
  setIntegratedMode(serialNumber: string, on: boolean): void
  setBatchSupport(merchantIdAlpha: string, support: BatchSupport): void
  /** Books an approved payment taken on the terminal itself into its open batch. */
  takeStandalonePayment(
    serialNumber: string,
    payment: { amountMinor: number; currency: string; type?: 'SALE' | 'REFUND' },
  ): StandalonePayment
  /** Drops a line from the terminal's open batch (by transactionID or rrn); false if absent. */
  dropFromBatch(serialNumber: string, match: { transactionID?: string; rrn?: string }): boolean
  terminalState(serialNumber: string): SimTerminalState
  /** Device commands the terminal received, oldest first. */
  commandsReceived(serialNumber: string): ReceivedCommand[]
  /** Called each time a terminal posts a result; returns the unsubscribe function. */
  onTerminalFinished(listener: (f: TerminalFinished) => void): () => void
  /** Counters for tests and benchmarks (copies; safe to keep). */
  stats(): SimulatorStats
  /** Stops the three hosts and every pending terminal phase and callback retry. */
  close(): Promise<void>
}
