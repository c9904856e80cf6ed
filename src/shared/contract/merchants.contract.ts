import { z } from 'zod'
import type { Message } from '../messages'
import { event, operation } from './define'
import { managerPin } from './money.contract'

/**
 * Merchants over the contract. src/main/merchants implements these; the settings screen, the
 * merchant banner and the terminal board consume them. The renderer never receives an API key:
 * only `keyState` and a hint made of the key's last four characters.
 */

import { MERCHANT_ENVIRONMENTS, type MerchantEnvironment } from './merchants.values'

export * from './merchants.values'

export type KeyState = 'ok' | 'missing' | 'needs-reentry'

export interface TerminalView {
  serialNumber: string
  terminalType: string
}

/**
 * A merchant's own copy rules. Printer, paper and copies belong to the checkout (the receipts
 * print settings); a merchant without its own rules follows the checkout's.
 */
export interface ReceiptPreferences {
  customerCopy: 'always' | 'ask' | 'never'
  merchantCopy: 'always' | 'on-signature' | 'never'
}

export interface ResultFlowPreferences {
  mode: 'poll' | 'callback'
  /** Address the terminal can reach this checkout on (callback mode only). */
  callbackHost?: string
  callbackPort?: number
  /**
   * A person chose or confirmed `callbackHost` in the app on this checkout. False for an address
   * that came with an imported configuration: the listener does not listen there until then.
   */
  callbackHostConfirmed?: boolean
}

/** An address of this computer the callback listener may listen on. */
export interface CallbackAddress {
  address: string
  family: 'IPv4' | 'IPv6'
  /** The network interface's name (`loopback` for 127.0.0.1 and ::1). */
  interfaceName: string
  /** Loopback: only this computer can reach it. */
  internal: boolean
}

export interface MerchantView {
  id: string
  name: string
  /** The built-in demo merchant on the simulator: no money moves. */
  demo: boolean
  environment: MerchantEnvironment
  customUrls?: { apiBaseUrl: string; statusBaseUrl: string }
  currency: string
  keyState: KeyState
  /** "•••• 1a2b" when a key is stored; never more than the last four characters. */
  keyHint?: string
  terminals: TerminalView[]
  terminalsFetchedAt?: number
  defaultTerminalSerial?: string
  resultFlow: ResultFlowPreferences
  /** Absent: this merchant follows the checkout's copy rules. */
  receipts?: ReceiptPreferences
  limits: { refundCeilingMinor?: string }
}

export interface SecretStorageStatus {
  /** e.g. `keychain`, `dpapi`, `gnome_libsecret`, `basic_text`, `test-only`. */
  backend: string
  /** Keys can be stored right now (encryption available, and weak storage accepted if weak). */
  canStore: boolean
  /** True when the OS offers only obfuscation (Linux `basic_text`). */
  weak: boolean
  insecureAccepted: boolean
}

export interface MerchantsSnapshot {
  merchants: MerchantView[]
  activeMerchantId?: string
  storage: SecretStorageStatus
}

export interface TerminalList {
  merchantId: string
  terminals: TerminalView[]
  fetchedAt?: number
  /** True when the refresh could not reach Handpoint and the list is the last known one. */
  offline: boolean
  /** Set when offline: what the list shows instead. */
  notice?: Message
}

export interface ExportedConfiguration {
  fileName: string
  content: string
}

export type ImportMode = 'merge' | 'replace'

export interface ImportPreview {
  mode: ImportMode
  /** Names of merchants that will be added. */
  add: string[]
  /** Names of merchants on this checkout that the file will replace (same merchant id). */
  replace: string[]
  /** Names of merchants that will be removed (replace mode only). */
  remove: string[]
}

const name = z.string().trim().min(1, 'Enter a name').max(60)
const currency = z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter currency code like EUR')
const httpUrl = z
  .string()
  .trim()
  .url('Enter a full address like https://relay.example.com')
  .refine((u) => /^https?:$/.test(new URL(u).protocol), 'Only http and https addresses work')
  .transform((u) => u.replace(/\/+$/, ''))
const customUrls = z.object({ apiBaseUrl: httpUrl, statusBaseUrl: httpUrl })
/** Keys are opaque to us; bounded so a paste of a whole document is refused. */
const apiKey = z
  .string()
  .trim()
  .min(8, 'The API key looks too short')
  .max(256)
  .regex(/^[\x21-\x7e]+$/, 'The API key contains spaces or unusual characters')
const passphrase = z.string().min(8, 'Use a passphrase of at least 8 characters').max(1024)

export const addMerchantRequest = z
  .object({
    name,
    environment: z.enum(MERCHANT_ENVIRONMENTS),
    customUrls: customUrls.optional(),
    currency,
    apiKey,
  })
  .refine((r) => r.environment !== 'custom' || r.customUrls, {
    message: 'A custom environment needs its addresses',
    path: ['customUrls'],
  })
export type AddMerchantRequest = z.input<typeof addMerchantRequest>

export const merchantPatch = z.object({
  name: name.optional(),
  currency: currency.optional(),
  resultFlow: z
    .object({
      mode: z.enum(['poll', 'callback']),
      callbackHost: z.string().trim().min(1).max(253).optional(),
      callbackPort: z.number().int().min(1024).max(65535).optional(),
      /** A person chose or confirmed this address now (Settings); it must be this computer's. */
      confirmHost: z.boolean().optional(),
    })
    .optional(),
  /** The merchant's own copy rules; null = follow the checkout's. */
  receipts: z
    .object({
      customerCopy: z.enum(['always', 'ask', 'never']),
      merchantCopy: z.enum(['always', 'on-signature', 'never']),
    })
    .nullable()
    .optional(),
  limits: z
    .object({
      refundCeilingMinor: z
        .string()
        .regex(/^\d{1,12}$/)
        .optional(),
    })
    .optional(),
})
export type MerchantPatch = z.input<typeof merchantPatch>

const id = z.string().min(1).max(64)

export const merchantOperations = {
  listMerchants: operation<MerchantsSnapshot>()(z.undefined()),
  addMerchant: operation<MerchantView>()(addMerchantRequest),
  /** `managerPin`: needed (once a PIN is set) when the patch raises or removes the ceiling. */
  updateMerchant: operation<MerchantView>()(
    z.object({ id, patch: merchantPatch, managerPin: managerPin.optional() }),
  ),
  /** `managerPin`: needed (once a PIN is set) to remove a merchant that has a ceiling. */
  removeMerchant: operation<{ removed: boolean }>()(
    z.object({ id, managerPin: managerPin.optional() }),
  ),
  replaceApiKey: operation<MerchantView>()(z.object({ id, apiKey })),
  listTerminals: operation<TerminalList>()(
    z.object({ merchantId: id, refresh: z.boolean().default(false) }),
  ),
  setDefaultTerminal: operation<MerchantView>()(
    z.object({ merchantId: id, serialNumber: z.string().min(1).max(32).nullable() }),
  ),
  setActiveMerchant: operation<{ activeMerchantId: string }>()(z.object({ id })),
  acceptInsecureStorage: operation<SecretStorageStatus>()(z.object({ accepted: z.boolean() })),
  listCallbackAddresses: operation<{ addresses: CallbackAddress[] }>()(z.undefined()),
  exportConfiguration: operation<ExportedConfiguration>()(z.object({ passphrase })),
  previewImport: operation<ImportPreview>()(
    z.object({
      content: z.string().max(5 * 1024 * 1024),
      passphrase: z.string().max(1024),
      mode: z.enum(['merge', 'replace']),
    }),
  ),
  /** `managerPin`: needed (once a PIN is set) when the file raises or removes a ceiling. */
  importConfiguration: operation<ImportPreview>()(
    z.object({
      content: z.string().max(5 * 1024 * 1024),
      passphrase: z.string().max(1024),
      mode: z.enum(['merge', 'replace']),
      managerPin: managerPin.optional(),
    }),
  ),
}

export const merchantEvents = {
  onMerchantsChanged: event<MerchantsSnapshot>(),
}
