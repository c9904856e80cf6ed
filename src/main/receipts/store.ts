import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { RECEIPT_COPIES, type ReceiptCopy } from '@shared/contract'
import { storedMessageSchema } from '../messages/stored'

/**
 * Local copies of receipts, one folder per journal record id:
 *   <dataDir>/receipts/<paymentId>/meta.json       status, sources, attempts (no receipt content)
 *   <dataDir>/receipts/<paymentId>/customer.html   the receipt exactly as it came
 *   <dataDir>/receipts/<paymentId>/merchant.html
 *   <dataDir>/receipts/<paymentId>/signature.txt   the signature as a data: URL
 * Every file is written atomically (temp file + rename) so a crash never leaves half a receipt.
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

export class ReceiptStore {
  constructor(private readonly root: string) {}

  /** `<dataDir>/receipts` */
  static under(dataDir: string): ReceiptStore {
    return new ReceiptStore(join(dataDir, 'receipts'))
  }

  private dir(paymentId: string): string {
    // The id names a folder: anything but a plain token could climb out of the receipts root.
    if (!SAFE_ID.test(paymentId)) throw new Error(`Unsafe payment id for a receipt folder`)
    return join(this.root, paymentId)
  }

  async readMeta(paymentId: string): Promise<ReceiptMeta | undefined> {
    let text: string
    try {
      text = await readFile(join(this.dir(paymentId), 'meta.json'), 'utf8')
    } catch {
      return undefined
    }
    const parsed = receiptMetaSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : undefined
  }

  async writeMeta(meta: ReceiptMeta): Promise<void> {
    await this.atomicWrite(meta.paymentId, 'meta.json', JSON.stringify(meta, null, 2))
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
    const dir = this.dir(paymentId)
    await mkdir(dir, { recursive: true })
    const tmp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`)
    try {
      await writeFile(tmp, content, { encoding: 'utf8', mode: 0o600, flush: true })
      await rename(tmp, join(dir, name))
    } catch (err) {
      await rm(tmp, { force: true })
      throw err
    }
  }
}

export const RECEIPT_PARTS: readonly StoredPart[] = [...RECEIPT_COPIES, 'signature']
