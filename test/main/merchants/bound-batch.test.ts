import { describe, expect, it } from 'vitest'
import type { BatchApi } from '../../../src/main/handpoint/batch-types'
import type { HandpointClient } from '../../../src/main/handpoint/types'
import { bindBatchCalls } from '../../../src/main/merchants/bound-client'

describe("a merchant's batch calls", () => {
  it("close only the merchant's own terminals, and read any batch", async () => {
    const calls: string[] = []
    const client = {
      closeBatch: async (input: { serialNumber: string }) => {
        calls.push(`close ${input.serialNumber}`)
        return { batchNumber: '1', customFields: [] }
      },
      getBatchSummary: async () => {
        calls.push('summary')
        return { batchNumber: '1', currency: 'EUR', netAmountMinor: 0, customFields: [] }
      },
      getBatchDetail: async () => {
        calls.push('detail')
        return { batchNumber: '1', currency: 'EUR', lines: [], customFields: [] }
      },
      getStatusAll: async () => [],
    } as unknown as HandpointClient & BatchApi
    const bound = bindBatchCalls(client, 'Café', () => [
      { serialNumber: 'T1', terminalType: 'PAXA920' },
      { serialNumber: 'VT1', terminalType: 'VT' },
    ])!
    await bound.closeBatch({ serialNumber: 'VT1', terminalType: 'VT' })
    await expect(
      bound.closeBatch({ serialNumber: 'T9', terminalType: 'PAXA920' }),
    ).rejects.toMatchObject({
      code: 'terminal_not_bound',
      params: { serial: 'T9', merchant: 'Café' },
    })
    await bound.getBatchSummary({
      serialNumber: 'T9',
      terminalType: 'PAXA920',
      batchNumber: '1',
      currency: 'EUR',
    })
    expect(calls).toEqual(['close VT1', 'summary'])
    expect(bindBatchCalls({} as HandpointClient, 'Café', () => [])).toBeUndefined()
  })
})
