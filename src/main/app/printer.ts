import type { BrowserWindow as BrowserWindowType, WebContents, WebPreferences } from 'electron'
import type { PaperWidthMm, PrinterInfo } from '@shared/contract'
import { PrintError, type Printer, type PrintJobOptions } from '../receipts/ports'

/**
 * The Electron printer: renders receipt HTML in a hidden, locked-down window (no preload,
 * JavaScript off, navigation and every non-data: request denied, its own in-memory session) and
 * prints it silently with an explicit page size. Electron ignores the driver's paper size in
 * silent mode (electron #9780, #24095), so the width is given in microns and the height measured
 * from the rendered receipt.
 */

export interface PrinterDeps {
  BrowserWindow: typeof BrowserWindowType
  /** How long a print job may take before we call it failed. */
  printTimeoutMs?: number
}

/** The only webPreferences a receipt window gets. Tests pin every value. */
export const RECEIPT_WINDOW_PREFERENCES: WebPreferences = {
  javascript: false,
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  images: true,
  // In-memory session of its own: blocking its requests cannot affect the app window.
  partition: 'receipt-print',
}

const MM_PER_INCH = 25.4
/** Height of the slices used to measure a receipt (the page count times this bounds its length). */
export const MEASURE_SLICE_MM = 10
const MIN_HEIGHT_MM = 40

export function createElectronPrinter(deps: PrinterDeps): Printer {
  const timeoutMs = deps.printTimeoutMs ?? 60_000

  async function withReceiptWindow<T>(
    html: string | undefined,
    fn: (contents: WebContents) => Promise<T>,
  ): Promise<T> {
    const win = new deps.BrowserWindow({
      show: false,
      width: 420,
      height: 900,
      webPreferences: RECEIPT_WINDOW_PREFERENCES,
    })
    const contents = win.webContents
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
    const block = (event: { preventDefault(): void }): void => event.preventDefault()
    contents.on('will-navigate', block)
    contents.on('will-redirect', block)
    contents.on('will-attach-webview', block)
    contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
    contents.session.setPermissionCheckHandler(() => false)
    contents.session.webRequest.onBeforeRequest((details, callback) =>
      callback({ cancel: !details.url.startsWith('data:') }),
    )
    try {
      if (html !== undefined) {
        await win.loadURL(
          `data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`,
        )
      }
      return await fn(contents)
    } finally {
      if (!win.isDestroyed()) win.destroy()
    }
  }

  /** Renders at the roll width in short slices and counts the pages: the receipt's length. */
  async function measureHeightMm(
    contents: WebContents,
    paperWidthMm: PaperWidthMm,
  ): Promise<number> {
    const pdf = await contents.printToPDF({
      pageSize: { width: paperWidthMm / MM_PER_INCH, height: MEASURE_SLICE_MM / MM_PER_INCH },
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      printBackground: true,
    })
    return Math.max(MIN_HEIGHT_MM, countPdfPages(pdf) * MEASURE_SLICE_MM)
  }

  return {
    listPrinters: () =>
      withReceiptWindow(undefined, async (contents) =>
        (await contents.getPrintersAsync()).map((p): PrinterInfo => ({
          name: p.name,
          displayName: p.displayName || p.name,
          isDefault: Boolean((p as { isDefault?: boolean }).isDefault),
        })),
      ),

    print: (html, options) =>
      withReceiptWindow(html, async (contents) => {
        if (options.deviceName) {
          const printers = await contents.getPrintersAsync()
          if (!printers.some((p) => p.name === options.deviceName)) {
            throw new PrintError(
              'printer-missing',
              `The printer "${options.deviceName}" is not connected to this computer.`,
            )
          }
        }
        const heightMm = await measureHeightMm(contents, options.paperWidthMm)
        await printSilently(contents, electronPrintOptions(options, heightMm), timeoutMs)
      }),

    printToPdf: (html, options) =>
      withReceiptWindow(html, async (contents) => {
        if ('pageSize' in options) {
          // Reports on A4: the document's own @page rule sets size and margins.
          const pdf = await contents.printToPDF({
            pageSize: options.pageSize,
            preferCSSPageSize: true,
            printBackground: true,
          })
          return new Uint8Array(pdf)
        }
        const heightMm = await measureHeightMm(contents, options.paperWidthMm)
        const pdf = await contents.printToPDF({
          pageSize: {
            width: options.paperWidthMm / MM_PER_INCH,
            height: heightMm / MM_PER_INCH,
          },
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
          printBackground: true,
        })
        return new Uint8Array(pdf)
      }),
  }
}

/** `webContents.print` options: page size in microns, no margins, the chosen device and copies. */
export function electronPrintOptions(options: PrintJobOptions, heightMm: number) {
  return {
    silent: options.silent,
    printBackground: true,
    color: false,
    copies: options.copies,
    ...(options.deviceName ? { deviceName: options.deviceName } : {}),
    pageSize: { width: options.paperWidthMm * 1000, height: Math.ceil(heightMm) * 1000 },
    margins: { marginType: 'none' as const },
  }
}

function printSilently(
  contents: WebContents,
  options: ReturnType<typeof electronPrintOptions>,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new PrintError('print-failed', 'The printer did not answer in time.')),
      timeoutMs,
    )
    contents.print(options, (success, failureReason) => {
      clearTimeout(timer)
      if (success) return resolve()
      if (/cancel/i.test(failureReason)) {
        return reject(new PrintError('print-cancelled', 'The print job was cancelled.'))
      }
      reject(
        new PrintError(
          'print-failed',
          `The system refused the print job (${failureReason || 'no reason given'}).`,
        ),
      )
    })
  })
}

/** Pages in a PDF Chromium wrote (each page object is `/Type /Page`, the tree is `/Pages`). */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1')
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length || 1
}
