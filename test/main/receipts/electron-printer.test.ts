import type { BrowserWindow as ElectronBrowserWindow } from 'electron'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  countPdfPages,
  createElectronPrinter,
  MEASURE_SLICE_MM,
  RECEIPT_WINDOW_PREFERENCES,
} from '../../../src/main/app/printer'
import { BrowserWindow, resetElectronMock, type MockWebContents } from '../../mocks/electron'

type MockWindow = BrowserWindow

const PRINTERS = [
  { name: 'TM_T20', displayName: 'Epson TM-T20', isDefault: true },
  { name: 'XP_58', displayName: 'Xprinter 58', isDefault: false },
]

/** Windows the adapter opens get printers and a page count before it uses them. */
function preparing(setup: (contents: MockWebContents) => void) {
  const Original = BrowserWindow
  return class extends Original {
    constructor(options: Record<string, unknown>) {
      super(options)
      setup(this.webContents)
    }
  } as unknown as typeof ElectronBrowserWindow
}

const windows = (): MockWindow[] => BrowserWindow.instances

beforeEach(() => resetElectronMock())

describe('Electron printer adapter', () => {
  it('prints silently with the page size in microns, no margins, the device and copies', async () => {
    const printer = createElectronPrinter({
      BrowserWindow: preparing((c) => {
        c.printers = PRINTERS
        c.pdfPageCount = 17
      }),
    })
    await printer.print('<p>receipt</p>', {
      deviceName: 'XP_58',
      paperWidthMm: 58,
      copies: 2,
      silent: true,
    })
    const [win] = windows()
    expect(win!.webContents.printCalls).toEqual([
      {
        silent: true,
        printBackground: true,
        color: false,
        copies: 2,
        deviceName: 'XP_58',
        pageSize: { width: 58_000, height: 17 * MEASURE_SLICE_MM * 1000 },
        margins: { marginType: 'none' },
      },
    ])
    // The height was measured at the roll width (printToPDF takes inches).
    expect(win!.webContents.pdfCalls[0]).toMatchObject({
      pageSize: { width: 58 / 25.4, height: MEASURE_SLICE_MM / 25.4 },
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
    })
    expect(win!.destroyed).toBe(true)
  })

  it('denies every permission the receipt window asks for or checks, as the app window does', async () => {
    const printer = createElectronPrinter({
      BrowserWindow: preparing((c) => (c.printers = PRINTERS)),
    })
    await printer.printToPdf('<p>hello</p>', { paperWidthMm: 58 })
    const session = windows()[0]!.webContents.session
    let granted: boolean | undefined
    session.permissionRequestHandler!(null, 'media', (g: boolean) => (granted = g))
    expect(granted).toBe(false)
    expect(session.permissionCheckHandler).toBeTypeOf('function')
    for (const permission of ['media', 'clipboard-read', 'notifications', 'serial', 'hid']) {
      expect(session.permissionCheckHandler!(null, permission, 'data:', {})).toBe(false)
    }
  })

  it('renders in a hidden, locked-down window: no preload, no JavaScript, nothing loaded from outside', async () => {
    const printer = createElectronPrinter({
      BrowserWindow: preparing((c) => (c.printers = PRINTERS)),
    })
    await printer.print('<p>hello</p>', { paperWidthMm: 80, copies: 1, silent: true })
    const [win] = windows()
    expect(win!.options['show']).toBe(false)
    const prefs = win!.options['webPreferences'] as Record<string, unknown>
    expect(prefs).toEqual(RECEIPT_WINDOW_PREFERENCES)
    expect(prefs).not.toHaveProperty('preload')
    expect(prefs).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    })
    expect(win!.loaded?.target).toBe(
      `data:text/html;charset=utf-8;base64,${Buffer.from('<p>hello</p>').toString('base64')}`,
    )
    expect(win!.webContents.windowOpenHandler?.({ url: 'https://x' })).toEqual({ action: 'deny' })
    let prevented = false
    win!.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) })
    expect(prevented).toBe(true)
    const decide = (url: string): unknown => {
      let answer: unknown
      win!.webContents.session.beforeRequest!({ url }, (r: unknown) => (answer = r))
      return answer
    }
    expect(decide('https://receipts.handpoint.com/x.png')).toEqual({ cancel: true })
    expect(decide('data:image/png;base64,AA==')).toEqual({ cancel: false })
    // 80 mm roll, default device (none named), a short receipt gets the minimum height.
    expect(win!.webContents.printCalls[0]).toMatchObject({
      pageSize: { width: 80_000, height: 40_000 },
    })
    expect(win!.webContents.printCalls[0]).not.toHaveProperty('deviceName')
  })

  it('refuses a printer that is not connected before sending anything', async () => {
    const printer = createElectronPrinter({
      BrowserWindow: preparing((c) => (c.printers = PRINTERS)),
    })
    await expect(
      printer.print('<p/>', { deviceName: 'Gone', paperWidthMm: 80, copies: 1, silent: true }),
    ).rejects.toMatchObject({ code: 'printer-missing', message: expect.stringContaining('"Gone"') })
    expect(windows()[0]!.webContents.printCalls).toEqual([])
    expect(windows()[0]!.destroyed).toBe(true)
  })

  it('reports a failed or cancelled job with its reason', async () => {
    const failing = createElectronPrinter({
      BrowserWindow: preparing((c) => {
        c.printers = PRINTERS
        c.printOutcome = { success: false, failureReason: 'Print job failed' }
      }),
    })
    await expect(
      failing.print('<p/>', { paperWidthMm: 80, copies: 1, silent: true }),
    ).rejects.toMatchObject({
      code: 'print-failed',
      message: expect.stringContaining('Print job failed'),
    })
    const cancelled = createElectronPrinter({
      BrowserWindow: preparing(
        (c) => (c.printOutcome = { success: false, failureReason: 'cancelled' }),
      ),
    })
    await expect(
      cancelled.print('<p/>', { paperWidthMm: 80, copies: 1, silent: true }),
    ).rejects.toMatchObject({ code: 'print-cancelled' })
  })

  it('lists printers with their system names', async () => {
    const printer = createElectronPrinter({
      BrowserWindow: preparing((c) => (c.printers = PRINTERS)),
    })
    expect(await printer.listPrinters()).toEqual(PRINTERS)
    expect(windows()[0]!.destroyed).toBe(true)
  })

  it('saves a PDF on one page as long as the receipt', async () => {
    const printer = createElectronPrinter({
      BrowserWindow: preparing((c) => (c.pdfPageCount = 12)),
    })
    const bytes = await printer.printToPdf('<p/>', { paperWidthMm: 80 })
    expect(Buffer.from(bytes).subarray(0, 5).toString()).toBe('%PDF-')
    const calls = windows()[0]!.webContents.pdfCalls
    expect(calls[1]).toMatchObject({ pageSize: { width: 80 / 25.4, height: 120 / 25.4 } })
  })

  it('counts page objects, not the page tree', () => {
    const pdf = Buffer.from('<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type/Page >>')
    expect(countPdfPages(pdf)).toBe(2)
  })
})
