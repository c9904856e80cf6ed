import {
  AppError,
  DEMO_MERCHANT_NAME,
  type AddMerchantRequest,
  type KeyState,
  type MerchantView,
  type TerminalList,
} from '@shared/contract'
import { msg } from '@shared/messages'
import type { Device } from '../handpoint/types'
import type { MerchantProfile, StoredTerminal } from './profile-schema'

export const DEMO_MERCHANT_ID = 'demo'

/** What the renderer may see of a profile: no key, no key file name. */
export function toMerchantView(p: MerchantProfile): MerchantView {
  return {
    id: p.id,
    name: p.name,
    demo: p.demo,
    environment: p.environment,
    ...(p.customUrls ? { customUrls: { ...p.customUrls } } : {}),
    currency: p.currency,
    keyState: p.keyState,
    ...(p.keyHint ? { keyHint: `•••• ${p.keyHint}` } : {}),
    terminals: p.terminals.map((t) => ({
      serialNumber: t.serialNumber,
      terminalType: t.terminalType,
    })),
    ...(p.terminalsFetchedAt !== undefined ? { terminalsFetchedAt: p.terminalsFetchedAt } : {}),
    ...(p.defaultTerminalSerial ? { defaultTerminalSerial: p.defaultTerminalSerial } : {}),
    resultFlow: { ...p.resultFlow },
    ...(p.receipts ? { receipts: { ...p.receipts } } : {}),
    limits: { ...p.limits },
  }
}

/** The demo merchant created on first start: the simulator and its public demo key. */
export function demoMerchantProfile(now: number): MerchantProfile {
  return {
    id: DEMO_MERCHANT_ID,
    name: DEMO_MERCHANT_NAME,
    demo: true,
    environment: 'simulator',
    currency: 'EUR',
    terminals: [],
    resultFlow: { mode: 'poll' },
    limits: {},
    keyState: 'ok',
    createdAt: now,
    updatedAt: now,
  }
}

/** Last four characters only; shorter keys show nothing rather than most of the key. */
export function keyHintOf(apiKey: string): string | undefined {
  return apiKey.length >= 16 ? apiKey.slice(-4) : undefined
}

export function terminalList(m: MerchantProfile, offline: boolean): TerminalList {
  const when = m.terminalsFetchedAt
  return {
    merchantId: m.id,
    terminals: m.terminals.map((t) => ({
      serialNumber: t.serialNumber,
      terminalType: t.terminalType,
    })),
    ...(when !== undefined ? { fetchedAt: when } : {}),
    offline,
    ...(offline
      ? { notice: msg(when ? 'terminals_offline' : 'terminals_offline_never_listed') }
      : {}),
  }
}

export function notBound(serial: string, merchantName: string): AppError {
  return new AppError(msg('terminal_not_bound', { serial, merchant: merchantName }))
}

export function storedTerminal(d: Device): StoredTerminal {
  return {
    serialNumber: d.serialNumber,
    terminalType: d.terminalType,
    ...(d.merchantIdAlpha ? { merchantIdAlpha: d.merchantIdAlpha } : {}),
  }
}

export function withHint(apiKey: string): { keyHint?: string } {
  const hint = keyHintOf(apiKey)
  return hint ? { keyHint: hint } : {}
}

/** Why a merchant's key cannot be used (the code says what to do next). */
export function keyProblem(state: Exclude<KeyState, 'ok'>, m: MerchantProfile): AppError {
  return state === 'missing'
    ? new AppError(msg('key_missing', { merchant: m.name }), { merchantId: m.id })
    : new AppError(msg('key_needs_reentry', { merchant: m.name }), { merchantId: m.id })
}

/** A freshly verified merchant with default preferences; one listed terminal becomes the default. */
export function newMerchantProfile(
  request: AddMerchantRequest,
  facts: { id: string; keyFile: string; devices: Device[]; now: number },
): MerchantProfile {
  const { id, keyFile, devices, now } = facts
  return {
    id,
    name: request.name.trim(),
    demo: false,
    environment: request.environment,
    ...(request.environment === 'custom' && request.customUrls
      ? { customUrls: request.customUrls }
      : {}),
    currency: request.currency,
    terminals: devices.map(storedTerminal),
    terminalsFetchedAt: now,
    ...(devices.length === 1 ? { defaultTerminalSerial: devices[0]!.serialNumber } : {}),
    resultFlow: { mode: 'poll' },
    limits: {},
    keyState: 'ok',
    keyFile,
    ...withHint(request.apiKey),
    createdAt: now,
    updatedAt: now,
  }
}

/** Stores a fresh terminal list; a default terminal that is no longer listed is dropped. */
export function replaceTerminals(m: MerchantProfile, devices: Device[], now: number): void {
  m.terminals = devices.map(storedTerminal)
  m.terminalsFetchedAt = now
  if (
    m.defaultTerminalSerial &&
    !m.terminals.some((t) => t.serialNumber === m.defaultTerminalSerial)
  ) {
    delete m.defaultTerminalSerial
  }
}
