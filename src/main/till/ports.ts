import type { TerminalHealthState } from '@shared/contract/terminals.values'
import type {
  OperationKind,
  PaymentOrigin,
  PaymentRecord,
} from '@shared/contract/payments.contract'

/**
 * What the till link needs from the rest of main, and nothing more. The payment engine, the
 * merchants service and the receipts service implement these (see `wiring.ts`); unit tests pass
 * in-memory fakes. Keeping the ports narrow is what lets a second front (ZVT) sit beside HTTP.
 */

/** Where a payment came from, as the engine keeps it on the record. */
export type TillOrigin = PaymentOrigin

/** A payment record as the till link reads it (origin, till reference and key included). */
export type TillPaymentRecord = PaymentRecord & {
  /** Our id of the original, when a record carries it for linked operations. */
  originalPaymentId?: string
}

/** What the till link asks the engine to start. Amounts are integer minor units. */
export interface TillStartRequest {
  merchantId: string
  terminalSerial: string
  operation: OperationKind
  amountMinor?: string
  currency?: string
  originalTransactionId?: string
  /** Our id of the original payment, for linked operations (refund, reversal). */
  originalPaymentId?: string
  tipPercentages?: number[]
}

export interface OnceOptions {
  /** Keys are unique within a scope: one scope per till token. */
  scope: string
  key: string
  /** Hash of what was asked; the same key with another fingerprint is refused. */
  fingerprint: string
  origin: TillOrigin
  tillReference?: string
}

/** One status change of one payment, as the engine announces it. */
export interface TillEngineEvent {
  record: TillPaymentRecord
  cancelAllowed: boolean
}

export interface TillEngine {
  /**
   * At most one operation per (scope, key), ever: the same key and fingerprint again gives the
   * same payment with `replayed: true`; another fingerprint throws an error with code
   * `idempotency_key_reused`. Other refusals are errors with a `code` (see `engine-errors.ts`).
   */
  startOnce(
    request: TillStartRequest,
    once: OnceOptions,
  ): Promise<{ record: TillPaymentRecord; replayed: boolean }>
  findByIdempotencyKey(scope: string, key: string): TillPaymentRecord | undefined
  /** Newest first. */
  list(query: {
    merchantId?: string
    tillReference?: string
    terminalSerial?: string
    limit: number
  }): TillPaymentRecord[]
  /** One record, or undefined when the journal has no such id. */
  find(id: string): TillPaymentRecord | undefined
  /** The payment of this merchant whose Handpoint transaction id this is. */
  findByTransactionId(merchantId: string, transactionId: string): TillPaymentRecord | undefined
  /** Asks the terminal to stop its current operation. */
  cancel(merchantId: string, terminalSerial: string): Promise<{ requested: boolean }>
  /** Every operation not final yet. */
  active(): TillEngineEvent[]
  /** Every status event of every payment. Returns the unsubscribe function. */
  subscribe(listener: (event: TillEngineEvent) => void): () => void
}

export interface TillTerminal {
  serial: string
  type: string
}

/** Merchants and their terminals, as this checkout last listed them. */
export interface TillDirectory {
  /** Every merchant set up on this checkout (tokens are made for one of them). */
  merchants(): { id: string; name: string }[]
  /** The merchant's terminals (lists them once if never listed). */
  terminalsOf(merchantId: string): Promise<TillTerminal[]>
  /** Which merchant's list has this serial, if any. */
  merchantOfTerminal(serial: string): Promise<string | undefined>
}

/**
 * What terminal care knows of a terminal's health (its checks, Handpoint's 1001 and 1002 answers,
 * the payments it watched): the board's state. undefined: terminal care does not watch it.
 */
export interface TillHealth {
  stateOf(merchantId: string, serial: string): TerminalHealthState | undefined
  /** Calls back whenever a merchant's health board changed. Returns the unsubscribe function. */
  subscribe(listener: (merchantId: string) => void): () => void
}

/** One copy of a payment's receipts as the receipts service keeps it. */
export type StoredReceipt =
  | { status: 'stored'; html: string }
  | { status: 'pending' }
  | { status: 'none' }
  | { status: 'failed'; retrying: boolean }

export interface TillReceipts {
  /** undefined: nothing kept for this payment (yet). */
  copy(paymentId: string, copy: 'customer' | 'merchant'): Promise<StoredReceipt | undefined>
}

/**
 * The day close as a till may use it: the day report (the same JSON object as the CLI's
 * `day-report --json`, all amounts integer minor units) and a terminal's batch close. The day
 * service implements it; the till link checks first that the terminal is the caller's.
 */
export interface TillDay {
  /** A business day (YYYY-MM-DD), checked with Handpoint first. */
  report(merchantId: string, date: string): Promise<unknown>
  /** Closes the terminal's open batch; resolves with the close as recorded. */
  closeBatch(merchantId: string, terminalSerial: string): Promise<unknown>
}

/** Wall clock + timers, injectable so tests control time. */
export interface TillClock {
  now(): number
  setTimeout(fn: () => void, ms: number): { cancel(): void }
}

export const systemTillClock: TillClock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms)
    timer.unref?.()
    return { cancel: () => clearTimeout(timer) }
  },
}
