import fs from 'node:fs'
import net from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createPaymentEngine,
  createStaticDirectory,
  type PaymentEngine,
} from '../../../src/main/payments'
import type { SqlitePaymentStore } from '../../../src/main/payments/store/sqlite-store'
import type { PaymentRecord } from '../../../src/shared/contract/payments.contract'
import { FakeHandpoint } from './fake-handpoint'
import { ManualClock, tempDataDir } from './support'

let engine: PaymentEngine | undefined
afterEach(async () => {
  vi.restoreAllMocks()
  await engine?.dispose()
  engine = undefined
})

const SERIALS = ['T1', 'T2', 'T3', 'T4']

async function engineOnFourTerminals() {
  const client = new FakeHandpoint()
  engine = await createPaymentEngine({
    dataDir: tempDataDir('group-'),
    clock: new ManualClock(),
    storeCheck: 'now',
    directory: createStaticDirectory([
      {
        merchantId: 'm1',
        client,
        devices: SERIALS.map((serialNumber) => ({ serialNumber, terminalType: 'PAXA920' })),
      },
    ]),
    budget: { perWindow: 1000, windowMs: 1 },
    callback: { host: '127.0.0.1', port: 0 },
  })
  const db = (engine.store as SqlitePaymentStore).database
  return { engine, client, db }
}

async function threeSalesWaiting() {
  const { engine, client, db } = await engineOnFourTerminals()
  const sales: PaymentRecord[] = []
  for (const terminalSerial of SERIALS) {
    sales.push(
      await engine.start({
        merchantId: 'm1',
        terminalSerial,
        operation: 'sale',
        amountMinor: '500',
        flow: 'callback',
      }),
    )
  }
  const tokens = client.posts.map((p) => p.callback!.token)
  return { engine, sales, tokens, db }
}

/**
 * Delivers every callback at once: the connections are opened first, then each request is
 * written whole in the same turn while the thread is held, so the engine reads them all in one
 * turn (as when several terminals finish while it commits something else).
 */
async function deliverTogether(
  url: string,
  deliveries: { token: string; body: unknown }[],
): Promise<number[]> {
  const { hostname, port, pathname } = new URL(url)
  const sockets = await Promise.all(
    deliveries.map(
      () =>
        new Promise<net.Socket>((resolve, reject) => {
          const socket = net.connect(Number(port), hostname, () => resolve(socket))
          socket.on('error', reject)
        }),
    ),
  )
  // Let the server take the connections (its accept runs on a later turn than the connect).
  await new Promise((resolve) => setTimeout(resolve, 20))
  const answers = sockets.map(
    (socket) =>
      new Promise<number>((resolve) => {
        let text = ''
        socket.on('data', (chunk) => (text += chunk.toString()))
        socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0)))
      }),
  )
  deliveries.forEach(({ token, body }, i) => {
    const json = JSON.stringify(body)
    sockets[i]!.write(
      `POST ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\nAUTH-TOKEN: ${token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n` +
        `Connection: close\r\n\r\n${json}`,
    )
  })
  // The engine's thread is busy (another payment's commit) while they land, as in a burst.
  const busyUntil = performance.now() + 30
  while (performance.now() < busyUntil) {
    // hold the event loop
  }
  return Promise.all(answers)
}

const approved = (sale: PaymentRecord) => ({
  finStatus: 'AUTHORISED',
  transactionReference: sale.transactionReference,
  totalAmount: 5,
  currency: 'EUR',
})

describe('callbacks that arrive together (group commit)', () => {
  it('are committed with one fsync, and each event and answer comes only after it', async () => {
    const { engine, sales, tokens, db } = await threeSalesWaiting()
    const exec = vi.spyOn(db, 'exec')
    const commits = (): number => exec.mock.calls.filter(([sql]) => sql === 'COMMIT').length
    const eventsInsideTransaction: string[] = []
    engine.subscribe((event) => {
      if (db.isTransaction) eventsInsideTransaction.push(event.record.id)
    })
    const finals = sales.map((s) => engine.waitForFinal(s.id))
    const codes = await deliverTogether(
      engine.callbackUrl!,
      sales.map((sale, i) => ({ token: tokens[i]!, body: approved(sale) })),
    )
    expect(codes).toEqual([200, 200, 200, 200])
    expect(commits()).toBe(1)
    expect(eventsInsideTransaction).toEqual([])
    for (const record of await Promise.all(finals)) expect(record.state).toBe('approved')
    for (const serial of SERIALS) expect(engine.terminalBusy('m1', serial)).toBe(false)
  })

  it('answers 500 to every delivery of a group whose commit failed, and takes them again', async () => {
    const { engine, sales, tokens, db } = await threeSalesWaiting()
    const exec = db.exec.bind(db)
    const spy = vi.spyOn(db, 'exec').mockImplementation((sql: string) => {
      if (sql === 'COMMIT') throw new Error('disk I/O error')
      exec(sql)
    })
    const events: string[] = []
    engine.subscribe((event) => events.push(`${event.record.id}:${event.record.state}`))
    const deliveries = sales.map((sale, i) => ({ token: tokens[i]!, body: approved(sale) }))
    expect(await deliverTogether(engine.callbackUrl!, deliveries)).toEqual([500, 500, 500, 500])
    // Nothing was announced, nothing is final, every terminal is still held by its sale.
    expect(events).toEqual([])
    for (const sale of sales) expect(engine.get(sale.id).state).toBe('accepted')
    expect(engine.active().map((e) => e.record.state)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
    ])
    for (const serial of SERIALS) expect(engine.terminalBusy('m1', serial)).toBe(true)
    spy.mockRestore()
    // Handpoint sends them again: now they are stored and the sales end approved.
    expect(await deliverTogether(engine.callbackUrl!, deliveries)).toEqual([200, 200, 200, 200])
    for (const sale of sales) expect((await engine.waitForFinal(sale.id)).state).toBe('approved')
  })

  it('answers a delivery whose own write failed alone, and applies the others', async () => {
    const { engine, sales, tokens } = await threeSalesWaiting()
    const store = engine.store as SqlitePaymentStore
    const change = store.change.bind(store)
    // The second sale's change fails (a full disk, say) inside the group.
    vi.spyOn(store, 'change').mockImplementation((id, what) => {
      if (id === sales[1]!.id) throw new Error('disk full')
      return change(id, what)
    })
    const codes = await deliverTogether(
      engine.callbackUrl!,
      sales.map((sale, i) => ({ token: tokens[i]!, body: approved(sale) })),
    )
    expect(codes).toEqual([200, 500, 200, 200])
    expect(sales.map((s) => engine.get(s.id).state)).toEqual([
      'approved',
      'accepted',
      'approved',
      'approved',
    ])
    expect(engine.terminalBusy('m1', 'T2')).toBe(true)
  })

  it('lets a sale alone wait for the disk where it commits, and hands the disk to a thread while others are live', async () => {
    const { engine } = await engineOnFourTerminals()
    const offThread = vi.spyOn(fs, 'fdatasync')
    const sale = { merchantId: 'm1', operation: 'sale' as const, amountMinor: '500' }
    const first = await engine.start({ ...sale, terminalSerial: 'T1', flow: 'callback' })
    // Alone: its first save and Handpoint's answer were fsync'd by SQLite in the commit.
    expect(offThread).not.toHaveBeenCalled()
    const second = await engine.start({ ...sale, terminalSerial: 'T2', flow: 'callback' })
    // The first one is still live: the second's commits left the fsync to a thread.
    expect(offThread).toHaveBeenCalled()
    expect(engine.get(second.id).state).toBe('accepted')
    expect(engine.get(first.id).state).toBe('accepted')
  })

  it('shows a result committed but not yet on disk only once the fsync returned', async () => {
    const { engine, sales, tokens } = await threeSalesWaiting()
    const store = engine.store as SqlitePaymentStore
    const held: ((error: NodeJS.ErrnoException | null) => void)[] = []
    vi.spyOn(fs, 'fdatasync').mockImplementation(((
      _fd: number,
      done: (error: NodeJS.ErrnoException | null) => void,
    ) => {
      held.push(done)
    }) as typeof fs.fdatasync)
    const sale = sales[0]!
    const answer = fetch(engine.callbackUrl!, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'AUTH-TOKEN': tokens[0]! },
      body: JSON.stringify(approved(sale)),
    })
    while (store.get(sale.id)?.record.state !== 'approved') {
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    // Committed, its fsync held: the engine still shows and lists it as it is on disk.
    expect(engine.get(sale.id).state).toBe('accepted')
    expect(engine.active().find((e) => e.record.id === sale.id)?.record.state).toBe('accepted')
    expect(engine.terminalBusy('m1', sale.terminalSerial)).toBe(true)
    for (const done of held.splice(0)) done(null)
    expect((await answer).status).toBe(200)
    expect(engine.get(sale.id).state).toBe('approved')
    expect((await engine.waitForFinal(sale.id)).state).toBe('approved')
    vi.restoreAllMocks()
    for (const done of held.splice(0)) done(null)
  })
})
