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

  it('an engine without the till API refuses till payments in words, and still reads and streams', async () => {
    const items = [
      record({ id: 'a', result: { finStatus: 'AUTHORISED', transactionId: 'tx-a' } }),
      record({ id: 'b' }),
    ]
    const engine: EngineForTill = {
      get: (id) => {
        const r = items.find((i) => i.id === id)
        if (!r) throw new Error('none')
        return r
      },
      search: () => ({ items, total: items.length }),
      cancel: async () => ({ requested: true }),
      active: () => [],
    }
    const listeners: ((e: never) => void)[] = []
    const port = engineForTill(engine, (l) => {
      listeners.push(l as never)
      return () => undefined
    })
    await expect(
      port.startOnce(
        { merchantId: 'm1', terminalSerial: 'T1', operation: 'sale' },
        {
          scope: 's',
          key: 'k',
          fingerprint: 'f',
          origin: { kind: 'till', tillId: 't', tillName: 'T' },
        },
      ),
    ).rejects.toMatchObject({ code: 'till_unavailable' })
    expect(port.find('a')?.id).toBe('a')
    expect(port.find('zzz')).toBeUndefined()
    expect(port.findByTransactionId('m1', 'tx-a')?.id).toBe('a')
    expect(port.list({ merchantId: 'm1', limit: 5 }).map((r) => r.id)).toEqual(['a', 'b'])
    const seen = vi.fn()
    port.subscribe(seen)
    expect(listeners).toHaveLength(1)
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
