import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt,
  type ScryptOptions,
} from 'node:crypto'
import { z } from 'zod'
import { AppError } from '@shared/contract'
import { msg, type Message } from '@shared/messages'
import { copyRulesFromV3 } from './migrations'
import { copyRulesSchema, customNeedsUrls, merchantProfileObject } from './profile-schema'

/**
 * The configuration file that moves between checkouts. The header is readable; everything else
 * (profiles and API keys) is AES-256-GCM ciphertext under a key derived from the user's passphrase
 * with scrypt. Every header field is the GCM additional data (format version 2), so changing any
 * byte of the file makes decryption fail instead of importing something else, and fields an
 * export never has are refused before that. The scrypt settings are checked against the ones the
 * app writes before any key is derived: a file cannot make us spend seconds and gigabytes.
 *
 * Version 1 files authenticated only format, version and scrypt settings. They are still read
 * when they have exactly the fields version 1 wrote; their `exportedAt` cannot be checked, and
 * nothing uses it.
 */
export const TRANSFER_FORMAT = 'pos-companion/merchants-configuration' as const
export const TRANSFER_VERSION = 2 as const

/** The only scrypt settings the app writes, and so the only ones it reads (32 MiB, ~0.1 s). */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const

/**
 * Files exported before profile v4 carry printer and paper width in `receipts` (recognised by
 * `paperWidthMm`, which v3 always wrote) and always had copy rules: read them as the v3 -> v4
 * upgrade does, so an untouched merchant keeps following the checkout's rules.
 */
const v3Receipts = copyRulesSchema.extend({ paperWidthMm: z.union([z.literal(58), z.literal(80)]) })
const importedCopyRules = z.preprocess((raw) => {
  const legacy = v3Receipts.safeParse(raw)
  return legacy.success ? copyRulesFromV3(legacy.data) : raw
}, copyRulesSchema.optional())

export const exportedMerchantSchema = merchantProfileObject
  .omit({ keyState: true, keyFile: true, keyHint: true, createdAt: true, updatedAt: true })
  .extend({ apiKey: z.string().min(1).max(256).optional(), receipts: importedCopyRules })
  .refine(customNeedsUrls.check, customNeedsUrls.params)
export type ExportedMerchant = z.infer<typeof exportedMerchantSchema>

const payloadSchema = z.object({
  merchants: z
    .array(exportedMerchantSchema)
    .max(200)
    .refine((list) => new Set(list.map((m) => m.id)).size === list.length, 'duplicate merchant id'),
})

/** Canonical base64 of exactly `bytes` bytes (the lengths the app writes). */
const base64Of = (bytes: number) =>
  z
    .string()
    .max(64)
    .refine((v) => {
      const decoded = Buffer.from(v, 'base64')
      return decoded.length === bytes && decoded.toString('base64') === v
    })
const headerSchema = z.object({
  format: z.literal(TRANSFER_FORMAT),
  version: z.number().int().positive(),
})
const fileFields = {
  format: z.literal(TRANSFER_FORMAT),
  exportedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
  kdf: z.strictObject({
    name: z.literal('scrypt'),
    N: z.literal(SCRYPT.N),
    r: z.literal(SCRYPT.r),
    p: z.literal(SCRYPT.p),
    salt: base64Of(16),
  }),
  cipher: z.strictObject({ name: z.literal('aes-256-gcm'), iv: base64Of(12), tag: base64Of(16) }),
  ciphertext: z
    .string()
    .max(8 * 1024 * 1024)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
}
const fileSchema = z.discriminatedUnion('version', [
  z.strictObject({ ...fileFields, version: z.literal(1) }),
  z.strictObject({ ...fileFields, version: z.literal(TRANSFER_VERSION) }),
])
type TransferFile = z.infer<typeof fileSchema>

function deriveKey(passphrase: string, salt: Buffer) {
  const options: ScryptOptions = { ...SCRYPT, maxmem: 256 * SCRYPT.N * SCRYPT.r + 1024 * 1024 }
  return new Promise<Buffer>((ok, fail) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, options, (err, key) =>
      err ? fail(err) : ok(key),
    ),
  )
}

/** Every header field, in a fixed order (version 1: only format, version and scrypt settings). */
function additionalData(file: Omit<TransferFile, 'cipher' | 'ciphertext'> & { iv: string }) {
  const { N, r, p, salt } = file.kdf
  if (file.version === 1) {
    return Buffer.from(`${file.format}|${file.version}|scrypt|${N}|${r}|${p}|${salt}`, 'utf8')
  }
  const fields = [file.format, file.version, file.exportedAt, 'scrypt', N, r, p, salt]
  return Buffer.from(JSON.stringify([...fields, 'aes-256-gcm', file.iv]), 'utf8')
}

/** Builds the file content for `merchants`; API keys are inside the encrypted part only. */
export async function sealConfiguration(
  merchants: ExportedMerchant[],
  passphrase: string,
  exportedAt: Date,
): Promise<string> {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const head = {
    format: TRANSFER_FORMAT,
    version: TRANSFER_VERSION,
    exportedAt: exportedAt.toISOString(),
    kdf: { name: 'scrypt' as const, ...SCRYPT, salt: salt.toString('base64') },
  }
  const key = await deriveKey(passphrase, salt)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(additionalData({ ...head, iv: iv.toString('base64') }))
  const plain = JSON.stringify(payloadSchema.parse({ merchants }))
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  const file: TransferFile = {
    ...head,
    cipher: {
      name: 'aes-256-gcm',
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    },
    ciphertext: body.toString('base64'),
  }
  return JSON.stringify(file, null, 2) + '\n'
}

/** Reads a configuration file; every failure is an AppError and nothing has been changed. */
export async function openConfiguration(
  content: string,
  passphrase: string,
): Promise<ExportedMerchant[]> {
  const file = parseFile(content)
  const key = await deriveKey(passphrase, Buffer.from(file.kdf.salt, 'base64'))
  let plain: string
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.cipher.iv, 'base64'))
    decipher.setAAD(additionalData({ ...file, iv: file.cipher.iv }))
    decipher.setAuthTag(Buffer.from(file.cipher.tag, 'base64'))
    plain = Buffer.concat([
      decipher.update(Buffer.from(file.ciphertext, 'base64')),
      decipher.final(),
    ]).toString('utf8')
  } catch {
    // GCM cannot tell a wrong passphrase from a modified file; say both.
    throw new AppError(msg('import_wrong_passphrase'))
  }
  const payload = payloadSchema.safeParse(safeJson(plain))
  if (!payload.success) throw new AppError(msg('import_damaged'))
  return payload.data.merchants
}

function parseFile(content: string): TransferFile {
  const json = safeJson(content)
  const header = headerSchema.safeParse(json)
  if (!header.success) throw new AppError(msg('import_not_a_configuration'))
  if (header.data.version > TRANSFER_VERSION) {
    throw new AppError(msg('import_newer_version', { version: header.data.version }))
  }
  const file = fileSchema.safeParse(json)
  if (!file.success) throw new AppError(whyUnreadable(file.error.issues))
  return file.data
}

/**
 * Fields an export never has: the file was changed (format 1 did not authenticate them). Other
 * differences, scrypt settings the app does not write included, are a damaged file.
 */
function whyUnreadable(issues: readonly z.core.$ZodIssue[]): Message {
  return issues.some((i) => i.code === 'unrecognized_keys')
    ? msg('import_fields_added')
    : msg('import_damaged')
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
