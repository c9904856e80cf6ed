import { beforeEach, describe, expect, it } from 'vitest'
import type { PaymentRecord, PaymentState, PaymentStatusEvent } from '@shared/contract'
import { powerSaveBlocker, resetElectronMock } from '../../mocks/electron'
import { PaymentActivity } from '../../../src/main/app/payment-activity'
import { keepAwakeDuringPayments } from '../../../src/main/app/power-save'

function status(id: string, state: PaymentState): PaymentStatusEvent {
  const record = { id, state, evidence: [] } as unknown as PaymentRecord
  return { record, elapsedMs: 0, cancelAllowed: false, slow: false }
}

describe('PaymentActivity', () => {
  it('counts operations whose state is not final, once each, from status events', () => {
    const activity = new PaymentActivity()
    const counts: number[] = []
    activity.onChange((n) => counts.push(n))
    activity.emit('onPaymentStatus', status('a', 'created'))
    activity.emit('onPaymentStatus', status('a', 'sent'))
    activity.emit('onPaymentStatus', status('b', 'in-progress'))
    activity.emit('onPaymentStatus', status('a', 'unknown'))
    expect(activity.count).toBe(2)
    activity.emit('onPaymentStatus', status('a', 'approved'))
    activity.emit('onPaymentStatus', status('a', 'approved')) // a callback retry
    activity.emit('onPaymentStatus', status('b', 'declined'))
    expect(activity.count).toBe(0)
    expect(counts).toEqual([1, 2, 1, 0])
  })

  it('treats every final state as finished', () => {
    const activity = new PaymentActivity()
    const finals: PaymentState[] = [
      'approved',
      'partial',
      'declined',
      'cancelled',
      'failed',
      'processed',
    ]
    finals.forEach((_state, i) => activity.paymentStarted(`p${i}`))
    finals.forEach((state, i) => activity.emit('onPaymentStatus', status(`p${i}`, state)))
    expect(activity.count).toBe(0)
  })

  it('ignores other events and a finish it never saw start', () => {
    const activity = new PaymentActivity()
    activity.paymentFinished('ghost')
    activity.emit('onPaymentStatus', status('ghost', 'failed'))
    expect(activity.count).toBe(0)
  })
})

describe('keepAwakeDuringPayments', () => {
  beforeEach(() => resetElectronMock())

  it('holds one prevent-app-suspension blocker while any payment is in flight', () => {
    const activity = new PaymentActivity()
    keepAwakeDuringPayments(activity, powerSaveBlocker, () => true)
    expect(powerSaveBlocker.started).toEqual([])

    activity.emit('onPaymentStatus', status('a', 'sent'))
    activity.emit('onPaymentStatus', status('b', 'sent'))
    expect(powerSaveBlocker.started).toEqual([{ id: 1, type: 'prevent-app-suspension' }])
    expect(powerSaveBlocker.isStarted(1)).toBe(true)

    activity.emit('onPaymentStatus', status('a', 'approved'))
    expect(powerSaveBlocker.isStarted(1)).toBe(true)
    activity.emit('onPaymentStatus', status('b', 'cancelled'))
    expect(powerSaveBlocker.isStarted(1)).toBe(false)

    activity.emit('onPaymentStatus', status('c', 'created'))
    expect(powerSaveBlocker.started.map((s) => s.id)).toEqual([1, 2])
    expect([...powerSaveBlocker.active]).toEqual([2])
  })

  it('starts at once when payments were already in flight (recovered after a restart)', () => {
    const activity = new PaymentActivity()
    activity.paymentStarted('recovered')
    keepAwakeDuringPayments(activity, powerSaveBlocker, () => true)
    expect(powerSaveBlocker.active.size).toBe(1)
  })

  it('does nothing when the shop switched the setting off', () => {
    const activity = new PaymentActivity()
    keepAwakeDuringPayments(activity, powerSaveBlocker, () => false)
    activity.paymentStarted('a')
    activity.paymentFinished('a')
    expect(powerSaveBlocker.started).toEqual([])
  })

  it('releases a held blocker when it stops watching', () => {
    const activity = new PaymentActivity()
    const stop = keepAwakeDuringPayments(activity, powerSaveBlocker, () => true)
    activity.paymentStarted('a')
    stop()
    expect(powerSaveBlocker.active.size).toBe(0)
    activity.paymentStarted('b')
    expect(powerSaveBlocker.started).toHaveLength(1)
  })
})

describe('PaymentActivity.seed', () => {
  it('adds operations recovered before anyone subscribed', () => {
    const activity = new PaymentActivity()
    activity.seed([status('r1', 'resolving'), status('r2', 'approved'), status('r3', 'sent')])
    expect(activity.count).toBe(2)
    activity.emit('onPaymentStatus', status('r1', 'approved'))
    expect(activity.count).toBe(1)
  })

  it('trusts an event over an older snapshot', () => {
    const activity = new PaymentActivity()
    activity.emit('onPaymentStatus', status('x', 'sent'))
    activity.emit('onPaymentStatus', status('x', 'declined'))
    activity.seed([status('x', 'in-progress')])
    expect(activity.count).toBe(0)
  })
})
