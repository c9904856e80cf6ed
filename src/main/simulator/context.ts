import type { CallbackDispatcher } from './callbacks'
import type { RateLimiter } from './rate-limit'
import type { Rng } from './rng'
import type { Scheduler } from './scheduler'
import type { TransactionStore } from './store'
import type { SimTerminal } from './terminal'
import type { BatchSupport, SimFaults, TerminalFinished } from './types'

export interface MerchantState {
  apiKey: string
  merchantIdAlpha: string
  name: string
  /** Physical terminals, and the virtual terminal ("VT") when MOTO is enabled. */
  terminals: SimTerminal[]
  batchSupport: BatchSupport
}

export interface HostedReceipt {
  customer: string
  merchant: string
}

/** Shared state of one running simulator; every module receives it explicitly. */
export interface SimContext {
  now: () => number
  rng: Rng
  faults: SimFaults
  scheduler: Scheduler
  store: TransactionStore
  callbacks: CallbackDispatcher
  limiter: RateLimiter
  merchantsByKey: Map<string, MerchantState>
  terminals: Map<string, SimTerminal>
  receipts: Map<string, HostedReceipt>
  urls: { api: string; status: string; receipts: string }
  inlineReceiptShare: number
  /** See SimulatorOptions.cardTimeSpreadMs. */
  cardTimeSpreadMs: number
  postsByReference: Record<string, number>
  listeners: Set<(finished: TerminalFinished) => void>
}
