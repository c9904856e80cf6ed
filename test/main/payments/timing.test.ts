import diagnostics from 'node:diagnostics_channel'
import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createPaymentEngine,
  createStaticDirectory,
  type PaymentEngine,
} from '../../../src/main/payments'
import { PAYMENT_TIMING_CHANNEL, timing, type TimingMark } from '../../../src/main/payments/timing'
import { FakeHandpoint } from './fake-handpoint'
import { ManualClock, tempDataDir } from './support'

let engine: PaymentEngine | undefined
let listener: ((message: unknown) => void) | undefined
afterEach(async () => {
  if (listener) diagnostics.unsubscribe(PAYMENT_TIMING_CHANNEL, listener)
  listener = undefined
  await engine?.dispose()
  engine = undefined
})

function listen(): TimingMark[] {
  const marks: TimingMark[] = []
  listener = (message) => marks.push(message as TimingMark)
  diagnostics.subscribe(PAYMENT_TIMING_CHANNEL, listener)
  return marks
}

async function setup(callback: boolean) {
  const client = new FakeHandpoint()
  const clock = new ManualClock()
  engine = await createPaymentEngine({
    dataDir: tempDataDir('timing-'),
    clock,
    storeCheck: 'now',
    directory: createStaticDirectory([
      { merchantId: 'm1', client, devices: [{ serialNumber: 'T1', terminalType: 'PAXA920' }] },
    ]),
    budget: { perWindow: 1000, windowMs: 1 },
    ...(callback ? { callback: { host: '127.0.0.1', port: 0 } } : {}),
  })
  return { client, clock, engine }
}

function deliver(url: string, token: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'auth-token': token, 'content-type': 'application/json' } },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}

describe('payment timing marks', () => {
  it('measures nothing while nobody listens', () => {
    expect(timing.on).toBe(false)
    expect(timing.now()).toBe(0)
  })

  it('tells where a polled sale spent its time, step by step, in order', async () => {
    const marks = listen()
    const { client, clock, engine } = await setup(false)
    const started = await engine.start({
      merchantId: 'm1',
      terminalSerial: 'T1',
      operation: 'sale',
      amountMinor: '500',
    })
    client.poll = () => ({
      kind: 'final',
      result: { finStatus: 'AUTHORISED', transactionReference: started.transactionReference },
    })
    await clock.advance(5_000)
    expect(engine.get(started.id).state).toBe('approved')
    const mine = marks.filter((m) => m.paymentId === started.id)
    const steps = mine.map((m) => m.step)
    // First save: commit, then on disk (durable) before the POST: budget, request; accepted:
    // commit, durable, announce; poll: budget, request; final: commit...
    expect(steps.slice(0, 4)).toEqual(['commit', 'durable', 'budget', 'request'])
    expect(steps).toContain('durable')
    expect(steps).toContain('commit')
    expect(steps).toContain('announce')
    expect(steps.filter((s) => s === 'request').length).toBeGreaterThanOrEqual(2)
    for (const m of mine) expect(m.end).toBeGreaterThanOrEqual(m.start)
  })

  it('marks a callback from its arrival through parsing to the commit', async () => {
    const marks = listen()
    const { client, engine } = await setup(true)
    const started = await engine.start({
      merchantId: 'm1',
      terminalSerial: 'T1',
      operation: 'sale',
      amountMinor: '500',
      flow: 'callback',
    })
    const token = client.posts[0]!.callback!.token
    const result = { finStatus: 'AUTHORISED', transactionReference: started.transactionReference }
    expect(await deliver(engine.callbackUrl!, token, result)).toBe(200)
    const steps = marks.filter((m) => m.paymentId === started.id).map((m) => m.step)
    const tail = steps.slice(steps.indexOf('received'))
    // The change's rows; the payment alone, its group commits waiting for the disk where it is
    // made, the event follows at once; then the group's own marks (its commit, on disk).
    expect(tail.slice(0, 7)).toEqual([
      'received',
      'parse',
      'commit',
      'durable',
      'announce',
      'commit',
      'durable',
    ])
  })
})
