import type { PaperWidthMm, PrinterInfo } from '@shared/contract'
import { PrintError, type PdfPage, type Printer, type PrintJobOptions } from './ports'

export interface RecordedPrint {
  html: string
  options: PrintJobOptions
}

export interface RecordingPrinter extends Printer {
  readonly printed: RecordedPrint[]
  readonly pdfs: { html: string; paperWidthMm?: PaperWidthMm; pageSize?: 'A4' }[]
  /** The next `print` rejects with this error (once). */
  failNext(error: PrintError): void
  setPrinters(printers: PrinterInfo[]): void
}

/**
 * A Node stand-in for the Electron printer: records every job so tests and the e2e harness can
 * assert what would have been printed. Used whenever no real printer adapter is passed in.
 */
export function createRecordingPrinter(
  printers: PrinterInfo[] = [
    { name: 'Receipt_Printer_80', displayName: 'Receipt printer (80 mm)', isDefault: true },
    { name: 'Receipt_Printer_58', displayName: 'Receipt printer (58 mm)', isDefault: false },
  ],
): RecordingPrinter {
  let list = printers
  let nextError: PrintError | undefined
  const printed: RecordedPrint[] = []
  const pdfs: { html: string; paperWidthMm?: PaperWidthMm; pageSize?: 'A4' }[] = []
  return {
    printed,
    pdfs,
    failNext(error) {
      nextError = error
    },
    setPrinters(next) {
      list = next
    },
    async listPrinters() {
      return list.map((p) => ({ ...p }))
    },
    async print(html, options) {
      if (nextError) {
        const error = nextError
        nextError = undefined
        throw error
      }
      if (options.deviceName && !list.some((p) => p.name === options.deviceName)) {
        throw new PrintError(
          'printer-missing',
          `The printer "${options.deviceName}" is not connected.`,
        )
      }
      printed.push({ html, options: { ...options } })
    },
    async printToPdf(html, options: PdfPage) {
      pdfs.push({ html, ...options })
      return new TextEncoder().encode(
        minimalPdf('pageSize' in options ? 210 : options.paperWidthMm),
      )
    },
  }
}

/** A one-page, blank PDF of the roll width (enough for "a PDF was produced" checks). */
function minimalPdf(paperWidthMm: number): string {
  const w = Math.round((paperWidthMm / 25.4) * 72)
  return [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    `3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} 400] >> endobj`,
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n')
}
