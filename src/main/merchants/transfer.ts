import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt,
  type ScryptOptions,
} from 'node:crypto'
import { z } from 'zod'
import { AppError } from '@shared/contract'
import { msg } from '@shared/messages'
import { copyRulesFromV3 } from './migrations'
import { copyRulesSchema, customNeedsUrls, merchantProfileObject } from './profile-schema'

/**
 * The configuration file that moves between checkouts. The header is readable; everything else
 * (profiles and API keys) is AES-256-GCM ciphertext under a key derived from the user's passphrase
 * with scrypt. The header is the GCM additional data, so changing any byte of the file (salt,
 * parameters, version, ciphertext or tag) makes decryption fail instead of importing something else.
 */
export const TRANSFER_FORMAT = 'pos-companion/merchants-configuration' as const
export const TRANSFER_VERSION = 1 as const

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

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)
const headerSchema = z.object({
  format: z.literal(TRANSFER_FORMAT),
  version: z.number().int().positive(),
})
const fileSchema = headerSchema.extend({
  version: z.literal(TRANSFER_VERSION),
  exportedAt: z.string().max(40),
  kdf: z.object({
    name: z.literal('scrypt'),
    // Bounded so a crafted file cannot make us allocate gigabytes.
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(2 ** 20),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
    salt: b64.min(16),
  }),
  cipher: z.object({ name: z.literal('aes-256-gcm'), iv: b64.min(16), tag: b64.min(16) }),
  ciphertext: b64,
})
type TransferFile = z.infer<typeof fileSchema>

function deriveKey(passphrase: string, salt: Buffer, kdf: { N: number; r: number; p: number }) {
  const options: ScryptOptions = { ...kdf, maxmem: 256 * kdf.N * kdf.r * kdf.p + 1024 * 1024 }
  return new Promise<Buffer>((ok, fail) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, options, (err, key) =>
      err ? fail(err) : ok(key),
    ),
  )
}

function additionalData(file: Pick<TransferFile, 'format' | 'version' | 'kdf'>): Buffer {
  const { N, r, p, salt } = file.kdf
  return Buffer.from(`${file.format}|${file.version}|scrypt|${N}|${r}|${p}|${salt}`, 'utf8')
}

/** Builds the file content for `merchants`; API keys are inside the encrypted part only. */
export async function sealConfiguration(
  merchants: ExportedMerchant[],
  passphrase: string,
  exportedAt: Date,
): Promise<string> {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const kdf = { name: 'scrypt' as const, ...SCRYPT, salt: salt.toString('base64') }
  const head = { format: TRANSFER_FORMAT, version: TRANSFER_VERSION, kdf }
  const key = await deriveKey(passphrase, salt, SCRYPT)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(additionalData(head))
  const plain = JSON.stringify(payloadSchema.parse({ merchants }))
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  const file: TransferFile = {
    ...head,
    exportedAt: exportedAt.toISOString(),
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
  const key = await deriveKey(passphrase, Buffer.from(file.kdf.salt, 'base64'), file.kdf)
  let plain: string
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.cipher.iv, 'base64'))
    decipher.setAAD(additionalData(file))
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
  if (!file.success) throw new AppError(msg('import_damaged'))
  return file.data
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
