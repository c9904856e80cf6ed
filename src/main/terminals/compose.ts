import { randomUUID } from 'node:crypto'
import type { PaymentRecord, PaymentStatusEvent } from '@shared/contract/payments.contract'
import type { TerminalBoardEvent } from '@shared/contract/terminals.contract'
import { readDeviceHealth } from '../handpoint/device-status'
import type { DeviceHealth } from '../handpoint/device-types'
import type { Device, TransactionResult } from '../handpoint/types'
import type { TerminalDeviceClient } from '../merchants/bound-client'
import type { Clock } from '../payments/ports'
import { systemClock } from '../payments/system-clock'
import { TerminalCommands, type CommandJournal } from './commands'
import { createTerminalHandlers } from './handlers'
import type { DeviceReport } from './health-machine'
import { HealthService, type BackgroundBudget } from './health-service'
import { paymentHealthFeed } from './payment-feed'
import { createPing } from './ping'

/** What terminal care needs of the merchants service. */
export interface TerminalMerchants {
  profiles(): readonly { id: string; terminals: readonly Device[] }[]
  terminalOf(merchantId: string, serial: string): Promise<Device | undefined>
  deviceClientFor(merchantId: string): Promise<TerminalDeviceClient>
}

export interface TerminalCareOptions {
  merchants: TerminalMerchants
  /** Whether this checkout runs an operation on the terminal (the engine's lock). */
  busyHere: (merchantId: string, serial: string) => boolean
  /** The keys' request budget: checks at the lowest priority, commands like any request. */
  budget: { background: BackgroundBudget; normal: BackgroundBudget }
  journal: CommandJournal
  onBoard: (event: TerminalBoardEvent) => void
  clock?: Clock
  periodMs?: number
  /** Checks on the schedule (default true); the CLI checks only when asked. */
  scheduled?: boolean
  log?: (line: string) => void
}

/**
 * Terminal care, composed: the health service (checks, results, refusals), the commands service
 * and their IPC handlers, plus `feed` for the payment engine's status events.
 */
export function createTerminalCare(options: TerminalCareOptions) {
  const clock = options.clock ?? systemClock
  // Others who read the board as it changes (the till link), besides `onBoard`.
  const boardListeners = new Set<(event: TerminalBoardEvent) => void>()
  const health = new HealthService({
    clock,
    terminals: async () =>
      options.merchants.profiles().flatMap((m) =>
        m.terminals.map((t) => ({
          merchantId: m.id,
          serialNumber: t.serialNumber,
          terminalType: t.terminalType,
        })),
      ),
    budget: options.budget.background,
    busyHere: options.busyHere,
    ping: createPing({
      clientFor: (merchantId) => options.merchants.deviceClientFor(merchantId),
      clock,
      readDevice: (result) => deviceReportOf(readDeviceHealth(result)),
    }),
    ...(options.periodMs !== undefined ? { periodMs: options.periodMs } : {}),
    ...(options.scheduled !== undefined ? { scheduled: options.scheduled } : {}),
    onChange: (merchantId, terminals) => {
      const event = { merchantId, terminals }
      options.onBoard(event)
      for (const listener of boardListeners) listener(event)
    },
    ...(options.log ? { log: options.log } : {}),
  })
  const commands = new TerminalCommands({
    clock,
    journal: options.journal,
    clientFor: (merchantId) => options.merchants.deviceClientFor(merchantId),
    terminalOf: (merchantId, serial) => options.merchants.terminalOf(merchantId, serial),
    busyHere: options.busyHere,
    budget: options.budget.normal,
    observe: (merchantId, serial, signal) => health.observe(merchantId, serial, signal),
    whenQuiet: (merchantId, serial) => health.whenQuiet(merchantId, serial),
    newId: randomUUID,
  })
  // The engine hands over a final result just before its status event: what the terminal said
  // about itself waits here for that event.
  const reported = new Map<string, DeviceReport>()
  const feed = paymentHealthFeed(
    (merchantId, serial, signal) => health.observe(merchantId, serial, signal),
    (event: PaymentStatusEvent) => {
      const device = reported.get(event.record.id)
      reported.delete(event.record.id)
      return device
    },
  )
  function noteResult(record: PaymentRecord, result: TransactionResult): void {
    const device = deviceReportOf(readDeviceHealth(result))
    if (device) reported.set(record.id, device)
  }
  return {
    health,
    commands,
    feed,
    noteResult,
    handlers: createTerminalHandlers(health, commands),
    /** Calls back on every change of a merchant's board. Returns the unsubscribe function. */
    subscribe(listener: (event: TerminalBoardEvent) => void): () => void {
      boardListeners.add(listener)
      return () => boardListeners.delete(listener)
    },
    start: () => health.start(),
    dispose: () => health.dispose(),
  }
}

export type TerminalCare = ReturnType<typeof createTerminalCare>

/** The fields of a terminal's own report that the board shows (nothing else crosses the bridge). */
export function deviceReportOf(health: DeviceHealth | undefined): DeviceReport | undefined {
  if (!health) return undefined
  const report: DeviceReport = {}
  for (const key of REPORTED) {
    if (health[key] !== undefined) Object.assign(report, { [key]: health[key] })
  }
  return Object.keys(report).length > 0 ? report : undefined
}

const REPORTED = [
  'batteryPercent',
  'charging',
  'batteryFull',
  'externalPower',
  'onExternalPower',
  'appName',
  'appVersion',
  'sdkVersion',
  'firmwareVersion',
] as const satisfies readonly (keyof DeviceReport & keyof DeviceHealth)[]
