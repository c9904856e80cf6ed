import type { PaymentRecord } from '@shared/contract'
import { msg } from '@shared/messages'
import { fetchWithinPolicy, ReceiptFetchError, type FetchPolicy } from './fetcher'
import { intakeFromRecord, lateParts, sniffImage } from './intake'
import type { RetryClock } from './ports'
import { RECEIPT_PARTS, type ReceiptMeta, type ReceiptStore, type StoredPart } from './store'

/** Waits before the 2nd, 3rd, ... attempt; after the last one a person presses "retry". */
export const RETRY_DELAYS_MS = [2_000, 10_000, 30_000, 120_000, 600_000] as const

export interface CollectorDeps {
  store: ReceiptStore
  policy: FetchPolicy
  clock: RetryClock
  /** Whether this merchant's receipts may come over plain http from this computer. */
  loopbackHttp?: (merchantId: string) => boolean
  fetchImpl?: typeof fetch
  /** Called after every change of an operation's receipts (status, stored copy, error). */
  changed(meta: ReceiptMeta): void
  /** Called once, when no part of an operation is pending any more (first settle only). */
  settled(meta: ReceiptMeta): Promise<void>
  /** Called each time a part is stored by a fetch (late copies may still be due to print). */
  stored(meta: ReceiptMeta, part: StoredPart): Promise<void>
  random?: () => number
}

/**
 * Brings receipts home: stores inline ones at once, fetches hosted ones, retries failures with
 * backoff, and keeps a status per part. It never touches the payment: a receipt that cannot be
 * fetched changes nothing about the money, only what the receipts screen shows.
 */
export class ReceiptCollector {
  private readonly timers = new Map<string, { cancel(): void }>()
  private readonly locks = new Map<string, Promise<unknown>>()
  private disposed = false

  constructor(private readonly deps: CollectorDeps) {}

  /**
   * Takes a final record in. A later copy adds only receipts the first lacked (read from the
   * terminal's result after the status service settled the payment); otherwise it is ignored.
   */
  async ingest(record: PaymentRecord): Promise<ReceiptMeta | undefined> {
    if (!record.result) return undefined
    const created = await this.withMeta(record.id, async (existing) => {
      const now = this.deps.clock.now()
      const intake = existing
        ? lateParts(existing, record, this.deps.policy.maxBytes, now)
        : intakeFromRecord(record, this.deps.policy.maxBytes, now)
      if (!intake) return undefined
      for (const [part, content] of Object.entries(intake.inline)) {
        await this.deps.store.writePart(record.id, part as StoredPart, content)
      }
      await this.deps.store.writeMeta(intake.meta)
      return intake.meta
    })
    if (!created) return this.deps.store.readMeta(record.id)
    this.deps.changed(created)
    await this.fetchPending(record.id)
    return this.deps.store.readMeta(record.id)
  }

  /** Fetches every part that is pending or failed (a person asked, or a timer fired). */
  async fetchPending(paymentId: string, includeFailed = false): Promise<void> {
    const meta = await this.deps.store.readMeta(paymentId)
    if (!meta) return
    const due = RECEIPT_PARTS.filter((part) => {
      const p = meta[part]
      return p.url && (p.status === 'pending' || (includeFailed && p.status === 'failed'))
    })
    await Promise.all(due.map((part) => this.fetchPart(paymentId, part)))
    const after = await this.deps.store.readMeta(paymentId)
    if (
      after &&
      !after.autoPrintDone &&
      !RECEIPT_PARTS.some((p) => after[p].status === 'pending')
    ) {
      await this.deps.settled(after)
    }
  }

  /** Resumes fetches a previous run left pending or scheduled (call once at start). */
  async resume(paymentIds: string[]): Promise<void> {
    await Promise.all(paymentIds.map((id) => this.fetchPending(id)))
  }

  private async fetchPart(paymentId: string, part: StoredPart): Promise<void> {
    const key = `${paymentId}/${part}`
    this.timers.get(key)?.cancel()
    this.timers.delete(key)
    const meta = await this.deps.store.readMeta(paymentId)
    const url = meta?.[part].url
    if (!meta || !url || this.disposed) return
    let content: string | undefined
    let failure: ReceiptFetchError | undefined
    try {
      const policy = this.policyFor(meta.merchantId)
      const body = await fetchWithinPolicy(url, policy, this.deps.fetchImpl)
      content = part === 'signature' ? asSignature(body.bytes) : asReceiptHtml(body)
    } catch (err) {
      failure =
        err instanceof ReceiptFetchError
          ? err
          : new ReceiptFetchError(msg('receipt_unreadable'), false)
    }
    if (content !== undefined) await this.deps.store.writePart(paymentId, part, content)
    const updated = await this.withMeta(paymentId, async (current) => {
      if (!current) return undefined
      const p = current[part]
      p.attempts += 1
      delete p.nextAttemptAt
      if (content !== undefined) {
        p.status = 'stored'
        p.storedAt = this.deps.clock.now()
        delete p.reason
        delete p.retryable
      } else {
        p.status = 'failed'
        p.reason = failure!.what
        p.retryable = failure!.retryable
        const delay = RETRY_DELAYS_MS[p.attempts - 1]
        if (failure!.retryable && delay !== undefined && !this.disposed) {
          const jittered = Math.round(delay * (0.8 + 0.4 * (this.deps.random ?? Math.random)()))
          p.nextAttemptAt = this.deps.clock.now() + jittered
          this.timers.set(
            key,
            this.deps.clock.setTimeout(() => {
              this.timers.delete(key)
              void this.fetchPart(paymentId, part).catch(() => undefined)
            }, jittered),
          )
        }
      }
      await this.deps.store.writeMeta(current)
      return current
    })
    if (updated) this.deps.changed(updated)
    if (updated && content !== undefined) await this.deps.stored(updated, part)
  }

  private policyFor(merchantId: string): FetchPolicy {
    const { policy, loopbackHttp } = this.deps
    if (policy.allowLoopbackHttp || !loopbackHttp?.(merchantId)) return policy
    return { ...policy, allowLoopbackHttp: true }
  }

  /** Runs `fn` with the operation's meta, one at a time per operation (parts finish together). */
  async withMeta<T>(
    paymentId: string,
    fn: (meta: ReceiptMeta | undefined) => Promise<T>,
  ): Promise<T> {
    const previous = this.locks.get(paymentId) ?? Promise.resolve()
    const run = previous.then(async () => fn(await this.deps.store.readMeta(paymentId)))
    const settled = run.catch(() => undefined)
    this.locks.set(paymentId, settled)
    void settled.then(() => {
      if (this.locks.get(paymentId) === settled) this.locks.delete(paymentId)
    })
    return run
  }

  dispose(): void {
    this.disposed = true
    for (const timer of this.timers.values()) timer.cancel()
    this.timers.clear()
  }
}

function asReceiptHtml(body: { bytes: Buffer; contentType: string }): string {
  const text = body.bytes.toString('utf8')
  const looksHtml = /^\s*(<!doctype|<html|<head|<body|<header|<main|<div|<table|<p|<)/i.test(text)
  if (!/text\/(html|plain)|xhtml/i.test(body.contentType) && !looksHtml) {
    throw new ReceiptFetchError(msg('receipt_not_a_page'), false)
  }
  return text
}

function asSignature(bytes: Buffer): string {
  const type = sniffImage(bytes)
  if (!type) throw new ReceiptFetchError(msg('signature_not_an_image'), false)
  return `data:${type};base64,${bytes.toString('base64')}`
}
