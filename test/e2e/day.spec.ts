/**
 * Closing the day end to end: the built renderer in Chromium, bound to the real services with the
 * demo merchant on the built-in simulator. A day of two sales, a refund and a decline (the sales
 * and the decline typed at the checkout by keyboard), then the Day tab (Alt+4): totals, the check
 * with Handpoint, closing the batch after the confirmation, and the Z report saved as PDF at
 * 80 mm (a real PDF from Chromium, rendered to PNG with pdftoppm for a person to look at) and as
 * CSV. Screenshots go to test-results/screens (or POS_SCREEN_SHOTS).
 */
import { execFileSync } from 'node:child_process'
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createChromiumPrinter, type ChromiumPrinter } from './chromium-printer'
import { closeBrowser, launchApp, type LaunchedApp } from './harness'

/** Runs one of poppler's PDF tools, saying what to install when it is missing. */
function pdfTool(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(
        `${tool} is missing: the Z report check needs poppler-utils (apt-get install poppler-utils)`,
        { cause: error },
      )
    throw error
  }
}

const SHOTS =
  process.env['POS_SCREEN_SHOTS'] ?? resolve(import.meta.dirname, '../../test-results/screens')
const TERMINAL = '0821032398'
const OUTCOME_TIMEOUT = 45_000

let app: LaunchedApp | undefined
let printer: ChromiumPrinter | undefined
afterEach(async () => {
  const errors = app?.pageErrors ?? []
  const dataDir = app?.dataDir
  await app?.close()
  await printer?.close()
  app = undefined
  if (dataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  expect(errors).toEqual([])
})
afterAll(closeBrowser)

/** A sale typed at the checkout; an approved one answers the receipt question and starts anew. */
async function sale(page: Page, amount: string, outcome: 'approved' | 'declined'): Promise<void> {
  const input = page.getByLabel(/^Amount/)
  await input.focus()
  await page.keyboard.type(amount)
  await page.keyboard.press('Enter')
  await page.getByTestId(`outcome-${outcome}`).waitFor({ timeout: OUTCOME_TIMEOUT })
  if (outcome === 'declined') return
  await page.getByTestId('receipt-ask').waitFor()
  await expect.poll(() => focused(page)).toBe('ask-yes')
  await page.keyboard.press('Enter') // print the customer copy
  await page.getByTestId('receipt-ask').waitFor({ state: 'detached' })
  await expect.poll(() => focused(page)).toBe('new-sale')
  await page.keyboard.press('Enter')
  await page.getByTestId('checkout-form').waitFor()
}

const focused = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid'))

/** A linked refund through the app's own bridge (window.api -> main), waited to its end. */
async function refund(page: Page, originalAmountMinor: string, amountMinor: string): Promise<void> {
  const state = await page.evaluate(
    async ([original, amount]) => {
      const found = await window.api.searchHistory({ amountMinor: original, limit: 1 })
      if (!found.ok) throw new Error(found.error.code)
      const sold = found.data.items[0]!
      const started = await window.api.startPayment({
        merchantId: sold.merchantId,
        terminalSerial: sold.terminalSerial,
        operation: 'refund',
        amountMinor: amount,
        currency: 'EUR',
        originalTransactionId: sold.result!.transactionId!,
      })
      if (!started.ok) throw new Error(started.error.code)
      for (let i = 0; i < 200; i += 1) {
        const now = await window.api.getPayment({ id: started.data.id })
        if (now.ok && ['approved', 'declined', 'failed', 'cancelled'].includes(now.data.state)) {
          return now.data.state
        }
        await new Promise((ok) => setTimeout(ok, 250))
      }
      return 'timeout'
    },
    [originalAmountMinor, amountMinor] as const,
  )
  expect(state).toBe('approved')
}

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0)
}

describe('closing the day', () => {
  it('totals a day, checks it with Handpoint, closes the batch and keeps the Z report', async () => {
    printer = createChromiumPrinter()
    app = await launchApp({ keepDataDir: true, services: { printer } })
    const page = app.page
    await page.getByTestId('demo-badge').waitFor({ timeout: 30_000 })
    await page.getByTestId('checkout-terminal').waitFor({ timeout: 30_000 })

    await sale(page, '12.50', 'approved')
    await sale(page, '40.00', 'approved')
    await sale(page, '37.84', 'declined')
    await refund(page, '4000', '500')

    await page.keyboard.press('Alt+4')
    const card = page.locator(`[data-terminal="${TERMINAL}"]`)
    await card.waitFor()
    await expect.poll(() => card.locator('[data-line="sales"]').textContent()).toContain('€52.50')
    expect(await card.locator('[data-line="refunds"]').textContent()).toContain('€5.00')
    expect(await card.locator('[data-line="net"]').textContent()).toContain('€47.50')
    expect(await card.textContent()).toContain('1 declined')
    expect(await card.getByTestId('verdict').textContent()).toContain('Not checked')

    await page.getByTestId('day-check').click()
    await expect
      .poll(() => card.getByTestId('verdict').textContent(), { timeout: 20_000 })
      .toContain('Totals confirmed')
    await shot(page, 'day-checked')

    await card.getByTestId('close-batch').click()
    const dialog = page.getByTestId('close-dialog')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain(
      'Its payments can no longer be reversed, only refunded.',
    )
    await shot(page, 'day-close-confirm')
    await page.getByTestId('dialog-confirm').click()
    await expect
      .poll(() => page.getByTestId('day-notice').textContent(), { timeout: 20_000 })
      .toBe(`Batch 1 of terminal ${TERMINAL} is closed.`)
    expect(await card.getByTestId('last-close').textContent()).toContain('Batch 1 closed')
    expect(await card.getByTestId('verdict').textContent()).toContain('Totals confirmed')
    await shot(page, 'day-closed')

    // The Z report at 80 mm: a real PDF, rendered to PNG for a person to look at.
    const download = page.waitForEvent('download')
    await page.getByTestId('z-pdf').click()
    const pdfFile = join(SHOTS, 'z-report-80mm.pdf')
    await mkdir(SHOTS, { recursive: true })
    await (await download).saveAs(pdfFile)
    const info = pdfTool('pdfinfo', [pdfFile])
    const width = Number(/Page size:\s+([\d.]+) x/.exec(info)?.[1])
    expect(Math.abs(width - (80 / 25.4) * 72)).toBeLessThan(1)
    expect(info).toMatch(/Pages:\s+1\n/)
    pdfTool('pdftoppm', ['-png', '-r', '110', '-singlefile', pdfFile, join(SHOTS, 'z-report-80mm')])
    const text = pdfTool('pdftotext', ['-layout', pdfFile, '-'])
    expect(text).toContain('Z report')
    expect(text).toContain('TOTALS CONFIRMED')
    expect(text).toMatch(/Net\s+€47\.50/)

    const csvDownload = page.waitForEvent('download')
    await page.getByTestId('z-csv').click()
    const csvFile = join(SHOTS, 'z-report.csv')
    await (await csvDownload).saveAs(csvFile)
    const csv = (await readFile(csvFile, 'utf8')).split('\r\n')
    expect(csv).toContain(`totals,${TERMINAL},EUR,net,,47.50,`)
    expect(csv).toContain(`verdict,${TERMINAL},,confirmed,,,batch 1`)
    expect(csv.some((l) => l.startsWith(`batch_close,${TERMINAL},,closed,`))).toBe(true)

    // Kept in the data folder, owner-only, and printable on the checkout printer.
    const kept = join(app.dataDir, 'z-reports')
    const merchant = execFileSync('ls', [kept], { encoding: 'utf8' }).trim()
    const files = (await readdir(join(kept, merchant))).sort()
    expect(files.map((f) => f.replace(/^\d{4}-\d{2}-\d{2}/, 'DATE'))).toEqual([
      'DATE-z-report-80mm.pdf',
      'DATE-z-report.csv',
      'DATE.json',
    ])
    for (const name of files) {
      expect((await stat(join(kept, merchant, name))).mode & 0o777).toBe(0o600)
    }
    const before = printer.printed.length // the customer copies printed at the checkout
    await page.getByTestId('z-print').click()
    await expect.poll(() => printer!.printed.length).toBe(before + 1)
    const printed = printer.printed.at(-1)!
    expect(printed.options.paperWidthMm).toBe(80)
    expect(printed.html).toContain('<h1>Z report</h1>')
    await writeFile(join(SHOTS, 'z-report-printed.html'), printed.html)
  }, 180_000)
})
