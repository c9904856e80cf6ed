import type { PaperWidthMm, PrinterInfo, PrintSettings } from '@shared/contract'

/**
 * The printing port. `src/main/app/printer.ts` implements it with Electron (hidden, locked-down
 * window; silent `webContents.print` with an explicit page size in microns); tests and the e2e
 * harness use `createRecordingPrinter()`.
 */
export interface Printer {
  listPrinters(): Promise<PrinterInfo[]>
  /** Prints a complete HTML document; rejects with a sentence when the printer refuses. */
  print(html: string, options: PrintJobOptions): Promise<void>
  /**
   * Renders a complete HTML document to PDF bytes at the roll width (as long as the document),
   * or on A4 pages (reports such as the Z report).
   */
  printToPdf(html: string, options: PdfPage): Promise<Uint8Array>
}

export type PdfPage = { paperWidthMm: PaperWidthMm } | { pageSize: 'A4' }

export interface PrintJobOptions {
  /** System printer name; undefined = the system default printer. */
  deviceName?: string
  paperWidthMm: PaperWidthMm
  copies: number
  silent: boolean
}

/** Error raised by a Printer implementation; the service turns it into an AppError. */
export class PrintError extends Error {
  constructor(
    readonly code: 'printer-missing' | 'print-failed' | 'print-cancelled',
    message: string,
  ) {
    super(message)
    this.name = 'PrintError'
  }
}

/** Starts a `printReceipt` operation on the terminal; the payment engine implements it. */
export type TerminalPrint = (input: {
  merchantId: string
  terminalSerial: string
  receipt: string
}) => Promise<{ id: string }>

/**
 * The copy rules a merchant set for itself (the merchants service implements it), or undefined
 * when it has none or is unknown: the checkout's rules apply then.
 */
export type MerchantCopyPolicy = (
  merchantId: string,
) => Pick<PrintSettings, 'customerCopy' | 'merchantCopy'> | undefined

/** Timers the service schedules retries with; injectable so tests control time. */
export interface RetryClock {
  now(): number
  setTimeout(fn: () => void, ms: number): { cancel(): void }
}

export const systemClock: RetryClock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms)
    t.unref?.()
    return { cancel: () => clearTimeout(t) }
  },
}
