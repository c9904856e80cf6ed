import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BatchDetail, BatchLine } from '../../../src/main/day/batch'
import {
  compareSummary,
  journalLines,
  matchBatch,
  verdictFor,
  type JournalLine,
} from '../../../src/main/day/reconcile-match'
import { pay } from './day-fixtures'

const detail = (lines: BatchLine[]): BatchDetail => ({ batchNumber: '7', lines })
const TYPE = { sale: 'SALE', refund: 'REFUND', capture: 'CAPTURE', reversal: 'REVERSAL' } as const
const asBatch = (lines: JournalLine[]): BatchLine[] =>
  lines
    .filter((j) => !j.voided)
    .map((j) => ({ type: TYPE[j.kind], amountMinor: j.amount, rrn: j.rrn }))

describe('journal lines of a batch', () => {
  it('takes approved money movements and marks a sale voided with its reversal', () => {
    const sale = pay({ amountMinor: 500 })
    const lines = journalLines([
      sale,
      pay({
        operation: 'saleReversal',
        amountMinor: 500,
        originalTransactionId: sale.transactionId,
      }),
      pay({ operation: 'refund', amountMinor: 200 }),
      pay({ state: 'declined' }),
      pay({ operation: 'preAuthorization' }),
    ])
    expect(lines.map((l) => [l.kind, l.amount, l.sign, l.voided])).toEqual([
      ['sale', 500, 1, true],
      ['reversal', 500, -1, true],
      ['refund', 200, -1, false],
    ])
  })

  it('keeps a reversal of an earlier batch (it settles as a refund)', () => {
    const old = pay({ amountMinor: 800 })
    const lines = journalLines(
      [
        pay({
          operation: 'saleReversal',
          amountMinor: 800,
          originalTransactionId: old.transactionId,
        }),
      ],
      [old],
    )
    expect(lines).toEqual([expect.objectContaining({ kind: 'reversal', voided: false, sign: -1 })])
    expect(
      matchBatch(lines, detail([{ type: 'REFUND', amountMinor: 800, rrn: lines[0]!.rrn }])),
    ).toEqual([])
  })
})

describe('matching a batch to the journal', () => {
  const sale = pay({ amountMinor: 1000, rrn: 'RRN1' })
  const refund = pay({ operation: 'refund', amountMinor: 250, rrn: 'RRN2' })
  const journal = journalLines([sale, refund])

  it('confirms a batch that holds exactly the journal', () => {
    expect(
      verdictFor('T1', journal, {
        kind: 'answered',
        batchNumber: '7',
        detail: detail([
          { type: 'REFUND', amountMinor: 250, rrn: 'RRN2' },
          { type: 'SALE', amountMinor: 1000, rrn: 'RRN1' },
        ]),
      }),
    ).toEqual({ terminal: 'T1', verdict: 'confirmed', batchNumber: '7' })
  })

  it('names a payment taken on the terminal alone, one missing, and one with another amount', () => {
    const v = verdictFor('T1', journal, {
      kind: 'answered',
      batchNumber: '7',
      detail: detail([
        { type: 'SALE', amountMinor: 1100, rrn: 'RRN1' },
        { type: 'SALE', amountMinor: 990, rrn: 'RRN9' },
      ]),
    })
    expect(v).toEqual({
      terminal: 'T1',
      verdict: 'do_not_agree',
      batchNumber: '7',
      differences: [
        {
          kind: 'amount_differs',
          paymentId: sale.id,
          type: 'sale',
          rrn: 'RRN1',
          journalAmount: 1000,
          batchAmount: 1100,
        },
        { kind: 'in_batch_not_here', type: 'SALE', amount: 990, rrn: 'RRN9' },
        {
          kind: 'here_not_in_batch',
          paymentId: refund.id,
          type: 'refund',
          amount: 250,
          rrn: 'RRN2',
        },
      ],
    })
  })

  it('matches lines without an RRN by type and amount', () => {
    expect(
      matchBatch(
        journal,
        detail([
          { type: 'SALE', amountMinor: 1000 },
          { type: 'REFUND', amountMinor: 250, rrn: 'RRN2' },
        ]),
      ),
    ).toEqual([])
    expect(
      matchBatch(
        journal,
        detail([
          { type: 'SALE', amountMinor: 999 },
          { type: 'REFUND', amountMinor: 250, rrn: 'RRN2' },
        ]),
      ),
    ).toEqual([
      { kind: 'in_batch_not_here', type: 'SALE', amount: 999 },
      expect.objectContaining({ kind: 'here_not_in_batch', paymentId: sale.id }),
    ])
  })

  it('ignores a line the journal knows from an earlier day', () => {
    const batch = detail([...asBatch(journal), { type: 'SALE', amountMinor: 5, rrn: 'OLD' }])
    expect(matchBatch(journal, batch, (rrn) => rrn === 'OLD')).toEqual([])
  })

  it('accepts a voided pair whether the acquirer kept it or dropped it', () => {
    const s = pay({ amountMinor: 300, rrn: 'V1' })
    const r = pay({
      operation: 'saleReversal',
      amountMinor: 300,
      rrn: 'V2',
      originalTransactionId: s.transactionId,
    })
    const lines = journalLines([s, r])
    expect(matchBatch(lines, detail([]))).toEqual([])
    expect(
      matchBatch(
        lines,
        detail([
          { type: 'SALE', amountMinor: 300, rrn: 'V1' },
          { type: 'REVERSAL', amountMinor: 300, rrn: 'V2' },
        ]),
      ),
    ).toEqual([])
  })

  it('is unconfirmed when Handpoint could not answer, and compares the summary when no detail came', () => {
    expect(
      verdictFor('T1', journal, { kind: 'unavailable', reason: 'batch_not_supported' }),
    ).toMatchObject({
      verdict: 'unconfirmed',
      reason: 'batch_not_supported',
    })
    expect(
      compareSummary(journal, { batchNumber: '7', transactionCount: 2, netMinor: 750 }),
    ).toEqual([])
    expect(
      compareSummary(journal, { batchNumber: '7', transactionCount: 3, netMinor: 700 }),
    ).toEqual([
      { kind: 'summary_differs', field: 'transaction_count', journal: 2, batch: 3 },
      { kind: 'summary_differs', field: 'net', journal: 750, batch: 700 },
    ])
  })

  it('finds exactly the one change made to a batch that matched (property)', () => {
    const journalArb = fc.uniqueArray(
      fc.record({
        rrn: fc.stringMatching(/^[0-9]{6}$/),
        kind: fc.constantFrom('sale', 'refund', 'capture') as fc.Arbitrary<
          'sale' | 'refund' | 'capture'
        >,
        amount: fc.integer({ min: 1, max: 1e9 }),
      }),
      { selector: (l) => l.rrn, minLength: 1, maxLength: 30 },
    )
    fc.assert(
      fc.property(
        journalArb,
        fc.nat(),
        fc.constantFrom('drop', 'add', 'amount'),
        (specs, pick, change) => {
          const lines: JournalLine[] = specs.map((s, i) => ({
            paymentId: `p${i}`,
            kind: s.kind,
            amount: s.amount,
            sign: s.kind === 'refund' ? -1 : 1,
            rrn: s.rrn,
            voided: false,
          }))
          const batch = asBatch(lines).reverse()
          expect(matchBatch(lines, detail(batch))).toEqual([])
          const i = pick % batch.length
          if (change === 'drop') batch.splice(i, 1)
          if (change === 'add') batch.push({ type: 'SALE', amountMinor: 1, rrn: 'X' })
          if (change === 'amount')
            batch[i] = { ...batch[i]!, amountMinor: batch[i]!.amountMinor + 1 }
          const found = matchBatch(lines, detail(batch))
          expect(found).toHaveLength(1)
          expect(found[0]!.kind).toBe(
            { drop: 'here_not_in_batch', add: 'in_batch_not_here', amount: 'amount_differs' }[
              change
            ],
          )
        },
      ),
      { numRuns: 300 },
    )
  })
})
