import { readdirSync, statSync } from 'node:fs'
import { request, type Agent } from 'node:http'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createPaymentEngine,
  createStaticDirectory,
  type PaymentEngine,
} from '../../../src/main/payments'
import type { TransactionResult } from '../../../src/main/handpoint/types'
import type { SqlitePaymentStore } from '../../../src/main/payments/store/sqlite-store'
import { FakeHandpoint } from './fake-handpoint'
import { ManualClock, tempDataDir } from './support'

const engines: PaymentEngine[] = []
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.dispose()
})

async function setup(perSourcePerSecond: number) {
  const client = new FakeHandpoint()
  const dataDir = tempDataDir('replay-')
  const engine = await createPaymentEngine({
    dataDir,
    clock: new ManualClock(),
    storeCheck: 'now',
    directory: createStaticDirectory([
      { merchantId: 'm1', client, devices: [{ serialNumber: 'T1', terminalType: 'PAXA920' }] },
    ]),
    budget: { perWindow: 1000, windowMs: 1 },
    callback: { host: '127.0.0.1', port: 0, perSourcePerSecond },
  })
  engines.push(engine)
  const record = await engine.start({
    merchantId: 'm1',
    terminalSerial: 'T1',
    operation: 'sale',
    amountMinor: '1234',
    flow: 'callback',
  })
  const token = client.posts[0]!.callback!.token
  const result: TransactionResult = {
    finStatus: 'AUTHORISED',
    transactionReference: record.transactionReference,
    transactionID: 'tx-1',
    customerReceipt: 'https://receipts.example/c.html',
  }
  return { engine, record, token, result, dataDir }
}

/** One callback delivery on a kept-alive connection pool; resolves with the status code. */
function deliver(url: string, token: string, body: unknown, agent?: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'auth-token': token, 'content-type': 'application/json' },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}

/**
 * What the store holds on disk, with its log copied back into the file first: a checkpoint (the
 * store runs one whenever commits pause) moves pages from the log into the file and grows the
 * file without anything new being written.
 */
const storeBytes = (engine: PaymentEngine, dataDir: string): number => {
  ;(engine.store as SqlitePaymentStore).database.exec('PRAGMA wal_checkpoint(TRUNCATE)')
  const dir = path.join(dataDir, 'payments')
  return readdirSync(dir).reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0)
}

describe('callbacks for a final payment', () => {
  it('answers 10,000 replays from memory: the stored data grows by less than 64 KiB', async () => {
    const { engine, record, token, result, dataDir } = await setup(1_000_000)
    expect(await deliver(engine.callbackUrl!, token, result)).toBe(200)
    expect(engine.get(record.id).state).toBe('approved')
    const before = storeBytes(engine, dataDir)
    const versions = engine.store.history(record.id).length
    for (let sent = 0; sent < 10_000; sent += 50) {
      const codes = await Promise.all(
        Array.from({ length: 50 }, () => deliver(engine.callbackUrl!, token, result)),
      )
      expect(codes.every((c) => c === 200)).toBe(true)
    }
    expect(storeBytes(engine, dataDir) - before).toBeLessThan(64 * 1024)
    expect(engine.store.history(record.id)).toHaveLength(versions)
    expect(engine.callbackStats()).toMatchObject({ repeats: 10_000 })
  }, 120_000)

  it('turns a flood from one address away with 429 before reading it', async () => {
    const { engine, token, result } = await setup(5)
    const codes = await Promise.all(
      Array.from({ length: 40 }, () => deliver(engine.callbackUrl!, token, result)),
    )
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(25)
    expect(codes.filter((c) => c === 200).length).toBeGreaterThanOrEqual(1)
    expect(engine.callbackStats()!.limited).toBe(codes.filter((c) => c === 429).length)
  })

  it('refuses a delivery that names another payment, without writing anything', async () => {
    const { engine, record, token, result } = await setup(1_000_000)
    const history = engine.store.history(record.id)
    const forged = { ...result, transactionReference: 'someone-elses' }
    expect(await deliver(engine.callbackUrl!, token, forged)).toBe(400)
    expect(await deliver(engine.callbackUrl!, token, forged)).toBe(400)
    expect(engine.store.history(record.id)).toEqual(history)
    expect(engine.get(record.id).state).toBe('accepted')
  })
})

describe('a live payment behind a busy address', () => {
  it('gets its result in at once while strangers from the same address are turned away', async () => {
    const { engine, record, token, result } = await setup(1)
    const strangers = await Promise.all(
      Array.from({ length: 10 }, () => deliver(engine.callbackUrl!, 'not-a-token', result)),
    )
    expect(strangers.filter((c) => c === 429).length).toBeGreaterThanOrEqual(8)
    expect(await deliver(engine.callbackUrl!, token, result)).toBe(200)
    expect(engine.get(record.id).state).toBe('approved')
  })

  it('still limits one live token that delivers without end', async () => {
    const { engine, token } = await setup(1_000_000)
    const pending = { finStatus: 'IN_PROGRESS', transactionReference: 'x' }
    const codes = await Promise.all(
      Array.from({ length: 20 }, () => deliver(engine.callbackUrl!, token, pending)),
    )
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(16)
  })
})
