import type { OperationType, TransactionResult } from '../handpoint/types'
import { BatchBook } from './batches'
import type { Battery } from './battery'
import type { TxRecord } from './store'
import type { ReceivedCommand, TerminalBehaviour, TerminalSettings } from './types'

/**
 * A virtual terminal: its behaviour, the operation it runs, and which phase it is in. Phases
 * mirror the Handpoint app's screens (§4.3 Status: WaitingForCard, PinInput, ManualCardInput,
 * WaitingHost*, WaitingSignature); only the card and PIN screens may be cancelled (§2.2 1003).
 */
export type PhaseName =
  'waiting-for-card' | 'manual-entry' | 'pin' | 'processing' | 'signature' | 'printing'

export interface Phase {
  name: PhaseName
  /** Terminal milliseconds; scaled by the simulator's timeScale. */
  ms: number
  cancellable: boolean
}

export interface ActiveOperation {
  record: TxRecord
  phase: PhaseName | 'starting'
  cancellable: boolean
  abort: AbortController
}

/** What the terminal app reports about itself (deviceStatus, ping device info). */
export interface AppInfo {
  applicationVersion: string
  sdkVersion: string
  firmwareVersion: string
}

export class SimTerminal {
  active: ActiveOperation | undefined
  /** Results the terminal holds after dropping off mid-flow; posted when it is back online. */
  readonly held: { record: TxRecord; result: TransactionResult }[] = []
  /** Switched on (a test switch; a reboot switches it off for a while). */
  powered = true
  /** Running another client's operation: every request of ours gets 1001. */
  busyElsewhere = false
  /** Outside Integrated Mode a device command gets 202 and is not executed. */
  integratedMode = true
  readonly book = new BatchBook()
  /** Every device command that reached the terminal (202), oldest first. */
  readonly commands: ReceivedCommand[] = []
  readonly settings: TerminalSettings = {
    unattendedMode: false,
    locale: 'en_US',
    passwordProtected: false,
    minimumBrightnessLevel: 0,
    maximumBrightnessLevel: 100,
  }

  constructor(
    readonly apiKey: string,
    readonly merchantIdAlpha: string,
    readonly serialNumber: string,
    readonly terminalType: string,
    public behaviour: TerminalBehaviour,
    readonly battery: Battery,
    readonly app: AppInfo,
  ) {}

  /** The merchant's virtual terminal for MOTO ("VT"): batches, no device behind it. */
  get virtual(): boolean {
    return this.terminalType.toUpperCase() === 'VT'
  }

  /** Whether a request can reach the terminal app right now (else 1002). */
  listening(now: number): boolean {
    return !this.virtual && this.powered && this.behaviour !== 'offline' && !this.battery.dead(now)
  }

  /** `deviceStatus` as the terminal app puts it on every result (all strings). */
  deviceStatus(now: number): Record<string, string> {
    return {
      applicationName: 'Payments',
      applicationVersion: this.app.applicationVersion,
      ...this.battery.status(now),
      bluetoothName: this.terminalType,
      serialNumber: this.serialNumber,
      statusMessage: '',
    }
  }
}

/** Operations that move money and therefore reach the gateway (status host, §2.6). */
export const FINANCIAL: ReadonlySet<OperationType> = new Set<OperationType>([
  'sale',
  'saleAndTokenizeCard',
  'refund',
  'saleReversal',
  'refundReversal',
  'moToSale',
  'moToRefund',
  'moToReversal',
  'preAuthorization',
  'moToPreAuthorization',
  'preAuthorizationIncrease',
  'preAuthorizationCapture',
  'preAuthorizationReversal',
])

const CARD_OPS: ReadonlySet<OperationType> = new Set<OperationType>([
  'sale',
  'saleAndTokenizeCard',
  'refund',
  'tokenizeCard',
  'cardPan',
  'preAuthorization',
])
const MOTO_OPS: ReadonlySet<OperationType> = new Set<OperationType>([
  'moToSale',
  'moToRefund',
  'moToPreAuthorization',
])

export const isMoto = (operation: OperationType): boolean =>
  MOTO_OPS.has(operation) || operation === 'moToReversal'
export const needsCard = (operation: OperationType): boolean => CARD_OPS.has(operation)

/** 37.68 "request timeout": the host never answers for two minutes, then the terminal gives up. */
export const HOST_TIMEOUT_MS = 120_000

const CARD_WAIT_MS: Record<TerminalBehaviour, number> = {
  normal: 2_000,
  'slow-card': 9_000,
  pin: 2_500,
  signature: 2_500,
  offline: 2_000,
  'flaky-network': 2_000,
}

/** The screens one operation goes through on a terminal with the given behaviour. */
export function planPhases(
  operation: OperationType,
  behaviour: TerminalBehaviour,
  hostTimeout: boolean,
): Phase[] {
  const processing: Phase = {
    name: 'processing',
    ms: hostTimeout ? HOST_TIMEOUT_MS : 1_500,
    cancellable: false,
  }
  if (operation === 'printReceipt') return [{ name: 'printing', ms: 2_000, cancellable: false }]
  if (operation === 'pingDevice') return [{ name: 'processing', ms: 200, cancellable: false }]
  if (operation === 'update') return [{ name: 'processing', ms: 3_000, cancellable: false }]
  if (MOTO_OPS.has(operation)) {
    return [{ name: 'manual-entry', ms: 6_000, cancellable: true }, processing]
  }
  if (!CARD_OPS.has(operation)) return [processing]
  const phases: Phase[] = [
    { name: 'waiting-for-card', ms: CARD_WAIT_MS[behaviour], cancellable: true },
  ]
  const financial = FINANCIAL.has(operation)
  if (behaviour === 'pin' && financial) phases.push({ name: 'pin', ms: 3_000, cancellable: true })
  phases.push(processing)
  if (behaviour === 'signature' && financial)
    phases.push({ name: 'signature', ms: 3_000, cancellable: false })
  return phases
}
