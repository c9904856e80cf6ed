import type { TerminalHealthView, TerminalHistoryEntry } from '@shared/contract/terminals.contract'
import type { Clock } from '../payments/ports'
import { HealthHistory } from './health-history'
import {
  applySignal,
  newRecord,
  type HealthRecord,
  type HealthSignal,
  type PingAnswer,
} from './health-machine'

/** A terminal the service watches: one of a merchant's terminals as last listed by its key. */
export interface WatchedTerminal {
  merchantId: string
  serialNumber: string
  terminalType: string
}

/** Sends one request through the merchant key's request budget at the lowest priority. */
export interface BackgroundBudget {
  send<T>(key: string, owner: string, request: () => Promise<T>): Promise<T>
}

/** Sends one request of a check; resolves or rejects with the request's own answer. */
export type CheckGate = <T>(request: () => Promise<T>) => Promise<T>

/**
 * Checks one terminal (pingDevice and, for the device info, its result). Every HTTP request goes
 * through `gate`; an error the gate throws (the check was called off) must reach the caller.
 */
export type PingFunction = (terminal: WatchedTerminal, gate: CheckGate) => Promise<PingAnswer>

export interface HealthServiceOptions {
  clock: Clock
  /** Every merchant's terminals as last listed (never a terminal that is not the merchant's). */
  terminals: () => Promise<readonly WatchedTerminal[]>
  budget: BackgroundBudget
  ping: PingFunction
  /** Whether this checkout runs an operation on the terminal right now (the engine's lock). */
  busyHere: (merchantId: string, serialNumber: string) => boolean
  /** Scheduled checks of one terminal are at least this far apart; at least (and default) 60 s. */
  periodMs?: number
  /** A check asked for (Refresh, "check") is not repeated within this; default 5 s. */
  askedGapMs?: number
  /** How long an operation waits for a check that already reached the terminal; default 4 s. */
  quietWaitMs?: number
  /** Checks on the schedule (default true); the CLI checks only when asked. */
  scheduled?: boolean
  /** A merchant's board changed (any terminal's health, or the list itself). */
  onChange?: (merchantId: string, board: TerminalHealthView[]) => void
  log?: (line: string) => void
}

/** The check was called off before it was sent (the terminal got busy here, or shutdown). */
export class CheckCalledOff extends Error {
  constructor() {
    super('The check was called off before it was sent.')
    this.name = 'CheckCalledOff'
  }
}

interface Flight {
  /** A request of this check was granted: the terminal may be running the ping now. */
  atTerminal: boolean
  done: Promise<void>
}

const MIN_PERIOD_MS = 60_000
const keyOf = (merchantId: string, serial: string): string => `${merchantId}\u0000${serial}`

/**
 * Terminal health for every merchant's terminals: checks (pingDevice) at start-up, on Refresh and
 * on a slow schedule (at most one per terminal per period, never while this checkout runs an
 * operation there, and through the key's budget at the lowest priority, so a running payment's
 * requests always go first), plus what results and refusals say (`observe`). A terminal's day
 * is kept in words (`history`).
 */
export class HealthService {
  private readonly records = new Map<string, HealthRecord>()
  private readonly flights = new Map<string, Flight>()
  private readonly history = new HealthHistory()
  private readonly periodMs: number
  private readonly askedGapMs: number
  private readonly quietWaitMs: number
  private timer?: { cancel(): void }
  private disposed = false

  constructor(private readonly options: HealthServiceOptions) {
    this.periodMs = Math.max(MIN_PERIOD_MS, options.periodMs ?? MIN_PERIOD_MS)
    this.askedGapMs = options.askedGapMs ?? 5_000
    this.quietWaitMs = options.quietWaitMs ?? 4_000
  }

  /** Loads the terminal lists and checks every terminal once (then on the schedule). */
  async start(): Promise<void> {
    await this.sync()
    this.tick()
  }

  /**
   * Takes the merchants' current terminal lists: new terminals start unchecked, terminals no
   * longer listed leave the board (and their history).
   */
  async sync(): Promise<void> {
    const listed = await this.options.terminals()
    if (this.disposed) return
    const keep = new Set<string>()
    const changed = new Set<string>()
    for (const t of listed) {
      const key = keyOf(t.merchantId, t.serialNumber)
      keep.add(key)
      const known = this.records.get(key)
      if (!known || known.view.terminalType !== t.terminalType) {
        this.records.set(key, newRecord(t))
        changed.add(t.merchantId)
      }
    }
    for (const [key, record] of this.records) {
      if (keep.has(key)) continue
      this.records.delete(key)
      this.history.forget(key)
      changed.add(record.view.merchantId)
    }
    for (const merchantId of changed) this.announce(merchantId)
    this.arm()
  }

  /** Every watched terminal of a merchant (all merchants when omitted), in list order. */
  board(merchantId?: string): TerminalHealthView[] {
    return [...this.records.values()]
      .filter((r) => merchantId === undefined || r.view.merchantId === merchantId)
      .map((r) => this.viewOf(r))
  }

  view(merchantId: string, serial: string): TerminalHealthView | undefined {
    const record = this.records.get(keyOf(merchantId, serial))
    return record && this.viewOf(record)
  }

  /** The terminal's day so far, oldest first. */
  historyOf(merchantId: string, serial: string): TerminalHistoryEntry[] {
    return this.history.list(keyOf(merchantId, serial), this.options.clock.now())
  }

  /**
   * Refresh: re-reads the lists and checks each of the merchant's terminals now. Resolves when
   * the checks answered, or after `waitMs` (the checks go on; the board event brings their
   * answers): while a payment keeps the key busy, checks wait for it.
   */
  async refresh(merchantId: string, waitMs?: number): Promise<TerminalHealthView[]> {
    await this.sync()
    const keys = [...this.records.entries()]
      .filter(([, r]) => r.view.merchantId === merchantId)
      .map(([key]) => key)
    await this.atMost(Promise.all(keys.map((key) => this.askedCheck(key))), waitMs)
    return this.board(merchantId)
  }

  /** The "check" button: one terminal now, unless it was checked a moment ago or is busy here. */
  async check(
    merchantId: string,
    serial: string,
    waitMs?: number,
  ): Promise<TerminalHealthView | undefined> {
    await this.atMost(this.askedCheck(keyOf(merchantId, serial)), waitMs)
    return this.view(merchantId, serial)
  }

  private atMost(pending: Promise<unknown>, waitMs: number | undefined): Promise<void> {
    if (waitMs === undefined) return pending.then(() => undefined)
    return new Promise<void>((resolve) => {
      const timer = this.options.clock.setTimeout(resolve, waitMs)
      void pending.then(() => (timer.cancel(), resolve()))
    })
  }

  /** What an operation, a refusal or a command of this checkout says about the terminal. */
  observe(merchantId: string, serial: string, signal: HealthSignal): void {
    this.apply(keyOf(merchantId, serial), signal)
    if (signal.kind === 'operation-ended' || signal.kind === 'operation-started') this.arm()
  }

  /**
   * Resolves once no check of ours is at the terminal, so an operation about to be sent there is
   * not refused as busy because of our own ping (bounded by `quietWaitMs`). Call it holding the
   * terminal's lock: a check still waiting for the budget is then called off at its grant.
   */
  whenQuiet(merchantId: string, serial: string): Promise<void> {
    const flight = this.flights.get(keyOf(merchantId, serial))
    if (!flight?.atTerminal) return Promise.resolve()
    return new Promise<void>((resolve) => {
      const timer = this.options.clock.setTimeout(resolve, this.quietWaitMs)
      void flight.done.then(() => (timer.cancel(), resolve()))
    })
  }

  dispose(): void {
    this.disposed = true
    this.timer?.cancel()
    this.timer = undefined
  }

  private viewOf(record: HealthRecord): TerminalHealthView {
    const due = this.options.scheduled === false ? undefined : this.dueAt(record)
    return due === undefined || record.view.checking
      ? { ...record.view }
      : { ...record.view, nextCheckAt: Math.max(due, this.options.clock.now()) }
  }

  private busy(record: HealthRecord): boolean {
    return (
      record.busyHere || this.options.busyHere(record.view.merchantId, record.view.serialNumber)
    )
  }

  /** When the schedule wants the next check; undefined when it wants none. */
  private dueAt(record: HealthRecord): number | undefined {
    if (record.view.state === 'virtual' || this.busy(record)) return undefined
    const last = Math.max(record.lastCheckStartedAt ?? -Infinity, record.lastNewsAt ?? -Infinity)
    return last === -Infinity ? 0 : last + this.periodMs // never checked: due since forever
  }

  private apply(key: string, signal: HealthSignal): void {
    const record = this.records.get(key)
    if (!record) return
    const now = this.options.clock.now()
    const next = applySignal(record, signal, now)
    this.records.set(key, next.record)
    if (next.entry) this.history.add(key, next.entry, now)
    this.announce(record.view.merchantId)
  }

  private announce(merchantId: string): void {
    if (this.disposed) return
    this.options.onChange?.(merchantId, this.board(merchantId))
  }

  private askedCheck(key: string): Promise<void> {
    const record = this.records.get(key)
    if (!record || this.disposed || record.view.state === 'virtual' || this.busy(record)) {
      return Promise.resolve()
    }
    const flight = this.flights.get(key)
    if (flight) return flight.done
    const last = record.lastCheckStartedAt
    if (last !== undefined && this.options.clock.now() - last < this.askedGapMs) {
      return Promise.resolve()
    }
    return this.runCheck(key, record)
  }

  private runCheck(key: string, record: HealthRecord): Promise<void> {
    const { merchantId, serialNumber, terminalType } = record.view
    this.apply(key, { kind: 'check-started' })
    const flight: Flight = { atTerminal: false, done: Promise.resolve() }
    const gate: CheckGate = (request) =>
      this.options.budget.send(merchantId, `health:${serialNumber}`, () => {
        // Decided at the grant: the budget sends in the same tick, so nothing can slip between.
        const current = this.records.get(key)
        if (this.disposed || !current || this.busy(current)) {
          return Promise.reject(new CheckCalledOff())
        }
        flight.atTerminal = true
        return request()
      })
    flight.done = this.options
      .ping({ merchantId, serialNumber, terminalType }, gate)
      .then(
        (answer) => this.apply(key, { kind: 'check', answer }),
        (err: unknown) => {
          if (!(err instanceof CheckCalledOff) && !this.disposed) {
            this.options.log?.(`Terminal check of ${serialNumber} stopped: ${String(err)}`)
          }
          this.apply(key, { kind: 'check-skipped' })
        },
      )
      .finally(() => {
        this.flights.delete(key)
        this.arm()
      })
    this.flights.set(key, flight)
    return flight.done
  }

  /** Starts the checks that are due and sets the timer for the next one. */
  private tick(): void {
    if (this.disposed) return
    const now = this.options.clock.now()
    for (const [key, record] of this.records) {
      const due = this.dueAt(record)
      if (due !== undefined && due <= now && !this.flights.has(key)) this.runCheck(key, record)
    }
    this.arm()
  }

  private arm(): void {
    this.timer?.cancel()
    this.timer = undefined
    if (this.disposed || this.options.scheduled === false) return
    let next = Infinity
    for (const [key, record] of this.records) {
      if (this.flights.has(key)) continue
      next = Math.min(next, this.dueAt(record) ?? Infinity)
    }
    if (next === Infinity) return
    const wait = Math.max(0, next - this.options.clock.now())
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined
      this.tick()
    }, wait)
  }
}
