import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildRoutes, type Route } from '../../../src/main/ipc/dispatcher'
import { createRecordingPrinter } from '../../../src/main/receipts/recording-printer'
import { createServices, type Services } from '../../../src/main/services'
import { testFakes } from '../../support/test-fakes'

let dataDir: string
let services: Services
let routes: Route[]
const call = (name: string, payload?: unknown) =>
  routes.find((r) => r.name === name)!.call(payload, { senderId: 'test' })

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pos-receipts-contract-'))
  services = await createServices({
    ...testFakes(),
    dataDir,
    appName: 'a',
    appVersion: '1',
    shell: 'browser',
    printer: createRecordingPrinter([{ name: 'TM', displayName: 'TM-T20', isDefault: true }]),
  })
  routes = buildRoutes(services.handlers)
})
afterEach(async () => {
  await services.dispose()
  await rm(dataDir, { recursive: true, force: true })
})

describe('receipts over the contract', () => {
  it('lists the printer the composition was given and keeps settings', async () => {
    expect(await call('listPrinters')).toEqual({
      ok: true,
      data: [{ name: 'TM', displayName: 'TM-T20', isDefault: true }],
    })
    expect(await call('setPrintSettings', { paperWidthMm: 58, printerName: 'TM' })).toMatchObject({
      ok: true,
      data: { paperWidthMm: 58, printerName: 'TM', customerCopy: 'ask' },
    })
    expect(await call('getPrintSettings')).toMatchObject({ ok: true, data: { paperWidthMm: 58 } })
  })

  it('refuses a paper width, copy or payment id outside the contract', async () => {
    for (const [name, payload] of [
      ['setPrintSettings', { paperWidthMm: 57 }],
      ['setPrintSettings', { copies: 50 }],
      ['setPrintSettings', { silent: false }],
      ['printReceipt', { paymentId: 'p1', copy: 'both' }],
      ['getReceipts', { paymentId: '../../etc' }],
    ] as const) {
      expect(await call(name, payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid_request' },
      })
    }
  })

  it('says in words that a payment has no receipts yet', async () => {
    expect(await call('getReceipts', { paymentId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'receipts_not_found', message: expect.stringMatching(/no receipts/) },
    })
  })
})
