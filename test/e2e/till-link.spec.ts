import { createServer } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { closeBrowser, launchApp, type LaunchedApp } from './harness'

afterAll(closeBrowser)

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as { port: number }).port
  await new Promise((r) => server.close(r))
  return port
}

/** Settings > Till link: switch on, pick the port, make a token; returns the URL and token. */
async function setUpTillLink(app: LaunchedApp): Promise<{ url: string; token: string }> {
  const { page } = app
  await page.getByRole('button', { name: /^Settings/ }).click()
  const panel = page.getByTestId('till-settings')
  await panel.scrollIntoViewIfNeeded()
  await panel.getByTestId('till-port').fill(String(await freePort()))
  await panel.getByTestId('till-save-port').click()
  await panel.getByTestId('till-enabled').check()
  await expect.poll(() => panel.getByTestId('till-status').textContent()).toMatch(/Running at http/)
  const url = (await panel.getByTestId('till-status').textContent())!
    .replace(/.*Running at /, '')
    .trim()
  await panel.getByTestId('till-token-name').fill('Front till')
  await panel.getByTestId('till-token-create').click()
  const token = (await panel.getByTestId('till-token-value').textContent())!.trim()
  return { url, token }
}

describe('till link in the app', () => {
  it('is set up under Settings, and a till can then use it with its token', async () => {
    const app = await launchApp({ viewport: { width: 1280, height: 1500 } })
    try {
      const { url, token } = await setUpTillLink(app)
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/)
      expect(token).toMatch(/^ptl_/)
      const panel = app.page.getByTestId('till-settings')
      await expect.poll(() => panel.getByTestId('till-token').count()).toBe(1)
      expect(await panel.getByTestId('till-token').textContent()).toMatch(/Front till · Demo/)
      const terminals = await fetch(`${url}/terminals`, {
        headers: { Authorization: `Bearer ${token}` },
      })
      expect(terminals.status).toBe(200)
      const list = (await terminals.json()) as { terminals: { serial: string }[] }
      expect(list.terminals.length).toBeGreaterThan(0)
      if (process.env['POS_SCREENSHOTS']) {
        await panel.screenshot({ path: `${process.env['POS_SCREENSHOTS']}/till-settings.png` })
      }
      // Done copying: the token is gone from the screen for good.
      await panel.getByTestId('till-token-done').click()
      expect(await app.page.content()).not.toContain(token)
      expect(app.pageErrors).toEqual([])
    } finally {
      await app.close()
    }
  })

  it("shows a till's payment on the checkout, marked with the till, and the cashier can cancel it", async () => {
    const app = await launchApp({ viewport: { width: 1280, height: 1500 } })
    try {
      const { url, token } = await setUpTillLink(app)
      await app.page.keyboard.press('Alt+1')
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
      const started = await fetch(`${url}/payments`, {
        method: 'POST',
        headers: { ...headers, 'Idempotency-Key': 'e2e-till-1' },
        body: JSON.stringify({
          operation: 'sale',
          amount: 1234,
          currency: 'EUR',
          terminal: '0821032398',
        }),
      })
      expect(started.status).toBe(201)
      const { id } = (await started.json()) as { id: string }
      const mark = app.page.getByTestId('till-origin')
      await expect.poll(() => mark.textContent()).toBe('From till Front till')
      if (process.env['POS_SCREENSHOTS']) {
        await app.page.screenshot({ path: `${process.env['POS_SCREENSHOTS']}/till-checkout.png` })
      }
      const cancel = app.page.getByTestId('cancel-payment')
      await expect.poll(() => cancel.isEnabled()).toBe(true)
      await cancel.click()
      let state = ''
      for (let i = 0; i < 10 && state !== 'cancelled'; i += 1) {
        const res = await fetch(`${url}/payments/${id}?wait=10`, { headers })
        state = ((await res.json()) as { state: string }).state
      }
      expect(state).toBe('cancelled')
      expect(app.pageErrors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
