import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract'
import {
  exportConfiguration,
  importConfiguration,
} from '../../../src/main/merchants/configuration-transfer'
import { ManagerPin } from '../../../src/main/payments/money/manager-pin'
import { COM, device, fakeCloud, openService, removeTempDirs, tempDir } from './support'

/**
 * The ceiling protects only while a cashier cannot lift it: once a manager PIN is set, raising
 * or removing a merchant's ceiling (in Settings, by removing the merchant, or by importing a
 * configuration) needs the PIN; lowering it needs nobody.
 */

afterEach(removeTempDirs)

const KEY = 'key-alpha-0000000000000000000A1b2'

async function setUp() {
  const dataDir = await tempDir()
  const pin = new ManagerPin({ dataDir, now: Date.now })
  await pin.set('2468')
  const cloud = fakeCloud({ [COM]: { [KEY]: [device('111')] } })
  const service = await openService(dataDir, {
    createClient: cloud.factory,
    manager: {
      isSet: async () => (await pin.status()).set,
      check: (p) => pin.check(p),
      now: Date.now,
    },
  })
  const m = await service.addMerchant({
    name: 'Anna',
    environment: 'production',
    currency: 'EUR',
    apiKey: KEY,
  })
  // The first ceiling needs nobody.
  await service.updateMerchant(m.id, { limits: { refundCeilingMinor: '5000' } })
  return { service, id: m.id, cloud }
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  return err instanceof AppError ? err.code : undefined
}

describe('lifting a ceiling needs the manager PIN', () => {
  it('in Settings: raising, removing or changing its currency; lowering needs nobody', async () => {
    const { service, id } = await setUp()
    await service.updateMerchant(id, { limits: { refundCeilingMinor: '3000' } })
    expect(
      await codeOf(service.updateMerchant(id, { limits: { refundCeilingMinor: '9000' } })),
    ).toBe('ceiling_change_needs_manager')
    expect(await codeOf(service.updateMerchant(id, { limits: {} }))).toBe(
      'ceiling_change_needs_manager',
    )
    expect(await codeOf(service.updateMerchant(id, { currency: 'JPY' }))).toBe(
      'ceiling_change_needs_manager',
    )
    expect(
      await codeOf(service.updateMerchant(id, { limits: { refundCeilingMinor: '9000' } }, '1111')),
    ).toBe('manager_pin_wrong')
    expect(service.view(id)?.limits.refundCeilingMinor).toBe('3000')
    await service.updateMerchant(id, { limits: { refundCeilingMinor: '9000' } }, '2468')
    expect(service.view(id)?.limits.refundCeilingMinor).toBe('9000')
    // Other preferences pass without a PIN.
    await service.updateMerchant(id, { name: 'Anna’s' })
  })

  it('removing a merchant that has one, or importing a file that lifts it', async () => {
    const { service, id } = await setUp()
    const exported = await exportConfiguration(service, 'passphrase-1', new Date())
    await service.updateMerchant(id, { limits: { refundCeilingMinor: '1000' } })
    expect(
      await codeOf(importConfiguration(service, exported.content, 'passphrase-1', 'merge', 1)),
    ).toBe('ceiling_change_needs_manager')
    expect(service.view(id)?.limits.refundCeilingMinor).toBe('1000')
    await importConfiguration(service, exported.content, 'passphrase-1', 'merge', 1, '2468')
    expect(service.view(id)?.limits.refundCeilingMinor).toBe('5000')

    expect(await codeOf(service.removeMerchant(id))).toBe('ceiling_change_needs_manager')
    await service.removeMerchant(id, '2468')
    expect(service.view(id)).toBeUndefined()
  })
})
