import { lstat, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openAppSettings } from '../../../src/main/app/app-settings'
import { run } from '../../../src/cli/commands'
import { parseCli } from '../../../src/cli/options'
import { createServices, type Services } from '../../../src/main/services'
import { DEMO_API_KEY } from '../../../src/main/simulator'
import { testFakes } from '../../support/test-fakes'

// 0600 files and 0700 folders everywhere the app or the CLI writes, the payment store included.
const NOT_OURS = new Set<string>()

/** Every file and folder under `root` with its permission bits, as paths relative to it. */
async function walk(root: string, dir = root, out = new Map<string, number>()) {
  for (const name of await readdir(dir)) {
    const path = join(dir, name)
    if (dir === root && NOT_OURS.has(name)) continue
    const stat = await lstat(path)
    const rel = relative(root, path) + (stat.isDirectory() ? '/' : '')
    out.set(rel, stat.mode & 0o777)
    if (stat.isDirectory()) await walk(root, path, out)
  }
  return out
}

const ctx = { senderId: 't' }
let cleanup: (() => Promise<void>) | undefined
afterEach(async () => {
  await cleanup?.()
  cleanup = undefined
})

describe('file modes in the data folder', () => {
  it('after a demo session every file is 0600 and every folder 0700', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'pos-modes-'))
    const dataDir = join(parent, 'POS Companion') // created by the app
    let services: Services | undefined
    cleanup = async () => {
      await services?.dispose()
      await rm(parent, { recursive: true, force: true })
    }
    services = await createServices({
      ...testFakes(),
      dataDir,
      appName: 'a',
      appVersion: '1',
      shell: 'browser',
    })
    const h = services.handlers
    await h.setPrintSettings({ customerCopy: 'always', copies: 1 }, ctx)
    await h.addMerchant(
      { name: 'Second till', environment: 'simulator', currency: 'EUR', apiKey: DEMO_API_KEY },
      ctx,
    )
    const sale = await h.startPayment(
      {
        merchantId: 'demo',
        terminalSerial: '0821032398',
        operation: 'sale',
        amountMinor: '420',
        currency: 'EUR',
      },
      ctx,
    )
    await expect
      .poll(
        async () =>
          (await Promise.resolve(h.getReceipts({ paymentId: sale.id }, ctx)).catch(() => null))
            ?.customer.status,
        {
          timeout: 30_000,
          interval: 200,
        },
      )
      .toBe('stored')
    await h.printReceipt({ paymentId: sale.id, copy: 'merchant' }, ctx)
    await h.exportConfiguration({ passphrase: 'correct horse battery' }, ctx)
    const settings = openAppSettings(dataDir, services.notices)
    settings.update({ confirmQuitDuringPayments: false })
    await services.dispose()
    services = undefined

    const modes = await walk(dataDir)
    expect((await lstat(dataDir)).mode & 0o777).toBe(0o700)
    // The walk saw what the session wrote (a test that finds nothing proves nothing).
    const seen = [...modes.keys()]
    for (const expected of [
      'merchants.json',
      'app-settings.json',
      'secrets/',
      'receipts/',
      'receipts/settings.json',
      `receipts/${sale.id}/`,
      `receipts/${sale.id}/meta.json`,
      `receipts/${sale.id}/customer.html`,
      'payments/',
      'payments/payments.db',
    ]) {
      expect(seen).toContain(expected)
    }
    expect(seen.some((p) => /^secrets\/.+\.key$/.test(p))).toBe(true)
    const wrong = [...modes].filter(([path, mode]) => mode !== (path.endsWith('/') ? 0o700 : 0o600))
    expect(wrong.map(([path, mode]) => `${path} ${mode.toString(8)}`)).toEqual([])
  }, 45_000)

  it('the CLI creates its data folder owner-only', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'pos-cli-modes-'))
    cleanup = () => rm(parent, { recursive: true, force: true })
    const dataDir = join(parent, 'cli-data')
    const out: string[] = []
    const code = await run(
      parseCli(['history', '--data-dir', dataDir], {}),
      { out: (t) => out.push(t), err: (t) => out.push(t) },
      {},
    )
    expect(code).toBe(0)
    expect((await lstat(dataDir)).mode & 0o777).toBe(0o700)
  })
})
