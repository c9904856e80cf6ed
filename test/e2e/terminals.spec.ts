/**
 * Terminal care end to end: the built renderer in Chromium, bound to the real services with the
 * demo merchant on the built-in simulator. Two payments in flight on two terminals (one
 * cancelled, the other's outcome announced while the cashier works on), the board's health as
 * the checks found it, a terminal's detail with its day and a command, in English and German at
 * 1024 and 1280 px. Screenshots go to test-results/screens (or POS_SCREEN_SHOTS) for a person to
 * look at; the board is checked with axe-core (no serious or critical finding) and, in German, for
 * English left on screen.
 */
import { mkdir, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type LaunchedApp } from './harness'
import { axeFindings, englishIn, englishPieces, shownTexts } from './support/screen-checks'

const SHOTS =
  process.env['POS_SCREEN_SHOTS'] ?? resolve(import.meta.dirname, '../../test-results/screens')
const NORMAL = '0821032398'
const PIN = '1850025030'
const OUTCOME_TIMEOUT = 45_000

let app: LaunchedApp | undefined
/** Closes the app and its data folder; the page must not have logged an error. */
async function closeApp(): Promise<void> {
  const errors = app?.pageErrors ?? []
  const dataDir = app?.dataDir
  await app?.close()
  app = undefined
  if (dataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  expect(errors).toEqual([])
}
afterEach(closeApp)
afterAll(closeBrowser)

async function open(viewport = { width: 1280, height: 800 }): Promise<Page> {
  app = await launchApp({ viewport, keepDataDir: true })
  const page = app.page
  await page.getByTestId('demo-badge').waitFor()
  await page.getByTestId('checkout-terminal').waitFor()
  return page
}

/** Waits until every physical terminal on the board has been heard from. */
async function boardChecked(page: Page): Promise<void> {
  await page.getByTestId('terminals-refresh').click()
  for (const serial of [NORMAL, PIN]) {
    await expect
      .poll(() => page.getByTestId(`terminal-${serial}`).getByTestId('terminal-battery').count(), {
        timeout: 20_000,
      })
      .toBe(1)
  }
}

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true })
  const { width } = page.viewportSize() ?? { width: 0 }
  await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`) })
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0)
}

/** axe on the page with the board (and any toasts): no serious or critical finding. */
async function axeBoard(page: Page): Promise<void> {
  const bad = (await axeFindings(page)).map((f) => `${f.rule} at ${f.targets.join(', ')}`)
  expect(bad).toEqual([])
}

/** In German, no text of the English message files on screen. */
async function allGerman(page: Page): Promise<void> {
  expect(englishIn(await shownTexts(page), englishPieces())).toEqual([])
}

async function typeAndEnter(page: Page, amount: string): Promise<void> {
  const input = page.getByTestId('amount-input')
  await input.focus()
  await page.keyboard.type(amount)
  await page.keyboard.press('Enter')
}

describe('terminal care', () => {
  it('two payments in flight on two terminals: one cancelled, the other announced, both outcomes seen', async () => {
    const page = await open()
    // 1. A sale on the default terminal; it keeps running while the cashier starts another.
    await typeAndEnter(page, '12.50')
    await page.getByTestId('payment-progress').waitFor()
    await page.getByTestId('another-payment').click()
    await page.getByTestId('checkout-form').waitFor()
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('amount-input')
    await page.getByTestId(`in-flight-${NORMAL}`).waitFor()
    // 2. A second sale on the PIN terminal, which waits for the card.
    await page.getByTestId(`terminal-use-${PIN}`).click()
    await typeAndEnter(page, '20.00')
    await page.getByTestId('payment-progress').waitFor()
    await expect(page.locator('#progress-title').textContent()).resolves.toContain('€20.00')
    await expect(page.getByTestId(`in-flight-${NORMAL}`).textContent()).resolves.toContain('€12.50')
    await expect
      .poll(() => page.getByTestId('terminal-state').allTextContents())
      .toEqual(expect.arrayContaining(['Busy here', 'Busy here']))
    await shot(page, 'terminals-two-in-flight')
    await axeBoard(page)
    // 3. The first sale ends while the second is on screen: a toast and the live region say so.
    const toast = page.getByTestId(`announce-${NORMAL}`)
    await toast.waitFor({ timeout: OUTCOME_TIMEOUT })
    await expect(toast.textContent()).resolves.toContain(`Terminal ${NORMAL}: €12.50 approved.`)
    await expect(page.getByTestId('announce-live').textContent()).resolves.toContain('approved')
    await shot(page, 'terminals-announced')
    // 4. Cancel the second from its card on the board, while the terminal waits for the card.
    const cancel = page.getByTestId(`in-flight-${PIN}`).getByTestId('in-flight-cancel')
    await expect.poll(() => cancel.isEnabled(), { timeout: 20_000 }).toBe(true)
    await cancel.click()
    await page.getByTestId('outcome-cancelled').waitFor({ timeout: OUTCOME_TIMEOUT })
    // 5. The first one's outcome in full, from its toast.
    await toast.getByRole('button', { name: 'Show' }).click()
    await page.getByTestId('outcome-approved').waitFor()
    await expect(page.getByTestId('outcome-body').textContent()).resolves.toBe('€12.50 was paid.')
  })

  it('the board in English and German at 1024 and 1280 px, its detail, a check and a command', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 1024, height: 768 },
    ]) {
      const page = await open(viewport)
      await boardChecked(page)
      await expect(
        page.getByTestId(`terminal-${NORMAL}`).getByTestId('terminal-state').textContent(),
      ).resolves.toBe('Online')
      await shot(page, 'terminals-board-en')
      await axeBoard(page)
      // The detail: the day in words, "Check now", a command sent to the terminal.
      await page.getByTestId(`terminal-details-${NORMAL}`).click()
      await page.getByTestId('terminal-detail').waitFor()
      await page.getByTestId('terminal-check').click()
      await expect
        .poll(() => page.getByTestId('terminal-history').textContent())
        .toContain('Answered a check: ready for payments.')
      await page.getByTestId('command-hour').fill('3')
      await page.getByTestId('command-send').click()
      await expect
        .poll(() => page.getByTestId('command-answer').textContent())
        .toContain(`Sent to terminal ${NORMAL}.`)
      await expect
        .poll(() => page.getByTestId('command-journal').textContent())
        .toContain('Sent to the terminal')
      await shot(page, 'terminals-detail-en')
      await axeBoard(page)
      // German: the same screens must still fit.
      await page.keyboard.press('Alt+3')
      await page.getByTestId('language').selectOption('de')
      // German is loaded when first picked: the page speaks it once its messages are in.
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('de')
      await page.keyboard.press('Alt+1')
      await page.getByTestId('terminal-detail').waitFor()
      await expect(page.getByTestId('command-answer').textContent()).resolves.toContain(
        `An Terminal ${NORMAL} gesendet.`,
      )
      await shot(page, 'terminals-detail-de')
      await allGerman(page)
      await axeBoard(page)
      await page.getByRole('button', { name: /Zurück zu allen Terminals/ }).click()
      await expect(
        page.getByTestId(`terminal-${NORMAL}`).getByTestId('terminal-state').textContent(),
      ).resolves.toBe('Online')
      await shot(page, 'terminals-board-de')
      await allGerman(page)
      await axeBoard(page)
      await closeApp()
    }
  })
})
