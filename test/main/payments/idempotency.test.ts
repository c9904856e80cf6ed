import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import type { PaymentStatusEvent } from '@shared/contract'
import { AppError } from '@shared/contract/result'
import {
  createPaymentEngine,
  createStaticDirectory,
  type PaymentEngine,
} from '../../../src/main/payments'
import { FakeHandpoint } from './fake-handpoint'
import { ManualClock, settle, tempDataDir } from './support'

const engines: PaymentEngine[] = []
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.dispose()
})

async function setup(dataDir = tempDataDir('once-'), client = new FakeHandpoint()) {
  const clock = new ManualClock()
  const engine = await createPaymentEngine({
    dataDir,
    clock,
    random: () => 0.5,
    storeCheck: 'now',
    directory: createStaticDirectory([
      { merchantId: 'm1', client, devices: [{ serialNumber: 'T1', terminalType: 'PAXA920' }] },
    ]),
    budget: { perWindow: 1000, windowMs: 1 },
    notChargedAfterMs: 90_000,
  })
  engines.push(engine)
  return { clock, client, engine, dataDir }
}

const sale = {
  merchantId: 'm1',
  terminalSerial: 'T1',
  operation: 'sale' as const,
  amountMinor: '1234',
}
const once = {
  scope: 'till:front',
  key: 'order-17',
  fingerprint: 'f-1234',
  origin: { kind: 'till' as const, tillId: 'front', tillName: 'Front till' },
  tillReference: 'ORDER-17',
}

/** A POST that waits until the test lets it answer. */
function heldPost(client: FakeHandpoint): () => void {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  client.postAnswer = async () => {
    await gate
    return { transactionResultId: 'T1-1', statusMessage: 'Operation Accepted' }
  }
  return release
}

describe('startOnce: one operation per idempotency key, ever', () => {
  it('answers the same key and request with the same payment, replayed, and POSTs once', async () => {
    const { client, engine } = await setup()
    const first = await engine.startOnce(sale, once)
    expect(first.replayed).toBe(false)
    expect(first.record).toMatchObject({
      state: 'accepted',
      origin: once.origin,
      tillReference: 'ORDER-17',
      idempotencyKey: 'order-17',
    })
    const again = await engine.startOnce(sale, once)
    expect(again).toMatchObject({ replayed: true, record: { id: first.record.id } })
    expect(client.posts).toHaveLength(1)
    expect(engine.findByIdempotencyKey('till:front', 'order-17')?.id).toBe(first.record.id)
    expect(engine.findByIdempotencyKey('till:back', 'order-17')).toBeUndefined()
    expect(engine.list({ tillReference: 'ORDER-17', limit: 5 }).map((r) => r.id)).toEqual([
      first.record.id,
    ])
    expect(engine.list({ idempotencyKey: 'order-17', limit: 5 }).map((r) => r.id)).toEqual([
      first.record.id,
    ])
  })

  it('refuses the same key with another request, in words, without a second payment', async () => {
    const { client, engine } = await setup()
    await engine.startOnce(sale, once)
    const error = await engine
      .startOnce({ ...sale, amountMinor: '999' }, { ...once, fingerprint: 'f-999' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'idempotency_key_reused' })
    expect(client.posts).toHaveLength(1)
    expect(engine.search({}).total).toBe(1)
  })

  it('answers a repeat that comes while the first is still being sent, with that payment', async () => {
    const { client, engine } = await setup()
    const release = heldPost(client)
    const first = engine.startOnce(sale, once)
    await settle()
    const repeat = await engine.startOnce(sale, once)
    expect(repeat).toMatchObject({ replayed: true, record: { state: 'sent' } })
    release()
    expect((await first).record.id).toBe(repeat.record.id)
    expect(client.posts).toHaveLength(1)
  })

  it('gives one payment and one POST for any number of identical calls at the same moment', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 8 }),
        fc.array(fc.nat(3), { minLength: 8, maxLength: 8 }),
        async (n, waits) => {
          const { client, engine } = await setup()
          const release = heldPost(client)
          const calls = Array.from({ length: n }, async (_, i) => {
            for (let w = 0; w < waits[i]!; w += 1) await Promise.resolve()
            return engine.startOnce(sale, once)
          })
          await settle()
          release()
          const results = await Promise.all(calls)
          expect(new Set(results.map((r) => r.record.id)).size).toBe(1)
          expect(results.filter((r) => !r.replayed)).toHaveLength(1)
          expect(client.posts).toHaveLength(1)
          await engine.dispose()
          engines.splice(engines.indexOf(engine), 1)
        },
      ),
      { numRuns: 15 },
    )
  })

  it('after a crash between saving and sending, resumes the same operation: asked about, never re-POSTed', async () => {
    const dataDir = tempDataDir('once-crash-')
    const client = new FakeHandpoint()
    const first = await setup(dataDir, client)
    // The process dies after the key and the payment were stored, before the POST answered.
    heldPost(client)
    void first.engine.startOnce(sale, once)
    await settle()
    const saved = first.engine.findByIdempotencyKey(once.scope, once.key)!
    expect(saved.state).toBe('sent')
    await first.engine.dispose()
    engines.splice(engines.indexOf(first.engine), 1)

    client.status = () => ({
      finStatus: 'AUTHORISED',
      transactionReference: saved.transactionReference,
      transactionID: 'tx-9',
    })
    const { clock, engine } = await setup(dataDir, client)
    expect(engine.recovered).toEqual([saved.id])
    expect(await engine.startOnce(sale, once)).toMatchObject({
      replayed: true,
      record: { id: saved.id },
    })
    await clock.advance(5_000)
    expect(engine.get(saved.id).state).toBe('approved')
    expect(client.posts).toHaveLength(1)
  })

  it('tells subscribers every status event', async () => {
    const { clock, client, engine } = await setup()
    const events: PaymentStatusEvent[] = []
    const stop = engine.subscribe((e) => events.push(e))
    const { record } = await engine.startOnce(sale, once)
    client.poll = () => ({
      kind: 'final',
      result: { finStatus: 'AUTHORISED', transactionReference: record.transactionReference },
    })
    await clock.advance(5_000)
    stop()
    expect(events.map((e) => e.record.state)).toEqual(['sent', 'accepted', 'approved'])
    expect(events[0]!.record.phase).toBe('phase_sending')
    expect(events.at(-1)!.record.phase).toBeUndefined()
  })
})
