import { afterEach, describe, expect, it } from 'vitest'
import { AppError, type PaymentRecord, type PaymentStatusEvent } from '@shared/contract'
import { HandpointError } from '../../../src/main/handpoint'
import type { TransactionResult } from '../../../src/main/handpoint/types'
import { createPaymentEngine, type PaymentEngine } from '../../../src/main/payments/engine'
import { openPaymentStore } from '../../../src/main/payments/store/open-store'
import { createStaticDirectory } from '../../../src/main/payments/static-directory'
import { FakeHandpoint } from './fake-handpoint'
import { ManualClock, settle, tempDataDir } from './support'

const approved = (ref: string): TransactionResult => ({
  finStatus: 'AUTHORISED',
  transactionID: 'tx-1',
  transactionReference: ref,
  totalAmount: 1234,
  maskedCardNumber: '476173******0936',
  unMaskedPan: '4761739001010936',
  customerReceipt: 'https://receipts.example/c.html',
})

let engine: PaymentEngine | undefined
afterEach(async () => {
  await engine?.dispose()
  engine = undefined
})

async function setup(options: { dataDir?: string; callback?: boolean } = {}) {
  const clock = new ManualClock()
  const client = new FakeHandpoint()
  const events: PaymentStatusEvent[] = []
  const finals: PaymentRecord[] = []
  const dataDir = options.dataDir ?? tempDataDir('engine-')
  engine = await createPaymentEngine({
    dataDir,
    clock,
    random: () => 0.5,
    directory: createStaticDirectory([
      {
        merchantId: 'm1',
        client,
        devices: [
          { serialNumber: 'T1', terminalType: 'PAXA920' },
          { serialNumber: 'T2', terminalType: 'PAXA920' },
        ],
      },
    ]),
    emit: (e) => events.push(e),
    budget: { perWindow: 1000, windowMs: 1 },
    slowAfterMs: 30_000,
    ...(options.callback ? { callback: { host: '127.0.0.1', port: 0 } } : {}),
  })
  engine.onFinal((r) => finals.push(r))
  return { clock, client, events, finals, dataDir, engine }
}

const sale = {
  merchantId: 'm1',
  terminalSerial: 'T1',
  operation: 'sale' as const,
  amountMinor: '1234',
}

describe('payment engine', () => {
  it('journals before the POST, follows the result by polling and keeps no full card number', async () => {
    const { clock, client, events, finals, engine } = await setup()
    const started = await engine.start(sale)
    expect(started.state).toBe('accepted')
    expect(client.posts[0]).toMatchObject({
      amountMinor: '1234',
      currency: 'EUR',
      duplicateCheck: true,
    })
    expect(client.posts[0]!.transactionReference).toBe(started.transactionReference)
    await clock.advance(3_000)
    expect(engine.get(started.id).state).toBe('in-progress')
    client.poll = () => ({ kind: 'final', result: approved(started.transactionReference) })
    await clock.advance(10_000)
    // Told once the final change is on disk (an fsync off the loop: real time, not the clock's).
    await engine.waitForFinal(started.id)
    const final = engine.get(started.id)
    expect(final.state).toBe('approved')
    expect(final.result?.maskedCardNumber).toBe('************0936')
    expect(JSON.stringify(final)).not.toContain('4761739001010936')
    expect(finals.map((r) => r.id)).toEqual([started.id])
    expect(events.map((e) => e.record.state)).toEqual([
      'sent',
      'accepted',
      'in-progress',
      'approved',
    ])
    expect(events.find((e) => e.record.state === 'accepted')?.cancelAllowed).toBe(true)
    expect(events.at(-1)?.cancelAllowed).toBe(false)
  })

  it('has the operation stored as sent, in one write, by the time the POST leaves', async () => {
    const { client, engine: own, events } = await setup()
    let atPost: string[] = []
    client.postAnswer = async () => {
      atPost = own.active().map((e) => e.record.state)
      return { transactionResultId: 'T1-1', statusMessage: 'Operation Accepted' }
    }
    const started = await own.start(sale)
    expect(atPost).toEqual(['sent'])
    expect(events.map((e) => e.record.state)).toEqual(['sent', 'accepted'])
    // Change 0 was `sent`, change 1 `accepted`: no separate `created` write before them.
    expect(own.store.history(started.id).map((c) => c.state)).toEqual(['sent', 'accepted'])
  })

  it('never re-POSTs after an ambiguous failure and resolves by reference', async () => {
    const { clock, client, engine } = await setup()
    client.postAnswer = () =>
      Promise.reject(new HandpointError('timeout', 'No answer', { ambiguous: true }))
    const started = await engine.start(sale)
    expect(started.state).toBe('unknown')
    client.status = () => ({ finStatus: 'IN_PROGRESS' })
    await clock.advance(20_000)
    expect(engine.get(started.id).state).toBe('resolving')
    client.status = () => approved(started.transactionReference)
    await clock.advance(10_000)
    expect(engine.get(started.id).state).toBe('approved')
    expect(client.posts).toHaveLength(1)
    expect(client.polls).toBe(0)
  })

  it('declares "not charged" only when the reference is still unknown 90 s after the request', async () => {
    const { clock, client, engine } = await setup()
    client.postAnswer = () =>
      Promise.reject(new HandpointError('server', '502', { ambiguous: true }))
    const started = await engine.start(sale)
    await clock.advance(85_000)
    expect(engine.get(started.id).state).toBe('resolving')
    await clock.advance(15_000)
    const final = engine.get(started.id)
    expect(final).toMatchObject({
      state: 'failed',
      lastError: { code: 'not_charged', params: { seconds: 90 } },
    })
    expect(client.posts).toHaveLength(1)
  })

  it('refuses a second operation on a busy terminal, in plain words', async () => {
    const { engine } = await setup()
    await engine.start(sale)
    const second = engine.start(sale)
    await expect(second).rejects.toBeInstanceOf(AppError)
    await expect(second).rejects.toThrow(/Terminal T1 is still busy/)
    await expect(engine.start({ ...sale, terminalSerial: 'T2' })).resolves.toMatchObject({
      state: 'accepted',
    })
  })

  it('ends failed with a reason when Handpoint refuses outright (busy terminal, 1001)', async () => {
    const { client, engine } = await setup()
    client.postAnswer = () =>
      Promise.reject(new HandpointError('terminal-busy', 'busy', { terminalCode: 1001 }))
    const error = await engine.start(sale).then(
      () => undefined,
      (e: unknown) => e,
    )
    if (!(error instanceof AppError)) throw new Error('expected an AppError')
    const record = engine.get(error.details!.paymentId as string)
    expect(record).toMatchObject({
      state: 'failed',
      lastError: { code: 'terminal_busy', params: { serial: 'T1' } },
    })
    expect(engine.active()).toEqual([])
  })

  it('reports 1003 plainly, and after a cancel keeps watching until the terminal says CANCELLED', async () => {
    const { clock, client, engine } = await setup()
    const started = await engine.start(sale)
    client.cancelAnswer = () =>
      Promise.reject(new HandpointError('cancel-not-allowed', 'no', { terminalCode: 1003 }))
    await expect(engine.cancel('m1', 'T1')).resolves.toMatchObject({
      requested: false,
      code: 'cancel_too_late',
    })
    client.cancelAnswer = async () => ({ statusMessage: 'ok' })
    await expect(engine.cancel('m1', 'T1')).resolves.toMatchObject({ requested: true })
    expect(engine.get(started.id)).toMatchObject({ cancelRequested: true })
    expect(engine.active().map((e) => e.record.id)).toEqual([started.id])
    client.poll = () => ({
      kind: 'final',
      result: { finStatus: 'CANCELLED', transactionReference: started.transactionReference },
    })
    await clock.advance(5_000)
    expect(engine.get(started.id).state).toBe('cancelled')
  })

  it('sends a stop refused with 429 again, so an early cancel still reaches the terminal', async () => {
    const { client, engine } = await setup()
    const started = await engine.start(sale)
    let stops = 0
    client.cancelAnswer = () => {
      stops += 1
      return stops === 1
        ? Promise.reject(new HandpointError('rate-limited', 'slow down', { retryAfterMs: 1 }))
        : Promise.resolve({ statusMessage: 'ok' })
    }
    await expect(engine.cancel('m1', 'T1')).resolves.toMatchObject({
      requested: true,
      code: 'cancel_sent',
    })
    expect(stops).toBe(2)
    expect(engine.get(started.id)).toMatchObject({ cancelRequested: true })
  })

  it('keeps the first final outcome: a later contradicting callback is evidence only, once', async () => {
    const { clock, client, engine, finals } = await setup({ callback: true })
    const started = await engine.start({ ...sale, flow: 'callback' })
    const token = client.posts[0]!.callback!.token
    const deliver = (body: TransactionResult) =>
      fetch(engine.callbackUrl!, {
        method: 'POST',
        headers: { 'AUTH-TOKEN': token, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await deliver(approved(started.transactionReference))).status).toBe(200)
    const late = await deliver({
      finStatus: 'DECLINED',
      transactionReference: started.transactionReference,
    })
    expect(late.status).toBe(200)
    expect(
      (await deliver({ finStatus: 'DECLINED', transactionReference: started.transactionReference }))
        .status,
    ).toBe(200)
    await clock.advance(1_000)
    const final = engine.get(started.id)
    expect(final.state).toBe('approved')
    expect(final.evidence.at(-1)).toMatchObject({
      code: 'evidence_later_reply',
      params: { finStatus: 'DECLINED' },
    })
    expect(final.evidence.filter((e) => e.code === 'evidence_later_reply')).toHaveLength(1)
    expect(finals).toHaveLength(1)
    expect(engine.callbackStats()).toMatchObject({ repeats: 2 })
  })

  it('marks an operation slow after the threshold', async () => {
    const { clock, events, engine } = await setup()
    await engine.start(sale)
    await clock.advance(35_000)
    expect(engine.active()[0]?.slow).toBe(true)
    expect(events.some((e) => e.slow)).toBe(true)
  })

  it('recovers on start: a saved-but-unsent entry ends not charged, a sent one is resolved', async () => {
    const dataDir = tempDataDir('recover-')
    const { store } = openPaymentStore({ dir: `${dataDir}/payments`, check: 'now' })
    const base = {
      merchantId: 'm1',
      terminalType: 'PAXA920',
      operation: 'sale' as const,
      flow: 'poll' as const,
      amountMinor: '500',
      currency: 'EUR',
      createdAt: 1_800_000_000_000,
      updatedAt: 1_800_000_000_000,
      evidence: [],
    }
    store.insert({
      record: {
        ...base,
        id: 'a',
        terminalSerial: 'T1',
        transactionReference: 'ref-a',
        state: 'created',
      },
      meta: { referenceSent: true },
    })
    store.insert({
      record: {
        ...base,
        id: 'b',
        terminalSerial: 'T2',
        transactionReference: 'ref-b',
        state: 'accepted',
        transactionResultId: 'T2-1',
      },
      meta: { referenceSent: true, sentAt: base.createdAt },
    })
    store.close()
    const { clock, client, engine, finals } = await setup({ dataDir })
    await settle()
    // Two payments live: their changes are fsync'd off the loop, and shown once on disk.
    await engine.store.flushed()
    expect([...engine.recovered].sort()).toEqual(['a', 'b'])
    expect(engine.get('a')).toMatchObject({ state: 'failed', lastError: { code: 'not_sent' } })
    client.poll = () => ({ kind: 'final', result: { ...approved('ref-b'), transactionID: 'tx-b' } })
    await clock.advance(5_000)
    expect(engine.get('b').state).toBe('approved')
    expect(client.posts).toHaveLength(0)
    // Both told once their final change is on disk (an fsync off the loop, in real time).
    await engine.store.flushed()
    expect(finals.map((r) => r.id).sort()).toEqual(['a', 'b'])
    await settle()
  })

  it("asks by reference when the result id is gone (404) and never applies another operation's result", async () => {
    const { clock, client, engine } = await setup()
    const started = await engine.start(sale)
    client.poll = () => ({
      kind: 'final',
      result: { ...approved('someone-elses-reference'), transactionID: 'tx-other' },
    })
    await clock.advance(3_000)
    expect(engine.get(started.id).state).not.toBe('approved')
    expect(engine.get(started.id).evidence.map((e) => e.code)).toContain(
      'evidence_other_payment_reply',
    )
    client.poll = () => ({ kind: 'not-found' })
    client.status = () => ({ ...approved(started.transactionReference), finStatus: 'DECLINED' })
    await clock.advance(10_000)
    const final = engine.get(started.id)
    expect(final.state).toBe('declined')
    expect(final.result?.transactionId).toBe('tx-1')
    expect(client.statusCalls).toBeGreaterThan(0)
  })
})
