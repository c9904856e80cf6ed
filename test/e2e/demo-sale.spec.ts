/**
 * The real-Electron smoke test's steps (test/electron/smoke.spec.ts) run here in Chromium, so they
 * stay true while `npm test` runs on machines that cannot download Electron.
 */
import { afterAll, describe, expect, it } from 'vitest'
import {
  expectDemoSaleInHistory,
  expectDemoSaleKept,
  takeDemoSaleByKeyboard,
  waitForDemoCheckout,
} from './flows/demo-sale'
import { closeBrowser, launchApp } from './harness'

afterAll(closeBrowser)

describe('the Electron smoke test steps, in Chromium', () => {
  it('takes one demo sale by keyboard, shows it approved and keeps it', async () => {
    const app = await launchApp()
    try {
      await waitForDemoCheckout(app.page)
      await takeDemoSaleByKeyboard(app.page)
      await expectDemoSaleKept(app.page)
      await expectDemoSaleInHistory(app.page)
      expect(app.pageErrors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
