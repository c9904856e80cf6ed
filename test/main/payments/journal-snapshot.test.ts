import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { HistoryQuery, PaymentRecord, PaymentState } from '@shared/contract'
import { Journal } from '../../../src/main/payments/journal'
import { tempDataDir } from './support'

const META = { referenceSent: true }
const STATES: PaymentState[] = ['approved', 'declined', 'failed', 'unknown', 'in-progress']

function record(i: number, patch: Partial<PaymentRecord> = {}): PaymentRecord {
  return {
    id: `id-${i}`,
    merchantId: `m${i % 3}`,
    terminalSerial: `T${i % 4}`,
    terminalType: 'PAXA920',
    operation: 'sale',
    amountMinor: String(100 + (i % 7)),
    currency: 'EUR',
    transactionReference: `ref-${i}`,
    flow: 'poll',
    state: 'approved',
    createdAt: 1_000 + i * 10,
    updatedAt: 1_000 + i * 10,
    result: {
      finStatus: 'AUTHORISED',
      maskedCardNumber: `************${String(1000 + (i % 5))}`,
      transactionId: `tx-${i}`,
      totalAmountMinor: String(100 + (i % 11)),
    },
    evidence: [{ at: 1_000 + i * 10, code: 'evidence_accepted' }],
    ...patch,
  }
}

const dir = (): string => path.join(tempDataDir('snapshot-'), 'payments')
const snapshot = (d: string): string => path.join(d, 'snapshot.jsonl')
const aside = (d: string): string[] =>
  fs.readdirSync(d).filter((f) => f.startsWith('snapshot.jsonl.corrupt-'))

/** A journal of `n` approved records, compacted, plus one unfinished record after it. */
function compacted(n: number): { d: string; records: PaymentRecord[] } {
  const d = dir()
  const j = Journal.open(d)
  const records = Array.from({ length: n }, (_, i) => record(i))
  for (const r of records) j.write(r, META)
  j.compact()
  const late = record(n, { state: 'in-progress', result: undefined })
  j.write(late, META)
  j.close()
  return { d, records: [...records, late] }
}

/** Replaces `from` with `to` (same length) inside the snapshot's bytes, after `after`. */
function patch(file: string, from: string, to: string, after = 0): void {
  const bytes = fs.readFileSync(file)
  const at = bytes.indexOf(from, after)
  expect(at).toBeGreaterThanOrEqual(0)
  bytes.write(to, at)
  fs.writeFileSync(file, bytes)
}

describe('journal snapshot', () => {
  it('reads every record back lazily after a reopen, exactly as written', () => {
    const { d, records } = compacted(40)
    const j = Journal.open(d)
    expect(j.problems).toEqual([])
    expect(j.size).toBe(41)
    for (const r of records) expect(j.get(r.id)?.record).toEqual(r)
    expect(j.get('id-7')?.rev).toBe(1)
    expect(j.unfinished().map((s) => s.record.id)).toEqual(['id-40'])
    expect(j.findByReference('tx-12').map((s) => s.record.id)).toEqual(['id-12'])
    // A new version after the reopen supersedes the snapshot's and survives the next one.
    j.write(record(3, { state: 'declined' }), META)
    j.close()
    const again = Journal.open(d)
    expect(again.get('id-3')).toMatchObject({ rev: 2, record: { state: 'declined' } })
    again.compact()
    expect(again.findByReference('tx-12').map((s) => s.record.id)).toEqual(['id-12'])
    expect(again.get('id-12')?.record).toEqual(record(12))
    again.close()
    expect(Journal.open(d).get('id-3')).toMatchObject({ rev: 2, record: { state: 'declined' } })
  })

  it('opens a snapshot in the older plain-line layout without complaint', () => {
    const d = dir()
    fs.mkdirSync(d, { recursive: true })
    const lines = [record(1), record(2)].map((r) =>
      JSON.stringify({ rev: 1, record: r, meta: META }),
    )
    fs.writeFileSync(snapshot(d), [`{"snapshot":1,"count":2,"at":0}`, ...lines, ''].join('\n'))
    const j = Journal.open(d)
    expect(j.problems).toEqual([])
    expect(j.get('id-2')?.record).toEqual(record(2))
  })

  it('rescans and reports a snapshot whose index was damaged, keeping every record', () => {
    const { d, records } = compacted(30)
    const text = fs.readFileSync(snapshot(d), 'utf8')
    patch(snapshot(d), '"crc":[', '"crc":{', text.lastIndexOf('{"id":["'))
    const j = Journal.open(d)
    expect(j.problems).toHaveLength(1)
    expect(j.problems[0]).toMatch(
      /snapshot\.jsonl was damaged \(its index does not match its checksum; 1 unreadable line\)/,
    )
    expect(j.problems[0]).toMatch(/30 readable records were kept/)
    expect(aside(d)).toHaveLength(1)
    for (const r of records) expect(j.get(r.id)?.record).toEqual(r)
    j.close()
    // The rewritten snapshot has a sound index again.
    expect(Journal.open(d).problems).toEqual([])
  })

  it('rescans and reports a damaged reference index on the first search by reference', () => {
    const { d } = compacted(10)
    patch(snapshot(d), '"ref-3\\u001ftx-3"', '"ref-3\\u001ftx-4"')
    const j = Journal.open(d)
    expect(j.problems).toEqual([])
    expect(j.findByReference('tx-3').map((s) => s.record.id)).toEqual(['id-3'])
    expect(j.problems).toHaveLength(1)
    expect(j.problems[0]).toMatch(/its reference index does not match its checksum\)/)
    expect(j.search({ reference: 'tx-4' }).items.map((r) => r.id)).toEqual(['id-4'])
  })

  it('rescans and reports a snapshot cut short at its end', () => {
    const { d } = compacted(10)
    const size = fs.statSync(snapshot(d)).size
    fs.truncateSync(snapshot(d), size - 100)
    const j = Journal.open(d)
    expect(j.problems).toHaveLength(1)
    expect(j.problems[0]).toMatch(/its end is unreadable/)
    expect(j.size).toBe(11)
  })

  it('drops an altered record found on a lazy read, reports it and keeps the others', () => {
    const { d } = compacted(20)
    // Valid JSON, valid payment, wrong bytes: only the CRC-32 can tell.
    patch(snapshot(d), '"transactionReference":"ref-5"', '"transactionReference":"ref-6"')
    const j = Journal.open(d)
    expect(j.problems).toEqual([])
    expect(j.get('id-4')?.record).toEqual(record(4))
    expect(j.get('id-5')).toBeUndefined()
    expect(j.problems).toHaveLength(1)
    expect(j.problems[0]).toMatch(/record 6 does not match its checksum; 1 unreadable line/)
    expect(j.size).toBe(20)
    expect(j.search({ limit: 500 }).items.map((r) => r.id)).not.toContain('id-5')
    expect(aside(d)).toHaveLength(1)
  })

  it('finds damage while compacting, rescans, and still compacts what is intact', () => {
    const { d } = compacted(20)
    patch(snapshot(d), '"amountMinor":"102"', '"amountMinor":"103"')
    const j = Journal.open(d)
    j.compact()
    expect(j.problems).toHaveLength(1)
    expect(j.size).toBe(20)
    j.close()
    const again = Journal.open(d)
    expect(again.problems).toEqual([])
    expect(again.size).toBe(20)
  })
})

describe('journal search after a reopen', () => {
  it('returns the same pages as a plain filter over the latest records', () => {
    const change = fc.record({
      i: fc.integer({ min: 0, max: 24 }),
      state: fc.constantFrom(...STATES),
      amount: fc.constantFrom('100', '250', '999'),
      card: fc.constantFrom('0936', '1456', undefined),
      createdAt: fc.integer({ min: 0, max: 500 }),
    })
    const query = fc.record(
      {
        merchantId: fc.constantFrom('m0', 'm1'),
        terminalSerial: fc.constantFrom('T0', 'T1', 'T9'),
        amountMinor: fc.constantFrom('100', '250'),
        states: fc.subarray(STATES, { minLength: 1 }),
        lastFour: fc.constantFrom('0936', '1456', '9999'),
        from: fc.integer({ min: 0, max: 50_000 }),
        to: fc.integer({ min: 0, max: 50_000 }),
        reference: fc.constantFrom('ref-1', 'ref-7', 'tx-3', 'id-4', 'nope'),
        offset: fc.integer({ min: 0, max: 5 }),
        limit: fc.integer({ min: 1, max: 30 }),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(
        fc.array(change, { maxLength: 60 }),
        fc.nat(60),
        fc.array(query, { minLength: 1, maxLength: 5 }),
        (changes, compactAt, queries) => {
          const d = dir()
          const j = Journal.open(d)
          const latest = new Map<string, PaymentRecord>()
          changes.forEach((c, k) => {
            const r = record(c.i, {
              state: c.state,
              amountMinor: c.amount,
              // Unique per record, so a page boundary never falls between equal times.
              createdAt: c.createdAt * 100 + c.i,
              result: c.card
                ? { finStatus: 'X', maskedCardNumber: `**${c.card}`, transactionId: `tx-${c.i}` }
                : undefined,
            })
            j.write(r, META)
            latest.set(r.id, r)
            if (k === compactAt) j.compact()
          })
          j.close()
          const reopened = Journal.open(d)
          for (const q of queries) {
            const all = [...latest.values()]
              .filter((r) => matches(r, q))
              .sort((a, b) => b.createdAt - a.createdAt)
            const page = reopened.search(q)
            expect(page.total).toBe(all.length)
            const offset = q.offset ?? 0
            const expected = all.slice(offset, offset + (q.limit ?? 50))
            expect(page.items).toEqual(expected)
          }
          expect(reopened.problems).toEqual([])
          reopened.close()
        },
      ),
      { numRuns: 60 },
    )
  })
})

function matches(r: PaymentRecord, q: HistoryQuery): boolean {
  const refs = [r.id, r.transactionReference, r.result?.transactionId]
  return (
    (!q.merchantId || r.merchantId === q.merchantId) &&
    (!q.terminalSerial || r.terminalSerial === q.terminalSerial) &&
    (!q.amountMinor ||
      r.amountMinor === q.amountMinor ||
      r.result?.totalAmountMinor === q.amountMinor) &&
    (!q.states || q.states.includes(r.state)) &&
    (!q.lastFour || r.result?.maskedCardNumber?.slice(-4) === q.lastFour) &&
    (q.from === undefined || r.createdAt >= q.from) &&
    (q.to === undefined || r.createdAt <= q.to) &&
    (!q.reference || refs.includes(q.reference))
  )
}
