import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp } from './harness'

afterAll(closeBrowser)

describe('app notices', () => {
  it('a damaged merchants file: moved aside, the app starts, the banner says where, dismissed for good', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pos-e2e-notices-'))
    await writeFile(join(dataDir, 'merchants.json'), '{"schemaVersion":4,"merchants":[{"id":')
    const app = await launchApp({ dataDir })
    try {
      const aside = (await readdir(dataDir)).find((n) => n.startsWith('merchants.json.corrupt-'))
      expect(aside).toBeDefined()
      const notice = app.page.getByTestId('notice')
      await expect.poll(() => notice.count()).toBe(1)
      const text = await notice.textContent()
      expect(text).toContain('The merchants settings file is damaged')
      expect(text).toContain(join(dataDir, aside!))
      expect(await app.page.getByTestId('notices').getAttribute('aria-live')).toBe('polite')
      if (process.env['POS_E2E_SCREENSHOTS']) {
        await app.page.screenshot({ path: join(process.env['POS_E2E_SCREENSHOTS'], 'notice.png') })
      }

      await app.page.getByTestId('notice-dismiss').click()
      await expect.poll(() => notice.count()).toBe(0)
      // Main forgot it too: a reload of the window does not bring it back.
      await app.page.reload()
      await expect.poll(() => app.page.getByTestId('app-version').count()).toBe(1)
      expect(await notice.count()).toBe(0)
      expect(app.pageErrors).toEqual([])
    } finally {
      await app.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
