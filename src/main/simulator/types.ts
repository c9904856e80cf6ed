/**
 * Public shapes of the built-in Handpoint simulator (cloud + virtual terminals). Other modules
 * import them through `./index`; the wire format they produce follows
 * docs/handpoint-api.md (§ numbers in comments refer to it).
 */

/** How a virtual terminal behaves; a trainer can switch it at any time. */
export type TerminalBehaviour =
  'normal' | 'slow-card' | 'pin' | 'signature' | 'offline' | 'flaky-network'

export interface SimTerminalSpec {
  serialNumber: string
  /** Default PAXA920PRO. */
  terminalType?: string
  /** Default 'normal'. */
  behaviour?: TerminalBehaviour
}

export interface SimMerchantSpec {
  apiKey: string
  merchantIdAlpha: string
  name?: string
  terminals: SimTerminalSpec[]
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
  /** Called each time a terminal posts a result; returns the unsubscribe function. */
  onTerminalFinished(listener: (f: TerminalFinished) => void): () => void
  /** Counters for tests and benchmarks (copies; safe to keep). */
  stats(): SimulatorStats
  /** Stops the three hosts and every pending terminal phase and callback retry. */
  close(): Promise<void>
}
