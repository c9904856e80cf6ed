import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppNotice } from '@shared/contract'
import { createServices, type Services } from '../../../src/main/services'
import { testFakes } from '../../support/test-fakes'
import { fixture, makeService, record } from './helpers'

// A receipt record (`receipts/<id>/meta.json`) cut short by a power cut or a disk fault used to
// reject unhandled at start and fail every getReceipts of that payment.
const DAMAGED = '{"version":1,"paymentId":"p1","merchantId":"m'

const inline = () =>
  record('p1', { customerReceipt: fixture('customer.html'), merchantReceipt: '' })

let cleanup: (() => Promise<void>) | undefined
afterEach(async () => {
  await cleanup?.()
  cleanup = undefined
})

async function damage(dataDir: string, id = 'p1'): Promise<string> {
  const path = join(dataDir, 'receipts', id, 'meta.json')
  await mkdir(join(dataDir, 'receipts', id), { recursive: true })
  await writeFile(path, DAMAGED)
  return path
}

describe('a damaged receipt record', () => {
  it('is moved aside with a notice when fetches resume, and the receipts come back from the payment', async () => {
    const ctx = await makeService({
      findPayment: async (id) => (id === 'p1' ? inline() : undefined),
    })
    cleanup = ctx.cleanup
    await ctx.service.collect(inline())
    await damage(ctx.dataDir)

    await expect(ctx.service.resume()).resolves.toBeUndefined()

    const folder = await readdir(join(ctx.dataDir, 'receipts', 'p1'))
    const aside = folder.find((name) => name.startsWith('meta.json.corrupt-'))
    expect(aside).toBeDefined()
    expect(await readFile(join(ctx.dataDir, 'receipts', 'p1', aside!), 'utf8')).toBe(DAMAGED)
    expect(ctx.notices.list()).toMatchObject([
      {
        code: 'receipt_record_damaged',
        params: { paymentId: 'p1', movedTo: join(ctx.dataDir, 'receipts', 'p1', aside!) },
        level: 'warning',
      },
    ])
    // Rebuilt from the payment's result: the stored copy is there again.
    const view = await ctx.service.getReceipts('p1')
    expect(view.customer).toMatchObject({ status: 'stored', source: 'inline' })
  })

  it('answers "no receipts" for a payment it cannot rebuild, instead of an internal error', async () => {
    const ctx = await makeService()
    cleanup = ctx.cleanup
    await damage(ctx.dataDir)
    await expect(ctx.service.getReceipts('p1')).rejects.toMatchObject({
      code: 'receipts_not_found',
    })
    expect(ctx.notices.list().map((n) => n.code)).toEqual(['receipt_record_damaged'])
  })

  it('does not stop the app from starting, and the window hears of it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pos-damaged-receipt-'))
    await damage(dataDir, 'old-payment')
    cleanup = () => rm(dataDir, { recursive: true, force: true })
    const services: Services = await createServices({
      ...testFakes(),
      dataDir,
      appName: 'a',
      appVersion: '1',
      shell: 'browser',
    })
    cleanup = async () => {
      await services.dispose()
      await rm(dataDir, { recursive: true, force: true })
    }
    const ctx = { senderId: 't' }
    let notices: AppNotice[] = []
    // Resuming runs in the background at start; the notice is kept until a window lists it.
    await expect
      .poll(async () => (notices = await services.handlers.listNotices(undefined, ctx)))
      .toHaveLength(1)
    expect(notices[0]).toMatchObject({
      code: 'receipt_record_damaged',
      params: { paymentId: 'old-payment' },
    })
    expect(await services.handlers.dismissNotice({ id: notices[0]!.id }, ctx)).toEqual({
      dismissed: true,
    })
    expect(await services.handlers.listNotices(undefined, ctx)).toEqual([])
  })
})
