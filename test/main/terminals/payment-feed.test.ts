import { describe, expect, it } from 'vitest'
import type {
  PaymentRecord,
  PaymentState,
  PaymentStatusEvent,
} from '../../../src/shared/contract/payments.contract'
import { msg } from '../../../src/shared/messages'
import type { HealthSignal } from '../../../src/main/terminals/health-machine'
import { paymentHealthFeed } from '../../../src/main/terminals/payment-feed'

function eventOf(id: string, state: PaymentState, patch: Partial<PaymentRecord> = {}) {
  return {
    record: {
      id,
      merchantId: 'm1',
      terminalSerial: 'T1',
      terminalType: 'PAXA920PRO',
      operation: 'sale',
      transactionReference: 'ref',
      flow: 'poll',
      state,
      createdAt: 0,
      updatedAt: 0,
      evidence: [],
      ...patch,
    },
    elapsedMs: 0,
    cancelAllowed: false,
    slow: false,
  } as PaymentStatusEvent
}

function feed() {
  const signals: HealthSignal[] = []
  const push = paymentHealthFeed(
    (_m, _s, signal) => signals.push(signal),
    (event) => (event.record.result ? { batteryPercent: 77, appVersion: '20.4.12.1' } : undefined),
  )
  return { signals, push, kinds: () => signals.map((s) => s.kind) }
}

describe('payment events as terminal health signals', () => {
  it('a sale: busy here from its first event, heard at the 202, answered with the battery', () => {
    const f = feed()
    f.push(eventOf('p1', 'sent'))
    f.push(eventOf('p1', 'accepted'))
    f.push(eventOf('p1', 'in-progress'))
    f.push(eventOf('p1', 'approved', { result: { finStatus: 'AUTHORISED' } }))
    expect(f.kinds()).toEqual(['operation-started', 'operation-accepted', 'operation-ended'])
    expect(f.signals.at(-1)).toEqual({
      kind: 'operation-ended',
      outcome: {
        kind: 'answered',
        operation: 'sale',
        device: { batteryPercent: 77, appVersion: '20.4.12.1' },
      },
    })
  })

  it.each([
    [msg('terminal_busy', { serial: 'T1' }), { kind: 'busy' }],
    [msg('terminal_not_listening', { serial: 'T1' }), { kind: 'not-listening' }],
    [msg('no_clear_answer', { cause: 'timeout' }), { kind: 'no-answer' }],
  ])('a start refused with %j', (lastError, outcome) => {
    const f = feed()
    f.push(eventOf('p1', 'failed', { lastError }))
    expect(f.signals).toEqual([{ kind: 'operation-started' }, { kind: 'operation-ended', outcome }])
  })

  it('an outcome found out later without a result says nothing about the terminal', () => {
    const f = feed()
    f.push(eventOf('p1', 'sent'))
    f.push(eventOf('p1', 'unknown'))
    f.push(eventOf('p1', 'resolving'))
    f.push(eventOf('p1', 'failed', { lastError: msg('not_charged', { seconds: 90 }) }))
    expect(f.kinds()).toEqual(['operation-started', 'operation-ended'])
    expect(f.signals.at(-1)).toEqual({ kind: 'operation-ended', outcome: { kind: 'no-answer' } })
  })
})
