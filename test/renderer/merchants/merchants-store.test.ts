import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { MerchantsSnapshot } from '@shared/contract'
import { useMerchantsStore } from '@renderer/stores/merchants'
import { installFakeApi } from '../fake-api'
import { demo, merchant, ok, snapshot } from './fixtures'

beforeEach(() => setActivePinia(createPinia()))

describe('merchants store', () => {
  it('loads the snapshot, lists the demo terminals once on first start, and follows change events', async () => {
    let push: ((s: MerchantsSnapshot) => void) | undefined
    const listTerminals = vi.fn(() =>
      ok({
        merchantId: 'demo',
        terminals: [{ serialNumber: '0821032398', terminalType: 'PAXA920PRO' }],
        fetchedAt: 5,
        offline: false,
      }),
    )
    installFakeApi({
      listMerchants: () => ok(snapshot()),
      listTerminals,
      onMerchantsChanged: (l: (s: MerchantsSnapshot) => void) => ((push = l), () => undefined),
    })
    const store = useMerchantsStore()
    await store.load()
    expect(store.activeMerchant?.id).toBe('demo')
    expect(listTerminals).toHaveBeenCalledWith({ merchantId: 'demo', refresh: true })
    expect(store.terminals('demo')).toEqual([
      {
        serialNumber: '0821032398',
        terminalType: 'PAXA920PRO',
        merchantId: 'demo',
        isDefault: false,
        lastSeenAt: 5,
      },
    ])
    push!(
      snapshot({
        merchants: [merchant({ defaultTerminalSerial: '111' })],
        activeMerchantId: 'm-1',
      }),
    )
    expect(store.merchants.map((m) => m.id)).toEqual(['m-1'])
    expect(store.terminals('m-1')[0]).toMatchObject({
      serialNumber: '111',
      isDefault: true,
      merchantId: 'm-1',
    })
    expect(store.terminals('demo')).toEqual([])
  })

  it('keeps the last known terminals and records an offline notice when a refresh cannot connect', async () => {
    installFakeApi({
      listMerchants: () => ok(snapshot({ merchants: [merchant()], activeMerchantId: 'm-1' })),
      onMerchantsChanged: () => () => undefined,
      listTerminals: () =>
        ok({
          merchantId: 'm-1',
          terminals: [{ serialNumber: '111', terminalType: 'PAXA920' }],
          fetchedAt: 1_760_000_000_000,
          offline: true,
        }),
    })
    const store = useMerchantsStore()
    await store.load()
    const list = await store.refreshTerminals('m-1')
    expect(list.offline).toBe(true)
    expect(store.terminalNotices['m-1']).toEqual({ offline: true, fetchedAt: 1_760_000_000_000 })
    expect(store.terminals('m-1')).toHaveLength(1)
  })

  it('switching the active merchant goes through main, and removing the active one picks another', async () => {
    const setActiveMerchant = vi.fn(() => ok({ activeMerchantId: 'm-1' }))
    installFakeApi({
      listMerchants: () => ok(snapshot({ merchants: [demo, merchant()] })),
      onMerchantsChanged: () => () => undefined,
      listTerminals: () => ok({ merchantId: 'demo', terminals: [], offline: false }),
      setActiveMerchant,
      removeMerchant: () => ok({ removed: true }),
    })
    const store = useMerchantsStore()
    await store.load()
    await store.setActive('m-1')
    expect(setActiveMerchant).toHaveBeenCalledWith({ id: 'm-1' })
    expect(store.activeMerchant?.name).toBe('Salon Anna')
    await store.remove('m-1')
    expect(store.activeMerchantId).toBe('demo')
  })
})
