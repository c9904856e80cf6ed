import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { RECEIPT_COPIES, type ReceiptCopy } from '@shared/contract'
import { storedMessageSchema } from '../messages/stored'
import type { Notices } from '../notices/notices'
import { ensurePrivateDir, writeFileAtomic } from '../storage/atomic-write'
import { JsonDocument, type DocumentVersions } from '../storage/json-document'

/**
 * Local copies of receipts, one folder per journal record id:
 *   <dataDir>/receipts/<paymentId>/meta.json       status, sources, attempts (no receipt content)
 *   <dataDir>/receipts/<paymentId>/customer.html   the receipt exactly as it came
 *   <dataDir>/receipts/<paymentId>/merchant.html
 *   <dataDir>/receipts/<paymentId>/signature.txt   the signature as a data: URL
 * Every file is written atomically and owner-only (storage/atomic-write), so a crash never leaves
 * half a receipt; folders are owner-only. A damaged meta.json is moved aside with a notice and
 * reads as "no receipts yet", so the receipts are collected again from the payment.
 */

const copyMeta = z.object({
  status: z.enum(['none', 'pending', 'stored', 'failed']),
  source: z.enum(['url', 'inline', 'none']),
  /** The hosted address, kept to retry and to print on the terminal. Never shown in messages. */
  url: z.string().optional(),
  /** Why it failed; older versions stored a sentence (read back as a legacy note). */
  reason: storedMessageSchema.optional(),
  retryable: z.boolean().optional(),
  attempts: z.number().int().min(0),
  nextAttemptAt: z.number().optional(),
  storedAt: z.number().optional(),
  printedCount: z.number().int().min(0),
})
export type CopyMeta = z.infer<typeof copyMeta>

export const receiptMetaSchema = z.object({
  version: z.literal(1),
  paymentId: z.string(),
  merchantId: z.string(),
  terminalSerial: z.string(),
  transactionId: z.string().optional(),
  finStatus: z.string().optional(),
  verificationMethod: z.string().optional(),
  createdAt: z.number(),
  customer: copyMeta,
  merchant: copyMeta,
  signature: copyMeta,
  askCustomerCopy: z.boolean(),
  autoPrintDone: z.boolean(),
  /** Copies the policy wanted printed that were not home yet when it decided. */
  autoPrintWaiting: z.array(z.enum(RECEIPT_COPIES)).default([]),
  lastPrintError: storedMessageSchema.optional(),
})
export type ReceiptMeta = z.infer<typeof receiptMetaSchema>
export type StoredPart = ReceiptCopy | 'signature'

const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/
const FILE: Record<StoredPart, string> = {
  customer: 'customer.html',
  merchant: 'merchant.html',
  signature: 'signature.txt',
}

const metaVersions: DocumentVersions = {
  current: 1,
  of: (raw) => {
    const version = (raw as { version?: unknown } | null)?.version
    return typeof version === 'number' ? version : undefined
  },
  steps: {},
}

export class ReceiptStore {
  constructor(
    private readonly root: string,
    private readonly notices: Notices,
  ) {}

  /** `<dataDir>/receipts` */
  static under(dataDir: string, notices: Notices): ReceiptStore {
    return new ReceiptStore(join(dataDir, 'receipts'), notices)
  }

  private dir(paymentId: string): string {
    // The id names a folder: anything but a plain token could climb out of the receipts root.
    if (!SAFE_ID.test(paymentId)) throw new Error(`Unsafe payment id for a receipt folder`)
    return join(this.root, paymentId)
  }

  private meta(paymentId: string): JsonDocument<ReceiptMeta | undefined> {
    return new JsonDocument<ReceiptMeta | undefined>({
      path: join(this.dir(paymentId), 'meta.json'),
      schema: receiptMetaSchema,
      defaults: () => undefined,
      versions: metaVersions,
      onDamage: ({ movedTo }) =>
        this.notices.notify('receipt_record_damaged', { paymentId, movedTo }),
    })
  }

  /** The operation's receipt record; undefined when there is none (or it was damaged). */
  async readMeta(paymentId: string): Promise<ReceiptMeta | undefined> {
    return (await this.meta(paymentId).read()).value
  }

  async writeMeta(meta: ReceiptMeta): Promise<void> {
    await this.ensureDirs(meta.paymentId)
    await this.meta(meta.paymentId).write(meta)
  }

  async writePart(paymentId: string, part: StoredPart, content: string): Promise<void> {
    await this.atomicWrite(paymentId, FILE[part], content)
  }

  async readPart(paymentId: string, part: StoredPart): Promise<string | undefined> {
    try {
      return await readFile(join(this.dir(paymentId), FILE[part]), 'utf8')
    } catch {
      return undefined
    }
  }

  private async atomicWrite(paymentId: string, name: string, content: string): Promise<void> {
    await this.ensureDirs(paymentId)
    await writeFileAtomic(join(this.dir(paymentId), name), content)
  }

  /** The receipts folder and the operation's folder, owner-only (also ones older versions made). */
  private async ensureDirs(paymentId: string): Promise<void> {
    await ensurePrivateDir(this.root)
    await ensurePrivateDir(this.dir(paymentId))
  }
}

export const RECEIPT_PARTS: readonly StoredPart[] = [...RECEIPT_COPIES, 'signature']
