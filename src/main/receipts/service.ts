import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import {
  AppError,
  type PaymentReceipts,
  type PaymentRecord,
  type PrinterInfo,
  type PrintSettings,
  type ReceiptCopy,
  type ReceiptPdf,
  type TerminalPrintAnswer,
} from '@shared/contract'
import { msg } from '@shared/messages'
import type { Notices } from '../notices/notices'
import { ReceiptCollector } from './collector'
import { DEFAULT_FETCH_POLICY, type FetchPolicy } from './fetcher'
import { decidePrinting, rulesFor } from './policy'
import {
  systemClock,
  type MerchantCopyPolicy,
  type Printer,
  type RetryClock,
  type TerminalPrint,
} from './ports'
import { buildPrintDocument } from './print-document'
import { PrintSettingsFile } from './settings'
import { ReceiptStore, type ReceiptMeta } from './store'
import { buildReceiptsView, notStored, toPrintAppError } from './view'

export interface ReceiptServiceOptions {
  dataDir: string
  printer: Printer
  /** Where a damaged receipt record or settings file is reported. */
  notices: Notices
  /** Pushes `onReceiptsChanged` to the UI. */
  emit(receipts: PaymentReceipts): void
  fetchPolicy?: Partial<FetchPolicy>
  /**
   * Whether a merchant's receipts may come over plain http from this computer: main decides it
   * from the merchant's environment (the built-in simulator, a custom address on loopback).
   */
  loopbackHttp?: (merchantId: string) => boolean
  clock?: RetryClock
  fetchImpl?: typeof fetch
  /** Starts `printReceipt` on the terminal (the payment engine); absent until it is wired. */
  terminalPrint?: TerminalPrint
  /** Looks a journal record up, to collect receipts of an operation we have not seen yet. */
  findPayment?: (id: string) => Promise<PaymentRecord | undefined>
  /** The payment's merchant's own copy rules; absent or undefined = the checkout's rules. */
  merchantPolicy?: MerchantCopyPolicy
  logError?: (message: string) => void
  /** Jitter source for retry delays (tests pin it). */
  random?: () => number
}

/** How long after the result a late-arriving receipt still prints by itself. */
export const AUTO_PRINT_WINDOW_MS = 120_000

/**
 * Receipts of the checkout: keeps a local copy of each operation's receipts (linked to the
 * journal record id), previews them safely, prints them on the checkout's printer under the
 * merchant's copy rules (the checkout's when the merchant has none), saves PDFs and sends them to
 * the terminal's printer on request.
 */
export class ReceiptService {
  private readonly store: ReceiptStore
  private readonly settings: PrintSettingsFile
  private readonly collector: ReceiptCollector
  private readonly clock: RetryClock

  constructor(private readonly options: ReceiptServiceOptions) {
    this.store = ReceiptStore.under(options.dataDir, options.notices)
    this.clock = options.clock ?? systemClock
    this.settings = PrintSettingsFile.under(options.dataDir, options.notices)
    this.collector = new ReceiptCollector({
      store: this.store,
      policy: { ...DEFAULT_FETCH_POLICY, ...options.fetchPolicy },
      clock: this.clock,
      ...(options.loopbackHttp ? { loopbackHttp: options.loopbackHttp } : {}),
      ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
      ...(options.random ? { random: options.random } : {}),
      changed: (meta) => void this.publish(meta),
      settled: (meta) => this.autoPrint(meta.paymentId),
      stored: (meta, part) => this.autoPrintLate(meta.paymentId, part),
    })
  }

  /**
   * Takes a final payment record (the engine's `onFinal`): stores inline receipts, fetches hosted
   * ones, then prints what the policy says. Never throws: receipts must not disturb payments.
   */
  async collect(record: PaymentRecord): Promise<void> {
    try {
      await this.collector.ingest(record)
    } catch (err) {
      this.options.logError?.(`receipts: collecting failed: ${(err as Error).message}`)
    }
  }

  /** Restarts fetches a previous run left unfinished. Never rejects: one bad folder stops no other. */
  async resume(): Promise<void> {
    const ids = await readdir(join(this.options.dataDir, 'receipts')).catch(() => [] as string[])
    const resumable = ids.filter((id) => /^[A-Za-z0-9_-]{1,100}$/.test(id))
    await Promise.all(
      resumable.map((id) =>
        this.collector.resume([id]).catch((err: unknown) => {
          this.options.logError?.(`receipts: resuming ${id} failed: ${(err as Error).message}`)
        }),
      ),
    )
  }

  /** The stored receipts of one operation, with status per part and preview HTML. */
  async getReceipts(paymentId: string): Promise<PaymentReceipts> {
    return this.view(await this.requireMeta(paymentId))
  }

  /** Fetches again every receipt of the operation that failed or is still pending. */
  async retry(paymentId: string): Promise<PaymentReceipts> {
    await this.requireMeta(paymentId)
    await this.collector.fetchPending(paymentId, true)
    return this.getReceipts(paymentId)
  }

  /**
   * Prints one copy on this checkout's printer. A reprint (asked for, or any print after the
   * first) carries a visible "COPY / DUPLICATE" banner above the scheme receipt.
   */
  async print(
    paymentId: string,
    copy: ReceiptCopy,
    reprint?: boolean,
  ): Promise<{ printed: true; markedAsCopy: boolean }> {
    const meta = await this.requireMeta(paymentId)
    const settings = await this.settings.get()
    const markAsCopy = reprint ?? meta[copy].printedCount > 0
    const html = await this.printDocument(meta, copy, settings, markAsCopy)
    const deviceName = await this.resolvePrinter(settings)
    try {
      await this.options.printer.print(html, {
        ...(deviceName ? { deviceName } : {}),
        paperWidthMm: settings.paperWidthMm,
        copies: settings.copies,
        silent: true,
      })
    } catch (err) {
      const error = toPrintAppError(err, copy, deviceName ?? settings.printerName)
      const what = error.params ? { code: error.code, params: error.params } : { code: error.code }
      await this.update(paymentId, (m) => void (m.lastPrintError = what))
      throw error
    }
    await this.update(paymentId, (m) => {
      m[copy].printedCount += 1
      m.autoPrintWaiting = m.autoPrintWaiting.filter((c) => c !== copy)
      delete m.lastPrintError
      if (copy === 'customer') m.askCustomerCopy = false
    })
    return { printed: true, markedAsCopy: markAsCopy }
  }

  /** Answers the "print the customer copy?" question the policy asked. */
  async answerCustomerCopy(paymentId: string, print: boolean): Promise<PaymentReceipts> {
    if (print) await this.print(paymentId, 'customer', false)
    else await this.update(paymentId, (m) => void (m.askCustomerCopy = false))
    return this.getReceipts(paymentId)
  }

  /** Renders one copy to PDF at the roll width, for saving or attaching to an email. */
  async savePdf(paymentId: string, copy: ReceiptCopy, reprint?: boolean): Promise<ReceiptPdf> {
    const meta = await this.requireMeta(paymentId)
    const settings = await this.settings.get()
    const html = await this.printDocument(meta, copy, settings, reprint ?? false)
    const bytes = await this.options.printer.printToPdf(html, {
      paperWidthMm: settings.paperWidthMm,
    })
    const name = (meta.transactionId ?? paymentId).replace(/[^A-Za-z0-9_-]/g, '')
    return {
      fileName: `receipt-${name}-${copy}.pdf`,
      base64: Buffer.from(bytes).toString('base64'),
    }
  }

  /** Sends one copy to the terminal's own printer (`printReceipt`), for terminals that have one. */
  async printOnTerminal(paymentId: string, copy: ReceiptCopy): Promise<TerminalPrintAnswer> {
    const meta = await this.requireMeta(paymentId)
    if (!this.options.terminalPrint) {
      throw new AppError(msg('terminal_print_unavailable'))
    }
    // The stored copy outlives the hosted one; the URL is the fallback while it is still fetching.
    const receipt = (await this.store.readPart(paymentId, copy)) ?? meta[copy].url
    if (!receipt) throw notStored(meta[copy], copy)
    const started = await this.options.terminalPrint({
      merchantId: meta.merchantId,
      terminalSerial: meta.terminalSerial,
      receipt,
    })
    return {
      paymentId: started.id,
      ...msg('receipt_sent_to_terminal', { copy, serial: meta.terminalSerial }),
    }
  }

  /**
   * One copy as kept, for the till link: the stored HTML, or where it stands. Undefined when
   * nothing is kept for the payment (yet).
   */
  async storedCopy(
    paymentId: string,
    copy: ReceiptCopy,
  ): Promise<
    | { status: 'stored'; html: string }
    | { status: 'pending' | 'none' }
    | { status: 'failed'; retrying: boolean }
    | undefined
  > {
    const meta = await this.store.readMeta(paymentId).catch(() => undefined)
    if (!meta) return undefined
    const part = meta[copy]
    if (part.status === 'stored') {
      const html = await this.store.readPart(paymentId, copy)
      return html === undefined ? { status: 'failed', retrying: false } : { status: 'stored', html }
    }
    if (part.status === 'failed')
      return { status: 'failed', retrying: part.nextAttemptAt !== undefined }
    return { status: part.status }
  }

  listPrinters(): Promise<PrinterInfo[]> {
    return this.options.printer.listPrinters()
  }

  getSettings(): Promise<PrintSettings> {
    return this.settings.get()
  }

  /** Changes some printing settings of this checkout; the rest stay. */
  setSettings(patch: Partial<PrintSettings>): Promise<PrintSettings> {
    return this.settings.update(patch)
  }

  dispose(): void {
    this.collector.dispose()
  }

  /**
   * Prints what the policy wants once the first fetches have settled. A wanted copy that is not
   * home yet (hosted receipts can appear a few seconds late) waits, and prints when a retry
   * stores it within AUTO_PRINT_WINDOW_MS; later than that the cashier has moved on.
   */
  private async autoPrint(paymentId: string): Promise<void> {
    const claimed = await this.collector.withMeta(paymentId, async (meta) => {
      if (!meta || meta.autoPrintDone) return undefined
      meta.autoPrintDone = true
      const rules = rulesFor(
        await this.settings.get(),
        this.options.merchantPolicy?.(meta.merchantId),
      )
      const decision = decidePrinting(rules, {
        finStatus: meta.finStatus ?? 'UNDEFINED',
        ...(meta.verificationMethod ? { verificationMethod: meta.verificationMethod } : {}),
        hasSignature: meta.signature.status !== 'none',
        hasCustomerReceipt: meta.customer.status !== 'none',
        hasMerchantReceipt: meta.merchant.status !== 'none',
      })
      if (decision.customer === 'ask') meta.askCustomerCopy = true
      const wanted = (['merchant', 'customer'] as const).filter((c) => decision[c] === 'print')
      meta.autoPrintWaiting = wanted.filter((c) => meta[c].status !== 'stored')
      await this.store.writeMeta(meta)
      return { meta, now: wanted.filter((c) => meta[c].status === 'stored') }
    })
    if (!claimed) return
    await this.publish(claimed.meta)
    for (const copy of claimed.now) {
      // The error is kept on the record and shown; a print failure must not stop the other copy.
      await this.print(paymentId, copy, false).catch(() => undefined)
    }
  }

  private async autoPrintLate(paymentId: string, part: string): Promise<void> {
    const due = await this.collector.withMeta(paymentId, async (meta) => {
      const copy = meta?.autoPrintWaiting.find((c) => c === part)
      if (!meta || !copy) return undefined
      meta.autoPrintWaiting = meta.autoPrintWaiting.filter((c) => c !== copy)
      await this.store.writeMeta(meta)
      return this.clock.now() - meta.createdAt <= AUTO_PRINT_WINDOW_MS ? copy : undefined
    })
    if (due) await this.print(paymentId, due, false).catch(() => undefined)
  }

  private async printDocument(
    meta: ReceiptMeta,
    copy: ReceiptCopy,
    settings: PrintSettings,
    markAsCopy: boolean,
  ): Promise<string> {
    const html = await this.store.readPart(meta.paymentId, copy)
    if (html === undefined) throw notStored(meta[copy], copy)
    const signature =
      copy === 'merchant' ? await this.store.readPart(meta.paymentId, 'signature') : undefined
    return buildPrintDocument(html, {
      paperWidthMm: settings.paperWidthMm,
      markAsCopy,
      ...(signature ? { signatureDataUrl: signature } : {}),
    })
  }

  private async resolvePrinter(settings: PrintSettings): Promise<string | undefined> {
    const printers = await this.options.printer.listPrinters()
    if (settings.printerName) {
      if (printers.some((p) => p.name === settings.printerName)) return settings.printerName
      throw new AppError(msg('printer_missing', { printer: settings.printerName }))
    }
    if (printers.length === 0) {
      throw new AppError(msg('no_printer'))
    }
    return undefined // the system default printer
  }

  private async requireMeta(paymentId: string): Promise<ReceiptMeta> {
    let meta = await this.store.readMeta(paymentId)
    if (!meta && this.options.findPayment) {
      const record = await this.options.findPayment(paymentId)
      if (record?.result) meta = await this.collector.ingest(record)
    }
    if (!meta) {
      throw new AppError(msg('receipts_not_found'))
    }
    return meta
  }

  private async update(paymentId: string, change: (meta: ReceiptMeta) => void): Promise<void> {
    const meta = await this.collector.withMeta(paymentId, async (current) => {
      if (!current) return undefined
      change(current)
      await this.store.writeMeta(current)
      return current
    })
    if (meta) await this.publish(meta)
  }

  private async publish(meta: ReceiptMeta): Promise<void> {
    try {
      this.options.emit(await this.view(meta))
    } catch (err) {
      this.options.logError?.(`receipts: could not publish a change: ${(err as Error).message}`)
    }
  }

  private async view(meta: ReceiptMeta): Promise<PaymentReceipts> {
    return buildReceiptsView(meta, this.store, (await this.settings.get()).paperWidthMm)
  }
}
