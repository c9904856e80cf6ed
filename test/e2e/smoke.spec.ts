import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp } from './harness'

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  productName: string
  version: string
}

afterAll(closeBrowser)

describe('smoke', () => {
  it('opens the app in Chromium and shows its name and version from the contract', async () => {
    const app = await launchApp()
    try {
      await expect
        .poll(() => app.page.getByTestId('app-version').textContent())
        .toContain(pkg.version)
      expect(await app.page.getByTestId('app-name').textContent()).toBe(pkg.productName)
      expect(await app.page.title()).toBe('POS Companion')
      const api = await app.page.evaluate(() => ({
        frozen: Object.isFrozen(window.api),
        keys: Object.keys(window.api),
      }))
      expect(api.frozen).toBe(true)
      expect(api.keys).toContain('getAppInfo')
      expect(app.pageErrors).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('refuses a request that violates the contract with a clear error', async () => {
    const app = await launchApp()
    try {
      const result = await app.page.evaluate(() =>
        (window.api.getAppInfo as unknown as (x: unknown) => Promise<unknown>)({ bad: 1 }),
      )
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } })
    } finally {
      await app.close()
    }
  })
})
