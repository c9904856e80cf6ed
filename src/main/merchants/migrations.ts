import { z } from 'zod'
import type { DocumentVersions } from '../storage/json-document'
import {
  merchantProfileObject,
  PROFILE_SCHEMA_VERSION,
  profileFileSchema,
  type CopyRules,
  type ProfileFile,
} from './profile-schema'

/**
 * Upgrades of the merchants settings file, one step per version, each validated against the
 * schema of the version it reads. Fixture files of every earlier version live in
 * test/fixtures/merchants and are migrated in tests. Never edit a published step; add one.
 *
 * v1 (0.0.x): `version`, env `com`|`io`|`sim`, snake_case terminals, ISO `fetchedAt`, `hasKey`.
 * v2 (0.1.0-beta): `schemaVersion`, named environments, one `customUrl`, result flow as a string,
 *   `keyState`, key file always `<id>.key`.
 * v3: demo flag, explicit key file + hint, separate status host, callback host, printer and
 *   paper width, operator limits, `demoSeeded` and `activeMerchantId` settings.
 * v4: printer and paper width leave the merchant (they belong to the checkout's print settings);
 *   `receipts` holds only the merchant's own copy rules and is optional.
 */

const v1Schema = z.object({
  version: z.literal(1),
  merchants: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      env: z.enum(['com', 'io', 'sim']),
      currency: z.string().regex(/^[A-Z]{3}$/),
      terminals: z
        .array(z.object({ serial_number: z.string().min(1), terminal_type: z.string().min(1) }))
        .default([]),
      fetchedAt: z.string().datetime().optional(),
      defaultTerminal: z.string().min(1).optional(),
      hasKey: z.boolean(),
    }),
  ),
})

const v2Schema = z.object({
  schemaVersion: z.literal(2),
  settings: z.object({ insecureStorageAccepted: z.boolean() }).default({
    insecureStorageAccepted: false,
  }),
  merchants: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      environment: z.enum(['production', 'development', 'simulator', 'custom']),
      customUrl: z.string().url().optional(),
      currency: z.string().regex(/^[A-Z]{3}$/),
      terminals: z.array(z.object({ serialNumber: z.string(), terminalType: z.string() })),
      terminalsFetchedAt: z.number().int().optional(),
      defaultTerminalSerial: z.string().optional(),
      resultFlow: z.enum(['poll', 'callback']).default('poll'),
      callbackPort: z.number().int().optional(),
      receipts: z
        .object({
          customerCopy: z.enum(['always', 'ask', 'never']),
          merchantCopy: z.enum(['always', 'on-signature', 'never']),
        })
        .default({ customerCopy: 'ask', merchantCopy: 'on-signature' }),
      keyState: z.enum(['ok', 'missing', 'needs-reentry']),
      createdAt: z.number().int(),
    }),
  ),
})
type V2 = z.infer<typeof v2Schema>

/** The v3 copy rules, always present, with the printer fields v4 drops. */
const v3Receipts = z.object({
  customerCopy: z.enum(['always', 'ask', 'never']),
  merchantCopy: z.enum(['always', 'on-signature', 'never']),
  printerName: z.string().max(200).optional(),
  paperWidthMm: z.union([z.literal(58), z.literal(80)]),
})
// v3 differs from v4 only in `receipts`; if a later version changes another merchant field, give
// v3 its own full copy of the object here instead of extending the current one.
const v3Schema = profileFileSchema.extend({
  schemaVersion: z.literal(3),
  merchants: z
    .array(
      merchantProfileObject.extend({
        receipts: v3Receipts.default({
          customerCopy: 'ask',
          merchantCopy: 'on-signature',
          paperWidthMm: 80,
        }),
      }),
    )
    .max(200),
})
type V3 = z.infer<typeof v3Schema>

function v1ToV2(file: z.infer<typeof v1Schema>, now: number): V2 {
  const envs = { com: 'production', io: 'development', sim: 'simulator' } as const
  return {
    schemaVersion: 2,
    settings: { insecureStorageAccepted: false },
    merchants: file.merchants.map((m) => ({
      id: m.id,
      name: m.name,
      environment: envs[m.env],
      currency: m.currency,
      terminals: m.terminals.map((t) => ({
        serialNumber: t.serial_number,
        terminalType: t.terminal_type,
      })),
      ...(m.fetchedAt ? { terminalsFetchedAt: Date.parse(m.fetchedAt) } : {}),
      ...(m.defaultTerminal ? { defaultTerminalSerial: m.defaultTerminal } : {}),
      resultFlow: 'poll',
      receipts: { customerCopy: 'ask', merchantCopy: 'on-signature' },
      keyState: m.hasKey ? 'ok' : 'missing',
      createdAt: now,
    })),
  }
}

function v2ToV3(file: V2, now: number): V3 {
  const merchants: V3['merchants'] = file.merchants.map((m) => ({
    id: m.id,
    name: m.name.slice(0, 60),
    demo: false,
    environment: m.environment,
    ...(m.customUrl ? { customUrls: { apiBaseUrl: m.customUrl, statusBaseUrl: m.customUrl } } : {}),
    currency: m.currency,
    terminals: m.terminals,
    ...(m.terminalsFetchedAt !== undefined ? { terminalsFetchedAt: m.terminalsFetchedAt } : {}),
    ...(m.defaultTerminalSerial ? { defaultTerminalSerial: m.defaultTerminalSerial } : {}),
    resultFlow:
      m.resultFlow === 'callback' && m.callbackPort
        ? { mode: 'callback', callbackPort: m.callbackPort }
        : { mode: 'poll' },
    receipts: { ...m.receipts, paperWidthMm: 80 },
    limits: {},
    keyState: m.keyState,
    // Before v3 the key file was always named after the merchant id.
    ...(m.keyState === 'missing' ? {} : { keyFile: `${m.id.replace(/[^A-Za-z0-9_-]/g, '_')}.key` }),
    createdAt: m.createdAt,
    updatedAt: now,
  }))
  // Existing installations predate the demo merchant: do not add one to a real configuration.
  return {
    schemaVersion: 3,
    settings: { insecureStorageAccepted: file.settings.insecureStorageAccepted, demoSeeded: true },
    merchants,
  }
}

/**
 * Printer and paper width leave the merchant: nothing ever read them (the checkout's print
 * settings did the printing), so dropping them changes no print. Copy rules still at the v3
 * defaults are dropped too, so those merchants keep following the checkout exactly as before;
 * rules someone changed on the merchant card are kept and now take effect.
 */
function v3ToV4(file: V3): ProfileFile {
  return {
    ...file,
    schemaVersion: 4,
    merchants: file.merchants.map(({ receipts, ...m }) => {
      const rules = copyRulesFromV3(receipts)
      return rules ? { ...m, receipts: rules } : m
    }),
  }
}

/**
 * The v4 copy rules of v3 `receipts` (also used for configuration files exported by v3): the
 * printer fields dropped, and none at all when the rules are still the v3 defaults.
 */
export function copyRulesFromV3(receipts: {
  customerCopy: CopyRules['customerCopy']
  merchantCopy: CopyRules['merchantCopy']
}): CopyRules | undefined {
  return receipts.customerCopy === 'ask' && receipts.merchantCopy === 'on-signature'
    ? undefined
    : { customerCopy: receipts.customerCopy, merchantCopy: receipts.merchantCopy }
}

/**
 * The numbered upgrades of the merchants file for its JsonDocument: each step checks the version
 * it reads with that version's schema, so a damaged old file is caught, not half-migrated.
 */
export const profileVersions: DocumentVersions = {
  current: PROFILE_SCHEMA_VERSION,
  of(raw) {
    if (raw && typeof raw === 'object') {
      const r = raw as Record<string, unknown>
      if (typeof r['schemaVersion'] === 'number') return r['schemaVersion']
      if (r['version'] === 1) return 1
    }
    return undefined
  },
  steps: {
    1: (raw, { now }) => v1ToV2(v1Schema.parse(raw), now),
    2: (raw, { now }) => v2ToV3(v2Schema.parse(raw), now),
    3: (raw) => v3ToV4(v3Schema.parse(raw)),
  },
}
