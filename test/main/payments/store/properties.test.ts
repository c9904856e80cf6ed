import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { PaymentState } from '../../../../src/shared/contract/payments.contract'
import { FINAL_STATES } from '../../../../src/shared/contract/payments.contract'
import { decodeBody, encodeBody } from '../../../../src/main/payments/store/codec'
import { openPaymentStore } from '../../../../src/main/payments/store/open-store'
import type { SqlitePaymentStore } from '../../../../src/main/payments/store/sqlite-store'
import type { PaymentStateChange } from '../../../../src/main/payments/store/port'
import { tempDataDir } from '../support'
import { newSale } from './fixtures'

const STATES: PaymentState[] = [
  'sent',
  'accepted',
  'in-progress',
  'unknown',
  'resolving',
  ...FINAL_STATES,
]

describe('body packing', () => {
  it('gives back every JSON value exactly, whatever its texts hold (tildes, UUIDs, marks)', () => {
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom('~', '~~', '~@', '~u', '~uAAAAAAAAAAAAAAAAAAAAAA'),
      fc.tuple(fc.string(), fc.uuid(), fc.string()).map(([a, u, b]) => `${a}${u}${b}`),
    )
    const value = fc.dictionary(text, fc.oneof(text, fc.integer(), fc.jsonValue()))
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 2 ** 45 }), (v, at) => {
        const expected = JSON.parse(JSON.stringify(v)) as unknown
        expect(decodeBody(encodeBody(v, at), at)).toEqual(expected)
        expect(decodeBody(encodeBody({ at, t: at }, at), at)).toEqual({ at, t: at })
      }),
    )
  })
})

describe('body unpacking', () => {
  it('writes back what it unpacks as own data, even under a key JSON.parse treats specially', () => {
    const at = 1_800_000_000_000
    const body = JSON.parse('{"__proto__": "a~b", "list": ["x~y", 3], "when": 1800000000000}')
    const back = decodeBody(encodeBody(body as object, at), at)
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(back, '__proto__')?.value).toBe('a~b')
    expect(back).toMatchObject({ list: ['x~y', 3], when: at })
  })
})

type Step =
  | { kind: 'insert' }
  | { kind: 'change'; payment: number; state: PaymentState }
  | { kind: 'note'; payment: number }
  | { kind: 'crash-mid-change'; payment: number; state: PaymentState }
  | { kind: 'restart' }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ kind: 'insert' }),
  fc.record({
    kind: fc.constant('change' as const),
    payment: fc.nat(5),
    state: fc.constantFrom(...STATES),
  }),
  fc.record({ kind: fc.constant('note' as const), payment: fc.nat(5) }),
  fc.record({
    kind: fc.constant('crash-mid-change' as const),
    payment: fc.nat(5),
    state: fc.constantFrom(...STATES),
  }),
  fc.constant<Step>({ kind: 'restart' }),
)

const finalsIn = (history: PaymentStateChange[]): Set<PaymentState> =>
  new Set(history.map((c) => c.state).filter((s) => FINAL_STATES.includes(s)))

describe('any sequence of operations and crashes', () => {
  it('leaves each payment at most one final state, and a history that only grows', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const dir = tempDataDir('prop-')
        let store: SqlitePaymentStore = openPaymentStore({ dir, check: 'now' }).store
        const ids: string[] = []
        const seen = new Map<string, PaymentStateChange[]>()
        let clock = 1_800_000_000_000
        try {
          for (const s of steps) {
            clock += 1000
            const id = 'payment' in s ? ids[s.payment % Math.max(1, ids.length)] : undefined
            if (s.kind === 'insert') {
              const sale = newSale({}, clock)
              store.insert(sale)
              ids.push(sale.record.id)
            } else if (s.kind === 'restart') {
              store.close()
              store = openPaymentStore({ dir, check: 'now' }).store
              expect(store.problems).toEqual([])
            } else if (id && s.kind === 'note') {
              store.change(id, { at: clock, evidence: { at: clock, code: 'evidence_resumed' } })
            } else if (id && s.kind === 'change') {
              const before = store.get(id)!.record.state
              try {
                store.change(id, { at: clock, patch: { state: s.state } })
              } catch {
                // Refused: only a change away from a final state may be refused.
                expect(FINAL_STATES).toContain(before)
                expect(s.state).not.toBe(before)
              }
            } else if (id && s.kind === 'crash-mid-change') {
              // The process dies inside the transaction: nothing of it may remain.
              const before = store.get(id)!.record.state
              const refused = FINAL_STATES.includes(before) && s.state !== before
              expect(() =>
                store.transaction(() => {
                  store.change(id, { at: clock, patch: { state: s.state } })
                  throw new Error('power cut')
                }),
              ).toThrow(refused ? 'is final' : 'power cut')
            }
            for (const known of ids) {
              const history = store.history(known)
              const before = seen.get(known) ?? []
              expect(history.slice(0, before.length)).toEqual(before)
              expect(finalsIn(history).size).toBeLessThanOrEqual(1)
              expect(store.get(known)!.record.state).toBe(history[history.length - 1]!.state)
              seen.set(known, history)
            }
          }
        } finally {
          store.close()
        }
      }),
      { numRuns: 60 },
    )
  })
})
