import { z } from 'zod'
import { MERCHANT_ENVIRONMENTS } from '@shared/contract'

/**
 * The merchants settings file as stored on disk (current version). Earlier versions are described
 * and upgraded in migrations.ts; every read goes through `parseProfileFile` so a hand-edited or
 * half-written file is caught instead of trusted.
 */
export const PROFILE_SCHEMA_VERSION = 4

const url = z
  .string()
  .url()
  .refine((u) => /^https?:$/.test(new URL(u).protocol))

export const terminalSchema = z.object({
  serialNumber: z.string().min(1).max(32),
  terminalType: z.string().min(1).max(32),
  merchantIdAlpha: z.string().max(64).optional(),
})

/** A merchant's own copy rules (which receipts print by themselves for its payments). */
export const copyRulesSchema = z.object({
  customerCopy: z.enum(['always', 'ask', 'never']),
  merchantCopy: z.enum(['always', 'on-signature', 'never']),
})

/** The profile fields without cross-field rules (zod cannot omit from a refined object). */
export const merchantProfileObject = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(60),
  demo: z.boolean().default(false),
  environment: z.enum(MERCHANT_ENVIRONMENTS),
  customUrls: z.object({ apiBaseUrl: url, statusBaseUrl: url }).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  terminals: z.array(terminalSchema).max(500).default([]),
  terminalsFetchedAt: z.number().int().nonnegative().optional(),
  defaultTerminalSerial: z.string().min(1).max(32).optional(),
  resultFlow: z
    .object({
      mode: z.enum(['poll', 'callback']),
      callbackHost: z.string().min(1).max(253).optional(),
      callbackPort: z.number().int().min(1024).max(65535).optional(),
      /**
       * A person chose or confirmed the host in the app on this checkout; never true for one that
       * came with an imported configuration (see src/main/payments/callback-binding.ts).
       */
      callbackHostConfirmed: z.boolean().optional(),
    })
    .default({ mode: 'poll' }),
  /**
   * The merchant's own copy rules; absent = follow this checkout's print settings. Printer, paper
   * and copies are never per merchant: the printer is attached to the checkout.
   */
  receipts: copyRulesSchema.optional(),
  limits: z
    .object({
      refundCeilingMinor: z
        .string()
        .regex(/^\d{1,12}$/)
        .optional(),
    })
    .default({}),
  keyState: z.enum(['ok', 'missing', 'needs-reentry']),
  /** File name under dataDir/secrets holding this merchant's ciphertext. */
  keyFile: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,120}\.key$/)
    .optional(),
  /** Last four characters of the key, for "•••• 1a2b". */
  keyHint: z.string().max(4).optional(),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
})

/** Cross-field rules: custom needs its addresses; only a simulator merchant may be the demo. */
export const customNeedsUrls = {
  check: (m: { environment: string; customUrls?: unknown; demo?: boolean }) =>
    (m.environment !== 'custom' || m.customUrls !== undefined) &&
    (!m.demo || m.environment === 'simulator'),
  params: { message: 'custom environment without addresses, or a demo off the simulator' },
}

export const merchantProfileSchema = merchantProfileObject.refine(
  customNeedsUrls.check,
  customNeedsUrls.params,
)

export const profileFileSchema = z.object({
  schemaVersion: z.literal(PROFILE_SCHEMA_VERSION),
  settings: z
    .object({
      /** The user accepted storing keys with Linux `basic_text` (obfuscation only). */
      insecureStorageAccepted: z.boolean().default(false),
      /** The demo merchant was created once; it is never recreated after removal. */
      demoSeeded: z.boolean().default(false),
      activeMerchantId: z.string().min(1).max(64).optional(),
    })
    .default({ insecureStorageAccepted: false, demoSeeded: false }),
  merchants: z.array(merchantProfileSchema).max(200),
})

export type MerchantProfile = z.infer<typeof merchantProfileSchema>
export type ProfileFile = z.infer<typeof profileFileSchema>
export type StoredTerminal = z.infer<typeof terminalSchema>
export type CopyRules = z.infer<typeof copyRulesSchema>

export function emptyProfileFile(): ProfileFile {
  return {
    schemaVersion: PROFILE_SCHEMA_VERSION,
    settings: { insecureStorageAccepted: false, demoSeeded: false },
    merchants: [],
  }
}
