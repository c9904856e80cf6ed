/**
 * One demo sale the way a cashier takes it, by keyboard only, and the checks that it was kept.
 * Shared by the real-Electron smoke test (test/electron, `npm run test:electron`, not part of
 * `npm test`) and its Chromium twin (test/e2e/demo-sale.spec.ts, part of `npm test`), so a screen
 * change that breaks these steps fails `npm test` instead of rotting unseen on the Electron side.
 */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

export const DEMO_SALE = { typed: '12.50', minor: '1250', currency: 'EUR' } as const
const OUTCOME_TIMEOUT = 45_000

/** Waits until the demo merchant's checkout is ready: banner, terminals listed. */
export async function waitForDemoCheckout(page: Page): Promise<void> {
  await page.getByTestId('demo-badge').waitFor({ timeout: 30_000 })
  await page.getByTestId('checkout-terminal').waitFor({ timeout: 30_000 })
}

/** Types the amount into the field that has the cursor on open, presses Enter, waits for approval. */
export async function takeDemoSaleByKeyboard(page: Page): Promise<void> {
  const amount = page.getByLabel(/^Amount/)
  await expect.poll(() => amount.evaluate((el) => el === document.activeElement)).toBe(true)
  await page.keyboard.type(DEMO_SALE.typed)
  await page.keyboard.press('Enter')
  await page.getByTestId('outcome-approved').waitFor({ timeout: OUTCOME_TIMEOUT })
  await expect(page.getByTestId('outcome-body').textContent()).resolves.toBe('€12.50 was paid.')
}

/** The sale through the app's own bridge (window.api -> IPC -> main), whatever store keeps it. */
export async function expectDemoSaleKept(page: Page): Promise<void> {
  const answer = await page.evaluate(() => window.api.searchHistory({ limit: 10 }))
  expect(answer.ok).toBe(true)
  if (!answer.ok) return
  expect(answer.data.total).toBe(1)
  expect(answer.data.items[0]).toMatchObject({
    operation: 'sale',
    state: 'approved',
    amountMinor: DEMO_SALE.minor,
    currency: DEMO_SALE.currency,
    result: { finStatus: 'AUTHORISED' },
  })
}

/** The sale on the History screen (Alt+2), opened by keyboard-reachable controls. */
export async function expectDemoSaleInHistory(page: Page): Promise<void> {
  // The receipt question comes first (Enter prints the customer copy), then the outcome's
  // primary action: back to a new sale.
  await page.getByTestId('receipt-ask').waitFor()
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
    .toBe('ask-yes')
  await page.keyboard.press('Enter')
  await page.getByTestId('receipt-ask').waitFor({ state: 'detached' })
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
    .toBe('new-sale')
  await page.keyboard.press('Enter')
  await page.getByTestId('checkout-form').waitFor()
  await page.keyboard.press('Alt+2')
  await page.getByLabel('Amount').fill(DEMO_SALE.typed)
  await page.getByLabel('Status').selectOption('approved')
  await page.getByRole('button', { name: 'Search' }).press('Enter')
  await expect.poll(() => page.getByTestId('history-row').count()).toBe(1)
  await page.getByTestId('history-row').getByRole('button').press('Enter')
  await page.getByTestId('history-detail').waitFor()
  await expect(page.getByTestId('detail-state').textContent()).resolves.toBe('Approved')
}
