/**
 * Receipts end to end: a sale on the simulator (signature terminal), its hosted receipts fetched
 * and kept by the receipts service, then the exact documents the Electron adapter would print,
 * rendered in Chromium at 58 mm and 80 mm. We check that nothing overflows or is clipped, that the
 * text reads, that merchant and customer copies differ as they should, and write PDFs (page.pdf
 * with the same page size) and screenshots into /tmp for a person to look at.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PaperWidthMm, PaymentRecord } from '@shared/contract'
import { createHandpointClient } from '../../src/main/handpoint'
import type { TransactionResult } from '../../src/main/handpoint/types'
import { NoticeBoard } from '../../src/main/notices/notices'
import { COPY_BANNER_TEXT } from '../../src/main/receipts/print-document'
import { createRecordingPrinter } from '../../src/main/receipts/recording-printer'
import { ReceiptService } from '../../src/main/receipts/service'
import { DEMO_API_KEY, startSimulator, type Simulator } from '../../src/main/simulator'
import { CHROMIUM_PATH, closeBrowser, launchApp } from './harness'

const OUT = process.env['POS_RECEIPT_SHOTS'] ?? '/tmp'
const SIGNATURE_TERMINAL = { serialNumber: '1547854757', terminalType: 'PAXA910S' }

let sim: Simulator
let browser: Browser
let dataDir: string
let result: TransactionResult

async function saleOnSimulator(): Promise<TransactionResult> {
  const client = createHandpointClient({
    apiBaseUrl: sim.apiBaseUrl,
    statusBaseUrl: sim.statusBaseUrl,
    apiKey: DEMO_API_KEY,
  })
  const accepted = await client.startTransaction({
    operation: 'sale',
    ...SIGNATURE_TERMINAL,
    amountMinor: '1234',
    currency: 'EUR',
    transactionReference: crypto.randomUUID(),
  })
  const id = accepted.transactionResultId
  if (!id) throw new Error('The simulator accepted the sale without a transactionResultId.')
  for (let i = 0; i < 200; i++) {
    const outcome = await client.getTransactionResult(id)
    if (outcome.kind === 'final') return outcome.result
    await new Promise((ok) => setTimeout(ok, 100))
  }
  throw new Error('The simulated sale did not finish.')
}

function recordOf(r: TransactionResult): PaymentRecord {
  const str = (v: unknown): string => (typeof v === 'string' ? v : '')
  return {
    id: 'e2e-sale-1',
    merchantId: 'demo',
    terminalSerial: SIGNATURE_TERMINAL.serialNumber,
    terminalType: SIGNATURE_TERMINAL.terminalType,
    operation: 'sale',
    transactionReference: '00000000-0000-4000-8000-000000000000',
    flow: 'poll',
    state: 'approved',
    createdAt: 1,
    updatedAt: 2,
    evidence: [],
    result: {
      finStatus: r.finStatus,
      transactionId: str(r.transactionID),
      verificationMethod: str(r.verificationMethod),
      customerReceipt: str(r.customerReceipt),
      merchantReceipt: str(r.merchantReceipt),
      signatureUrl: str(r.signatureUrl),
    },
  }
}

beforeAll(async () => {
  sim = await startSimulator({ timeScale: 20 })
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  })
  dataDir = await mkdtemp(join(tmpdir(), 'pos-e2e-receipts-'))
  result = await saleOnSimulator()
})

afterAll(async () => {
  await closeBrowser()
  await browser?.close()
  await sim?.close()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

describe('simulator receipts through the print stylesheet', () => {
  it('are fetched from the simulator, kept, and printed at 58 mm and 80 mm without overflow', async () => {
    expect(result.finStatus).toBe('AUTHORISED')
    expect(result.customerReceipt).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/receipts\//)
    const printer = createRecordingPrinter()
    const service = new ReceiptService({
      dataDir,
      printer,
      notices: new NoticeBoard(),
      emit: () => undefined,
      fetchPolicy: { allowLoopbackHttp: true },
    })
    await service.collect(recordOf(result))
    const kept = await service.getReceipts('e2e-sale-1')
    expect([kept.customer.status, kept.merchant.status, kept.signature.status]).toEqual([
      'stored',
      'stored',
      'stored',
    ])

    for (const width of [58, 80] as const) {
      await service.setSettings({ paperWidthMm: width })
      await service.print('e2e-sale-1', 'customer', false)
      await service.print('e2e-sale-1', 'merchant', false)
      await service.print('e2e-sale-1', 'customer', true)
      const [customer, merchant, reprint] = printer.printed.slice(-3).map((p) => p.html)
      expect(printer.printed.at(-1)!.options.paperWidthMm).toBe(width)

      const c = await render(customer!, width, `customer`)
      const m = await render(merchant!, width, `merchant`)
      const r = await render(reprint!, width, `customer-reprint`)
      for (const page of [c, m, r]) {
        expect(page.overflow, `${page.name}: content wider than the roll`).toEqual([])
        expect(page.clipped, `${page.name}: clipped lines`).toEqual([])
        expect(page.text).toContain('APPROVED')
        expect(page.text).toMatch(/EUR\s+12\.34/)
        expect(page.text).toContain('AUTH CODE')
        // Chromium rounds the page to whole device units: within a point of the roll width.
        expect(Math.abs(page.pdfWidthPt - (width / 25.4) * 72)).toBeLessThan(1)
        expect(page.pdfPages).toBe(1)
      }
      // The copies differ as they should: label, signature line and image only on the merchant's.
      expect(c.text).toContain('** CUSTOMER COPY **')
      expect(c.text).not.toContain('MERCHANT COPY')
      expect(m.text).toContain('** MERCHANT COPY **')
      expect(m.text).toContain('Cardholder signature')
      expect(c.text).not.toContain('Cardholder signature')
      expect(m.signatureShown).toBe(true)
      expect(c.signatureShown).toBe(false)
      // The reprint carries our banner above the scheme receipt; first prints do not.
      expect(r.text.indexOf(COPY_BANNER_TEXT)).toBe(0)
      expect(c.text).not.toContain(COPY_BANNER_TEXT)
    }
    service.dispose()
  })
})

describe('receipts in the app', () => {
  it('shows the sale receipt in a sandboxed frame and prints, reprints and saves it', async () => {
    const printer = createRecordingPrinter()
    const app = await launchApp({ services: { printer }, viewport: { width: 1280, height: 900 } })
    try {
      const page = app.page
      await page.getByTestId('checkout-terminal').waitFor()
      const input = page.getByLabel(/^Amount/)
      await input.focus()
      await page.keyboard.type('12.34')
      await page.keyboard.press('Enter')
      await page.getByTestId('outcome-approved').waitFor({ timeout: 45_000 })

      const frame = page.getByTestId('receipt-frame')
      await frame.waitFor({ timeout: 20_000 })
      expect(await frame.getAttribute('sandbox')).toBe('')
      const inside = page.frameLocator('[data-testid=receipt-frame]')
      await expect.poll(() => inside.locator('body').innerText()).toContain('** CUSTOMER COPY **')
      await page.screenshot({ path: join(OUT, 'receipt-in-app-outcome.png') })

      await page.getByTestId('receipt-print').click()
      await expect.poll(() => printer.printed.length).toBe(1)
      expect(printer.printed[0]!.html).not.toContain(COPY_BANNER_TEXT)
      await expect
        .poll(() => page.getByTestId('receipt-print').textContent())
        .toBe('Reprint (marked COPY)')
      await page.getByTestId('receipt-print').click()
      await expect.poll(() => printer.printed.length).toBe(2)
      expect(printer.printed[1]!.html).toContain(COPY_BANNER_TEXT)

      const download = page.waitForEvent('download')
      await page.getByTestId('receipt-pdf').click()
      expect((await download).suggestedFilename()).toMatch(/^receipt-.+-customer\.pdf$/)
      expect(app.pageErrors).toEqual([])
    } finally {
      await app.close()
    }
  })
})

interface Rendered {
  name: string
  text: string
  overflow: string[]
  clipped: string[]
  signatureShown: boolean
  pdfWidthPt: number
  pdfPages: number
}

/** Renders one print document at the roll width: measurements, a screenshot and a PDF in /tmp. */
async function render(html: string, widthMm: PaperWidthMm, copy: string): Promise<Rendered> {
  const widthPx = Math.round((widthMm * 96) / 25.4)
  const context = await browser.newContext({ viewport: { width: widthPx, height: 600 } })
  // Like the Electron receipt window: nothing may come from the network.
  await context.route('**/*', (route) => route.abort())
  const page = await context.newPage()
  try {
    await page.setContent(html, { waitUntil: 'load' })
    const measured = await page.evaluate((rollPx) => {
      const overflow: string[] = []
      const clipped: string[] = []
      const doc = document.documentElement
      if (doc.scrollWidth > rollPx + 1) overflow.push(`document ${doc.scrollWidth}px`)
      for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
        const box = el.getBoundingClientRect()
        const label = `${el.tagName.toLowerCase()}#${el.id} "${(el.textContent ?? '').trim().slice(0, 30)}"`
        if (box.right > rollPx + 0.5 || box.left < -0.5) overflow.push(label)
        if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') {
          clipped.push(label)
        }
      }
      const sig = document.querySelector<HTMLImageElement>('[data-pos=signature] img')
      return {
        text: document.body.innerText,
        overflow,
        clipped,
        signatureShown: Boolean(sig && sig.complete && sig.naturalWidth > 0),
        heightPx: Math.ceil(document.body.getBoundingClientRect().bottom),
      }
    }, widthPx)
    const name = `receipt-${widthMm}mm-${copy}`
    await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true })
    const heightMm = Math.ceil((measured.heightPx * 25.4) / 96) + 2
    const pdf = await page.pdf({
      width: `${widthMm}mm`,
      height: `${heightMm}mm`,
      margin: { top: '0', right: '0', bottom: '0', left: '0' },
      printBackground: true,
    })
    await writeFile(join(OUT, `${name}.pdf`), pdf)
    const pdfText = pdf.toString('latin1')
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdfText)
    return {
      name,
      ...measured,
      pdfWidthPt: Number(box?.[1] ?? 0),
      pdfPages: (pdfText.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length,
    }
  } finally {
    await context.close()
  }
}
