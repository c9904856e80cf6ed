/**
 * The checkout when things go wrong, end to end: the payment engine is pointed (through
 * `merchantDirectory`) at a simulator this spec controls, so it can drop a 202, switch a terminal
 * off, or stop the app mid-payment. The screens must say what happened and offer only safe steps.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createHandpointClient } from '../../src/main/handpoint'
import { createStaticDirectory } from '../../src/main/payments/static-directory'
import { DEMO_API_KEY, startSimulator, type Simulator } from '../../src/main/simulator'
import { closeBrowser, launchApp, type LaunchedApp } from './harness'

const SHOTS =
  process.env['POS_SCREEN_SHOTS'] ?? resolve(import.meta.dirname, '../../test-results/screens')
const DEFAULT_TERMINAL = '0821032398'
const PIN_TERMINAL = '1850025030'

let sim: Simulator
const apps: LaunchedApp[] = []
const dirs: string[] = []

beforeAll(async () => {
  sim = await startSimulator()
})
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close()
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true, maxRetries: 5 })
  sim.faults.drop202 = 0
  sim.setBehaviour(DEFAULT_TERMINAL, 'normal')
})
afterAll(async () => {
  await sim.close()
  await closeBrowser()
})

async function open(dataDir?: string): Promise<Page> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'pos-e2e-faults-')))
  if (!dataDir) dirs.push(dir)
  const client = createHandpointClient({
    apiBaseUrl: sim.apiBaseUrl,
    statusBaseUrl: sim.statusBaseUrl,
    apiKey: DEMO_API_KEY,
  })
  const app = await launchApp({
    dataDir: dir,
    viewport: { width: 1280, height: 800 },
    services: { merchantDirectory: createStaticDirectory([{ merchantId: 'demo', client }]) },
  })
  apps.push(app)
  // The board, not the form: after a restart the checkout may open on a running payment.
  await app.page.getByTestId(`terminal-${DEFAULT_TERMINAL}`).waitFor()
  return app.page
}

async function typeAndEnter(page: Page, amount: string): Promise<void> {
  await page.getByLabel(/^Amount/).focus()
  await page.keyboard.type(amount)
  await page.keyboard.press('Enter')
}

describe('checkout when things go wrong', () => {
  it('shows the outcome as unknown after a lost 202, never offers to charge again, then shows what happened', async () => {
    const page = await open()
    sim.faults.drop202 = 1
    await typeAndEnter(page, '14.20')
    const unknown = page.getByTestId('outcome-unknown')
    await unknown.waitFor({ timeout: 30_000 })
    await page.screenshot({ path: join(SHOTS, 'outcome-unknown-1280.png') })
    sim.faults.drop202 = 0
    const buttons = await page.locator('main button').allTextContents()
    expect(buttons.filter((b) => /charge|new sale|try again/i.test(b))).toEqual([])
    await expect(page.getByTestId('unknown-sent').textContent()).resolves.toBe(
      'Sale of €14.20 to terminal 0821032398',
    )
    // The engine resolves it by reference: the sale went through, exactly once.
    await page.getByTestId('outcome-approved').waitFor({ timeout: 60_000 })
    expect(Object.values(sim.stats().postsByReference)).toEqual([1])
  })

  it('says in words that the terminal is offline and marks it on the board', async () => {
    const page = await open()
    sim.setBehaviour(DEFAULT_TERMINAL, 'offline')
    await typeAndEnter(page, '3.00')
    const error = page.getByTestId('start-error')
    await error.waitFor({ timeout: 20_000 })
    expect(await error.textContent()).toMatch(/is not responding. Nothing was charged/)
    // Main's terminal health hears the 1002 and reports the terminal offline.
    await expect
      .poll(() =>
        page
          .getByTestId(`terminal-${DEFAULT_TERMINAL}`)
          .getByTestId('terminal-state')
          .textContent(),
      )
      .toBe('Offline')
    await page.screenshot({ path: join(SHOTS, 'terminal-offline-1280.png') })
  })

  it('picks up an operation still running after a restart and shows how it ended', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pos-e2e-restart-'))
    dirs.push(dataDir)
    const first = await open(dataDir)
    await first.getByTestId(`terminal-use-${PIN_TERMINAL}`).click()
    await typeAndEnter(first, '9.99')
    await first.getByTestId('payment-progress').waitFor()
    await apps.pop()!.close()

    const again = await open(dataDir)
    await again
      .locator('[data-testid=payment-progress], [data-testid=outcome-approved]')
      .first()
      .waitFor({ timeout: 20_000 })
    await again.getByTestId('outcome-approved').waitFor({ timeout: 60_000 })
    await expect(again.getByTestId('outcome-body').textContent()).resolves.toBe('€9.99 was paid.')
    expect(Object.values(sim.stats().postsByReference).every((n) => n === 1)).toBe(true)
  })
})
