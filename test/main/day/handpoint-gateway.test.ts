import { describe, expect, it } from 'vitest'
import { createHandpointGateway } from '../../../src/main/day/handpoint-gateway'
import { HandpointError } from '../../../src/main/handpoint'
import type { BatchApi, BatchClose } from '../../../src/main/handpoint/batch-types'

const answer: BatchClose = {
  batchNumber: '4',
  closeBatchGuid: 'g-4',
  closedAt: { raw: '20260714220000123', local: '2026-07-14T22:00:00.123' },
  batchStatus: 'CLOSED',
  issuerResponseCode: '00',
  issuerResponseText: 'ACCEPTED',
  customFields: [],
  issuerCloseLocalTime: '2026-07-14T22:00:00',
}

function fakeApi(closes: (() => Promise<BatchClose>)[]): BatchApi & { calls: number } {
  const api = {
    calls: 0,
    async closeBatch() {
      const next = closes[api.calls] ?? (async () => answer)
      api.calls += 1
      return next()
    },
    getBatchSummary: async () => {
      throw new HandpointError('bad-request', 'Batch operations are not available', {
        httpStatus: 400,
        gatewayCode: '3300',
      })
    },
    getBatchDetail: async () => {
      throw new HandpointError('network', 'ECONNREFUSED')
    },
    getStatusAll: async () => [
      {
        finStatus: 'CANCELLED',
        transactionID: 't1',
        totalAmount: 1250,
        rrn: 'R1',
        batchNumber: '4',
      },
    ],
  }
  return api
}

const terminal = { serial: 'T1', type: 'PAXA920' }
const gate = <T>(request: () => Promise<T>): Promise<T> => request()

describe('the Handpoint batch gateway', () => {
  it('keeps the close answer, and asks again after a 429 (a refusal, not a lost answer)', async () => {
    const waits: number[] = []
    const api = fakeApi([
      async () => {
        throw new HandpointError('rate-limited', 'Too many requests', { retryAfterMs: 2000 })
      },
    ])
    const gateway = createHandpointGateway(api, { gate, sleep: async (ms) => void waits.push(ms) })
    expect(await gateway.closeBatch({ terminal, batchNumber: '4' })).toEqual({
      batchNumber: '4',
      closeBatchGuid: 'g-4',
      closedAt: '20260714220000123',
      batchStatus: 'CLOSED',
      issuerResponseCode: '00',
      issuerResponseText: 'ACCEPTED',
      issuerLocalTime: '2026-07-14T22:00:00',
    })
    expect(api.calls).toBe(2)
    expect(waits).toEqual([2000])
  })

  it('never asks again after a close whose answer may be lost', async () => {
    const api = fakeApi([
      async () => {
        throw new HandpointError('server', 'Bad gateway', { httpStatus: 502, ambiguous: true })
      },
    ])
    const gateway = createHandpointGateway(api, { gate, sleep: async () => undefined })
    await expect(gateway.closeBatch({ terminal })).rejects.toMatchObject({ kind: 'ambiguous' })
    expect(api.calls).toBe(1)
  })

  it('tells refusals apart: batch number needed, no batches, unreachable', async () => {
    const api = fakeApi([
      async () => {
        throw new HandpointError('batch-number-required', '422', { httpStatus: 422 })
      },
    ])
    const gateway = createHandpointGateway(api, { gate, sleep: async () => undefined })
    await expect(gateway.closeBatch({ terminal })).rejects.toMatchObject({
      kind: 'batch_number_required',
    })
    const q = { terminal, batchNumber: '4', currency: 'EUR' }
    await expect(gateway.batchSummary(q)).rejects.toMatchObject({ kind: 'unsupported' })
    await expect(gateway.batchDetail(q)).rejects.toMatchObject({ kind: 'unreachable' })
    expect(await gateway.statusChain('ref')).toEqual([
      {
        finStatus: 'CANCELLED',
        transactionId: 't1',
        totalMinor: 1250,
        rrn: 'R1',
        batchNumber: '4',
      },
    ])
  })
})
