import { afterEach, describe, expect, it } from 'vitest'
import type { HandpointClient } from '../../../src/main/handpoint/types'
import { createPaymentEngine, type PaymentEngine } from '../../../src/main/payments/engine'
import { toResultView } from '../../../src/main/payments/result-view'
import { createStaticDirectory } from '../../../src/main/payments/static-directory'
import { ManualClock, settle, tempDataDir } from './support'

const PAN = '4111111111111111'

let engine: PaymentEngine | undefined
afterEach(async () => {
  await engine?.dispose()
  engine = undefined
})

describe('card numbers in what the payments keep and show', () => {
  it('are masked in the result view, whatever path the result came by (callbacks too)', () => {
    const view = toResultView({
      finStatus: 'DECLINED',
      statusMessage: `Card ${PAN} declined`,
      errorMessage: `Refused: 4111 1111 1111 1111`,
    })
    expect(view.statusMessage).toBe('Card ************1111 declined')
    expect(view.errorMessage).toBe('Refused: **** **** **** 1111')
  })

  it('never reach the evidence or last error of a payment, even when the network quotes one', async () => {
    const client = {
      listDevices: async () => [{ serialNumber: 'T1', terminalType: 'PAXA920' }],
      startTransaction: async () => {
        throw new Error(`socket closed while sending card ${PAN}`)
      },
      getTransactionResult: async () => ({ kind: 'in-progress' as const }),
      getStatusByReference: async () => ({ finStatus: 'UNDEFINED' }),
      getStatusChain: async () => [],
      adjustTip: async () => undefined,
    } satisfies HandpointClient
    engine = await createPaymentEngine({
      dataDir: tempDataDir('card-'),
      clock: new ManualClock(),
      directory: createStaticDirectory([{ merchantId: 'm1', client }]),
      budget: { perWindow: 1000, windowMs: 1 },
    })
    const record = await engine.start({
      merchantId: 'm1',
      terminalSerial: 'T1',
      operation: 'sale',
      amountMinor: '100',
      currency: 'EUR',
    })
    await settle()
    const stored = engine.get(record.id)
    expect(stored.state).toBe('unknown')
    expect(stored.evidence.map((e) => e.code)).toContain('evidence_no_clear_answer')
    expect(JSON.stringify(stored)).not.toContain(PAN)
  })
})
