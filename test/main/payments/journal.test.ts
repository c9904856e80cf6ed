import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { PaymentRecord, PaymentState } from '@shared/contract'
import { HistoryIndex } from '../../../src/main/payments/history-index'
import { Journal } from '../../../src/main/payments/journal'
import { tempDataDir } from './support'

const META = { referenceSent: true }

function record(i: number, patch: Partial<PaymentRecord> = {}): PaymentRecord {
  return {
    id: `id-${i}`,
    merchantId: `m${i % 3}`,
    terminalSerial: `T${i % 5}`,
    terminalType: 'PAXA920',
    operation: 'sale',
    amountMinor: String(100 + (i % 7)),
    currency: 'EUR',
    transactionReference: `ref-${i}`,
    flow: 'poll',
    state: 'created',
    createdAt: 1_000 + i * 10,
    updatedAt: 1_000 + i * 10,
    evidence: [],
    ...patch,
  }
}

const dir = (): string => path.join(tempDataDir('journal-'), 'payments')

describe('journal', () => {
  it('keeps every version it acknowledged across a reopen, latest wins', () => {
    const d = dir()
    const j = Journal.open(d)
    j.write(record(1), META)
    j.write(record(1, { state: 'sent' }), META)
    j.write(record(2), META)
    j.close()
    const again = Journal.open(d)
    expect(again.get('id-1')?.record.state).toBe('sent')
    expect(again.get('id-1')?.rev).toBe(2)
    expect(
      again
        .unfinished()
        .map((s) => s.record.id)
        .sort(),
    ).toEqual(['id-1', 'id-2'])
    expect(again.problems).toEqual([])
  })

  it('ignores a torn last line and appends cleanly after it', () => {
    const d = dir()
    const j = Journal.open(d)
    j.write(record(1), META)
    j.close()
    fs.appendFileSync(path.join(d, 'journal.jsonl'), '{"rev":2,"record":{"id":"id-1","sta')
    const reopened = Journal.open(d)
    expect(reopened.problems).toEqual([])
    expect(reopened.get('id-1')?.record.state).toBe('created')
    reopened.write(record(1, { state: 'sent' }), META)
    reopened.close()
    expect(Journal.open(d).get('id-1')?.record.state).toBe('sent')
  })

  it('moves a damaged file aside, keeps its readable records and says so', () => {
    const d = dir()
    const j = Journal.open(d)
    j.write(record(1), META)
    j.write(record(2), META)
    j.close()
    const file = path.join(d, 'journal.jsonl')
    const [first, second] = fs.readFileSync(file, 'utf8').split('\n')
    fs.writeFileSync(file, `${first}\nGARBAGE IN THE MIDDLE\n${second}\n`)
    const reopened = Journal.open(d)
    expect(reopened.problems).toHaveLength(1)
    expect(reopened.problems[0]).toMatch(/damaged.*1 unreadable line.*2 readable records/)
    expect(reopened.size).toBe(2)
    expect(fs.readdirSync(d).filter((f) => f.startsWith('journal.jsonl.corrupt-'))).toHaveLength(1)
    reopened.close()
    expect(Journal.open(d).problems).toEqual([])
  })

  it('compacts atomically: a crash before or after the rename loses nothing', () => {
    const d = dir()
    const j = Journal.open(d)
    for (let i = 0; i < 5; i += 1) {
      j.write(record(i), META)
      j.write(record(i, { state: 'approved' }), META)
    }
    const journalBefore = fs.readFileSync(path.join(d, 'journal.jsonl'))
    expect(j.shouldCompact()).toBe(true)
    j.compact()
    j.close()
    // Crash after the rename but before the journal was emptied: old lines replay harmlessly.
    fs.writeFileSync(path.join(d, 'journal.jsonl'), journalBefore)
    // Crash mid-way through writing the next snapshot: a stale temp file is left behind.
    fs.writeFileSync(path.join(d, 'snapshot.jsonl.tmp'), '{"snapshot":1,"count":9,"at":0}\n{"re')
    const reopened = Journal.open(d)
    expect(reopened.problems).toEqual([])
    expect(reopened.size).toBe(5)
    expect([...Array(5).keys()].map((i) => reopened.get(`id-${i}`)?.record.state)).toEqual(
      Array(5).fill('approved'),
    )
    expect(fs.existsSync(path.join(d, 'snapshot.jsonl.tmp'))).toBe(false)
  })

  it('refuses a stored line that is valid JSON but not a payment', () => {
    const d = dir()
    fs.mkdirSync(d, { recursive: true })
    fs.writeFileSync(path.join(d, 'journal.jsonl'), '{"rev":1,"record":{"id":"x"},"meta":{}}\n')
    const j = Journal.open(d)
    expect(j.size).toBe(0)
    expect(j.problems).toHaveLength(1)
  })
})

const STATES: PaymentState[] = ['approved', 'declined', 'failed', 'unknown', 'in-progress']

describe('history index', () => {
  it('answers every query exactly like a plain filter', () => {
    const recordArb = fc.record({
      merchant: fc.integer({ min: 0, max: 2 }),
      terminal: fc.integer({ min: 0, max: 3 }),
      amount: fc.constantFrom('100', '250', '999'),
      state: fc.constantFrom(...STATES),
      lastFour: fc.constantFrom('0936', '1456', undefined),
      createdAt: fc.integer({ min: 0, max: 1000 }),
    })
    const queryArb = fc.record(
      {
        merchantId: fc.constantFrom('m0', 'm1', 'm2'),
        terminalSerial: fc.constantFrom('T0', 'T1', 'T9'),
        amountMinor: fc.constantFrom('100', '250'),
        states: fc.subarray(STATES, { minLength: 1 }),
        lastFour: fc.constantFrom('0936', '1456', '9999'),
        from: fc.integer({ min: 0, max: 1000 }),
        to: fc.integer({ min: 0, max: 1000 }),
        reference: fc.constantFrom('ref-1', 'ref-7', 'tx-3', 'nope'),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 60 }), queryArb, (specs, q) => {
        const index = new HistoryIndex()
        const all = specs.map((s, i) =>
          record(i, {
            merchantId: `m${s.merchant}`,
            terminalSerial: `T${s.terminal}`,
            amountMinor: s.amount,
            state: s.state,
            createdAt: s.createdAt,
            result: s.lastFour
              ? {
                  finStatus: 'AUTHORISED',
                  maskedCardNumber: `************${s.lastFour}`,
                  transactionId: `tx-${i}`,
                }
              : undefined,
          }),
        )
        for (const r of all) index.put(r)
        const expected = all
          .filter(
            (r) =>
              (!q.merchantId || r.merchantId === q.merchantId) &&
              (!q.terminalSerial || r.terminalSerial === q.terminalSerial) &&
              (!q.amountMinor || r.amountMinor === q.amountMinor) &&
              (!q.states || q.states.includes(r.state)) &&
              (!q.lastFour || r.result?.maskedCardNumber?.endsWith(q.lastFour)) &&
              (q.from === undefined || r.createdAt >= q.from) &&
              (q.to === undefined || r.createdAt <= q.to) &&
              (!q.reference ||
                [r.id, r.transactionReference, r.result?.transactionId].includes(q.reference)),
          )
          .map((r) => r.id)
          .sort()
        const page = index.query({ ...q, limit: 500 })
        expect([...page.ids].sort()).toEqual(expected)
        expect(page.total).toBe(expected.length)
        // Newest first.
        const times = page.ids.map((id) => index.get(id)!.createdAt)
        expect(times).toEqual([...times].sort((a, b) => b - a))
      }),
      { numRuns: 300 },
    )
  })

  it('holds 100,000 records and pages through them newest first', () => {
    const index = new HistoryIndex()
    for (let i = 0; i < 100_000; i += 1) index.put(record(i))
    const page = index.query({ terminalSerial: 'T3', limit: 3, offset: 1 })
    expect(page.total).toBe(20_000)
    expect(page.ids).toEqual(['id-99993', 'id-99988', 'id-99983'])
    expect(index.query({ reference: 'ref-4242', limit: 5 }).ids).toEqual(['id-4242'])
  })
})
