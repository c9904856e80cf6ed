import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppNotice } from '@shared/contract'
import { openPaymentStore } from '../../../src/main/payments/store/open-store'
import { createServices, type Services } from '../../../src/main/services'
import { testFakes } from '../../support/test-fakes'
import { newSale } from './store/fixtures'
import { tempDataDir } from './support'

const ctx = { senderId: 't' }
let services: Services | undefined
afterEach(async () => {
  await services?.dispose()
  services = undefined
})

/** Resolves with the first notice `take` accepts; the store's check runs beside the start. */
function nextNotice(s: Services, take: (n: AppNotice) => boolean): Promise<AppNotice> {
  return new Promise((resolve) => {
    const stop = s.subscribe({
      emit: (name, payload) => {
        if (name === 'onAppNotice' && take(payload as AppNotice)) {
          stop()
          resolve(payload as AppNotice)
        }
      },
    })
  })
}

describe('the app with a damaged payment store', () => {
  it('starts, tells the cashier, keeps the store aside and goes on with the payments it could trust', async () => {
    const dataDir = tempDataDir('app-damage-')
    const { store } = openPaymentStore({ dir: path.join(dataDir, 'payments'), check: 'now' })
    const kept = newSale({ merchantId: 'demo' })
    const damaged = newSale({ merchantId: 'demo' }, kept.record.createdAt + 1000)
    store.insert(kept)
    store.insert(damaged)
    const file = path.join(dataDir, 'payments', 'payments.db')
    const body = store.database
      .prepare('SELECT body FROM payment_changes ORDER BY no DESC LIMIT 1')
      .get()!.body as Uint8Array
    store.close()
    const bytes = readFileSync(file)
    const at = bytes.indexOf(Buffer.from(body))
    bytes[at + 3] = bytes[at + 3]! ^ 0x01
    writeFileSync(file, bytes)

    services = await createServices({
      ...testFakes(),
      dataDir,
      appName: 'a',
      appVersion: '1',
      shell: 'browser',
    })
    const notice = await nextNotice(services, (n) => n.code === 'payments_store_damaged')
    expect(notice).toMatchObject({ level: 'warning', params: { kept: 1, lost: 1 } })
    // Kept for a window that opens later, too.
    const listed = await services.handlers.listNotices(undefined, ctx)
    expect(listed.map((n) => n.code)).toContain('payments_store_damaged')
    expect(
      readdirSync(path.join(dataDir, 'payments')).some((f) => f.startsWith('payments.db.corrupt-')),
    ).toBe(true)
    const page = await services.handlers.searchHistory({ limit: 10, offset: 0 }, ctx)
    expect(page.items.map((r) => r.id)).toEqual([kept.record.id])
    // The repaired store is whole: a fresh, full check finds nothing.
    const db = new DatabaseSync(file)
    expect(db.prepare('PRAGMA quick_check').get()).toEqual({ quick_check: 'ok' })
    db.close()
  })
})
