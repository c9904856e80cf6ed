import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { APP_ORIGIN, createAppRequestHandler } from '../../src/main/app/app-protocol'
import { closeBrowser, launchApp } from './harness'

afterAll(closeBrowser)

/** Chromium here cannot register app://, so a stand-in origin is routed to the same handler. */
const STAND_IN = 'http://pos-companion.test'
const RENDERER_DIR = join(resolve(import.meta.dirname, '../..'), 'out/renderer')

describe('the built renderer served by the app:// handler', () => {
  it('loads and runs under the CSP the handler sets, with the right MIME types', async () => {
    const app = await launchApp({ navigate: false })
    const handler = createAppRequestHandler(RENDERER_DIR)
    const served: { path: string; status: number; type: string | null }[] = []
    try {
      await app.page.route(`${STAND_IN}/**`, async (route) => {
        const request = route.request()
        const url = request.url().replace(STAND_IN, APP_ORIGIN)
        const response = await handler(new Request(url, { method: request.method() }))
        served.push({
          path: new URL(url).pathname,
          status: response.status,
          type: response.headers.get('content-type'),
        })
        await route.fulfill({
          status: response.status,
          headers: Object.fromEntries(response.headers),
          body: Buffer.from(await response.arrayBuffer()),
        })
      })
      await app.page.goto(`${STAND_IN}/index.html`)
      await expect.poll(() => app.page.getByTestId('app-name').textContent()).toBe('POS Companion')
      expect(served.filter((s) => s.path.endsWith('.js'))[0]).toMatchObject({
        status: 200,
        type: 'text/javascript; charset=utf-8',
      })
      expect(
        served.some((s) => s.path.endsWith('.css') && s.type === 'text/css; charset=utf-8'),
      ).toBe(true)
      expect(app.pageErrors).toEqual([]) // a clean start: nothing blocked, nothing missing

      // The page cannot reach anything outside the renderer folder, and the CSP blocks inline
      // script the way the app window does.
      const outside = await app.page.evaluate(async () =>
        Promise.all(
          [
            '/..%2f..%2fpackage.json',
            '/%2e%2e/main/index.js',
            '/assets/..%2f..%2f..%2fpackage.json',
          ].map(async (path) => (await fetch(path)).status),
        ),
      )
      expect(outside.every((status) => status >= 400)).toBe(true)
      const inline = await app.page.evaluate(() => {
        const s = document.createElement('script')
        s.textContent = 'window.__inlineRan = true'
        document.head.append(s)
        return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true
      })
      expect(inline).toBe(false)
      expect(app.pageErrors.at(-1)).toMatch(/violates the following Content Security Policy/)
    } finally {
      await app.close()
    }
  })
})
