/**
 * The money rules as a cashier and a manager meet them, in Chromium against the real services
 * (demo merchant on the built-in simulator): the manager PIN set in Settings, the merchant's
 * ceiling typed as money, a refund above it asking for the PIN (a wrong one said in words, the
 * right one approving), and History then offering only what main would accept. Screenshots go to
 * test-results/screens (or POS_SCREEN_SHOTS) for a person to look at; each is axe-checked.
 */
import { mkdir, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type LaunchedApp } from './harness'
import { axeFindings } from './support/screen-checks'

const SHOTS =
  process.env['POS_SCREEN_SHOTS'] ?? resolve(import.meta.dirname, '../../test-results/screens')
const OUTCOME_TIMEOUT = 45_000

let app: LaunchedApp | undefined
afterEach(async () => {
  const errors = app?.pageErrors ?? []
  const dataDir = app?.dataDir
  await app?.close()
  app = undefined
  if (dataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  expect(errors).toEqual([])
})
afterAll(closeBrowser)

async function open(viewport = { width: 1280, height: 800 }): Promise<Page> {
  app = await launchApp({ viewport, keepDataDir: true })
  await app.page.getByTestId('demo-badge').waitFor()
  await app.page.getByTestId('checkout-terminal').waitFor()
  return app.page
}

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true })
  const { width } = page.viewportSize() ?? { width: 0 }
  await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`) })
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0)
  const findings = await axeFindings(page)
  expect(findings.map((f) => `${f.impact} ${f.rule}: ${f.summary}`)).toEqual([])
}

/** Settings: a manager PIN for this checkout and a 5.00 ceiling on the demo merchant. */
async function managerSetUp(page: Page): Promise<void> {
  await page.keyboard.press('Alt+3')
  const pin = page.getByTestId('manager-pin-settings')
  await pin.waitFor()
  await expect(page.getByTestId('manager-pin-state').textContent()).resolves.toContain(
    'No manager PIN is set',
  )
  await page.getByTestId('pin-new').fill('2468')
  await page.getByTestId('pin-repeat').fill('2468')
  await page.keyboard.press('Enter')
  await expect
    .poll(() => page.getByTestId('manager-pin-state').textContent())
    .toContain('A manager PIN is set')
  const demo = page.getByTestId('merchant-demo')
  await demo.getByText('Preferences', { exact: true }).click()
  const ceiling = page.getByTestId('ceiling-demo')
  await expect(demo.textContent()).resolves.toContain('without a manager, in EUR')
  await ceiling.fill('5.00')
  await demo.getByTestId('save-prefs').click()
  await demo.getByText('Saved').waitFor()
  await shot(page, 'settings-manager')
}

describe('the manager’s ceiling', () => {
  it('asks for the manager PIN on a refund above it, and says a wrong PIN in words', async () => {
    const page = await open()
    await managerSetUp(page)

    await page.keyboard.press('Alt+1')
    await page.getByText('Refund', { exact: true }).click()
    const amount = page.getByLabel(/^Amount/)
    await amount.focus()
    await page.keyboard.type('9.00')
    await page.keyboard.press('Enter')

    const dialog = page.getByTestId('manager-pin-dialog')
    await dialog.waitFor()
    await expect(page.getByTestId('manager-pin-why').textContent()).resolves.toMatch(
      /Refunds and reversals above €5\.00 need a manager/,
    )
    // The PIN field has the focus: the manager types and presses Enter.
    await page.keyboard.type('1111')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.getByTestId('manager-pin-why').textContent())
      .toBe('That is not the manager PIN. 2 attempts left.')
    await shot(page, 'manager-pin-wrong')
    await page.keyboard.type('2468')
    await page.keyboard.press('Enter')
    await page.getByTestId('outcome-approved').waitFor({ timeout: OUTCOME_TIMEOUT })
    await expect(dialog.count()).resolves.toBe(0)
    await expect(page.getByTestId('outcome-body').textContent()).resolves.toBe(
      '€9.00 was refunded to the card.',
    )
  })

  it('Escape closes the prompt and nothing is refunded', async () => {
    const page = await open()
    await managerSetUp(page)
    await page.keyboard.press('Alt+1')
    await page.getByText('Refund', { exact: true }).click()
    await page.getByLabel(/^Amount/).focus()
    await page.keyboard.type('7.00')
    await page.keyboard.press('Enter')
    await page.getByTestId('manager-pin-dialog').waitFor()
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('manager-pin-dialog').count()).resolves.toBe(0)
    await expect(page.getByTestId('outcome-approved').count()).resolves.toBe(0)
  })
})

describe('History after a refund', () => {
  it('says refunded, offers no reversal and says why', async () => {
    const page = await open()
    await page.getByLabel(/^Amount/).focus()
    await page.keyboard.type('9.00')
    await page.keyboard.press('Enter')
    await page.getByTestId('outcome-approved').waitFor({ timeout: OUTCOME_TIMEOUT })
    await page.getByTestId('new-sale').click()
    await page.keyboard.press('Alt+2')
    await page.getByTestId('history-search').click()
    const sale = page.locator('[data-testid=history-row][data-operation=sale]').first()
    await sale.getByRole('button').click()
    await page.getByTestId('follow-up-refund').click()
    await page.getByTestId('follow-up-amount').fill('9.00')
    await page.getByTestId('follow-up-start').click()
    await page.getByTestId('outcome-approved').waitFor({ timeout: OUTCOME_TIMEOUT })
    await page.getByTestId('new-sale').click()

    await page.keyboard.press('Alt+2')
    await page.getByTestId('history-search').click()
    const refunded = page
      .locator('[data-testid=history-row][data-operation=sale]')
      .filter({ has: page.locator('.pill-refunded') })
    await refunded.getByRole('button').click()
    const detail = page.getByTestId('history-detail')
    await detail.waitFor()
    await expect(detail.getByTestId('follow-up-reverse').count()).resolves.toBe(0)
    await expect(detail.getByTestId('follow-up-refund').count()).resolves.toBe(0)
    await expect(page.getByTestId('follow-ups-refused').textContent()).resolves.toContain(
      'already refunded',
    )
    await page.getByTestId('follow-ups-refused').scrollIntoViewIfNeeded()
    await shot(page, 'history-refunded')
  })
})
