import { describe, expect, it, vi } from 'vitest'
import type { PaymentRecord } from '@shared/contract/payments.contract'
import {
  directoryForTill,
  engineForTill,
  toStartRequest,
  type EngineForTill,
} from '../../../src/main/till/wiring'

const record = (over: Partial<PaymentRecord>): PaymentRecord => ({
  id: 'p1',
  merchantId: 'm1',
  terminalSerial: 'T1',
  terminalType: 'PAX',
  operation: 'sale',
  transactionReference: 'ref',
  flow: 'poll',
  state: 'approved',
  createdAt: 1,
  updatedAt: 1,
  evidence: [],
  ...over,
})

describe('till link wiring', () => {
  it("hands minor units to the engine's start request as they are", () => {
    expect(
      toStartRequest({
        merchantId: 'm1',
        terminalSerial: 'T1',
        operation: 'sale',
        amountMinor: '1234',
        currency: 'EUR',
        tipPercentages: [10],
      }),
    ).toEqual({
      merchantId: 'm1',
      terminalSerial: 'T1',
      operation: 'sale',
      amountMinor: '1234',
      currency: 'EUR',
      tipPercentages: [10],
    })
  })

  it("hands requests to the engine's till API and reads through it", async () => {
    const items = [
      record({ id: 'a', result: { finStatus: 'AUTHORISED', transactionId: 'tx-a' } }),
      record({ id: 'b' }),
    ]
    const startOnce = vi.fn(async (request: unknown) => ({ record: items[1]!, replayed: !request }))
    const unsubscribe = vi.fn()
    const engine = {
      startOnce,
      findByIdempotencyKey: () => items[0],
      list: () => items,
      subscribe: () => unsubscribe,
      get: (id: string) => {
        const r = items.find((i) => i.id === id)
        if (!r) throw new Error('none')
        return r
      },
      search: () => ({ items, total: items.length }),
      cancel: async () => ({ requested: true, code: 'cancel_sent' }),
      active: () => [],
    } as unknown as EngineForTill
    const port = engineForTill(engine)
    const once = {
      scope: 'till:t',
      key: 'k',
      fingerprint: 'f',
      origin: { kind: 'till' as const, tillId: 't', tillName: 'T' },
    }
    await port.startOnce(
      {
        merchantId: 'm1',
        terminalSerial: 'T1',
        operation: 'sale',
        amountMinor: '500',
        currency: 'EUR',
      },
      once,
    )
    expect(startOnce).toHaveBeenCalledWith(
      {
        merchantId: 'm1',
        terminalSerial: 'T1',
        operation: 'sale',
        amountMinor: '500',
        currency: 'EUR',
      },
      once,
    )
    expect(port.find('a')?.id).toBe('a')
    expect(port.find('zzz')).toBeUndefined()
    expect(port.findByTransactionId('m1', 'tx-a')?.id).toBe('a')
    expect(port.findByTransactionId('m1', 'tx-none')).toBeUndefined()
    expect(port.subscribe(() => undefined)).toBe(unsubscribe)
  })

  it('lists a merchant never listed before once, and finds which merchant has a terminal', async () => {
    const profiles = [
      {
        id: 'm1',
        name: 'One',
        terminals: [] as { serialNumber: string; terminalType: string }[],
        terminalsFetchedAt: undefined as number | undefined,
      },
      {
        id: 'm2',
        name: 'Two',
        terminals: [{ serialNumber: 'S2', terminalType: 'PAX' }],
        terminalsFetchedAt: 1,
      },
    ]
    const terminalOf = vi.fn(async () => {
      profiles[0]!.terminals = [{ serialNumber: 'S1', terminalType: 'PAX' }]
      profiles[0]!.terminalsFetchedAt = 2
      return undefined
    })
    const directory = directoryForTill({ profiles: () => profiles, terminalOf })
    expect(await directory.terminalsOf('m1')).toEqual([{ serial: 'S1', type: 'PAX' }])
    expect(await directory.terminalsOf('m1')).toHaveLength(1)
    expect(terminalOf).toHaveBeenCalledTimes(1)
    expect(await directory.merchantOfTerminal('S2')).toBe('m2')
    expect(await directory.merchantOfTerminal('S9')).toBeUndefined()
    expect(directory.merchants()).toEqual([
      { id: 'm1', name: 'One' },
      { id: 'm2', name: 'Two' },
    ])
  })
})
