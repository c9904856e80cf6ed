import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FINAL_STATES, type PaymentState } from '@shared/contract'
import { AppError } from '@shared/contract/result'
import { HandpointError } from '../../../src/main/handpoint'
import type { TransactionResult } from '../../../src/main/handpoint/types'
import {
  createPaymentEngine,
  createStaticDirectory,
  type PaymentEngine,
  type PaymentStateChange,
} from '../../../src/main/payments'
import { FakeHandpoint } from './fake-handpoint'
import { ManualClock, tempDataDir } from './support'

type Step =
  | { kind: 'start'; serial: 'T1' | 'T2'; ambiguous: boolean }
  | { kind: 'terminal-says'; finStatus: string }
  | { kind: 'gateway-says'; finStatus: string }
  | { kind: 'time'; ms: number }
  | { kind: 'restart' }

const FIN = ['AUTHORISED', 'DECLINED', 'CANCELLED', 'UNDEFINED', 'IN_PROGRESS']
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('start' as const),
    serial: fc.constantFrom('T1' as const, 'T2' as const),
    ambiguous: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('terminal-says' as const), finStatus: fc.constantFrom(...FIN) }),
  fc.record({ kind: fc.constant('gateway-says' as const), finStatus: fc.constantFrom(...FIN) }),
  fc.record({ kind: fc.constant('time' as const), ms: fc.integer({ min: 100, max: 120_000 }) }),
  fc.constant<Step>({ kind: 'restart' }),
)

const finals = (history: PaymentStateChange[]): Set<PaymentState> =>
  new Set(history.map((c) => c.state).filter((s) => FINAL_STATES.includes(s)))

describe('the engine under any sequence of starts, answers, time and restarts', () => {
  it('gives each payment one final state at most, a history that only grows, and one POST at most', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 14 }), async (steps) => {
        const dataDir = tempDataDir('engine-prop-')
        const clock = new ManualClock()
        const client = new FakeHandpoint()
        let terminal: TransactionResult = { finStatus: 'IN_PROGRESS' }
        let gateway: TransactionResult = { finStatus: 'UNDEFINED' }
        client.poll = () =>
          terminal.finStatus === 'IN_PROGRESS'
            ? { kind: 'in-progress' }
            : { kind: 'final', result: terminal }
        client.status = () => gateway
        const open = (): Promise<PaymentEngine> =>
          createPaymentEngine({
            dataDir,
            clock,
            random: () => 0.5,
            storeCheck: 'now',
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
            budget: { perWindow: 1000, windowMs: 1 },
          })
        let engine = await open()
        const seen = new Map<string, PaymentStateChange[]>()
        try {
          for (const s of steps) {
            if (s.kind === 'start') {
              client.postAnswer = s.ambiguous
                ? () =>
                    Promise.reject(new HandpointError('timeout', 'no answer', { ambiguous: true }))
                : async () => ({
                    transactionResultId: `r-${client.posts.length}`,
                    statusMessage: 'Accepted',
                  })
              await engine
                .start({
                  merchantId: 'm1',
                  terminalSerial: s.serial,
                  operation: 'sale',
                  amountMinor: '100',
                })
                .catch((error: unknown) => {
                  // The only refusal here: the terminal is still busy with an earlier one.
                  expect(error).toBeInstanceOf(AppError)
                  expect((error as AppError).code).toBe('terminal_in_use')
                })
            } else if (s.kind === 'terminal-says') terminal = { finStatus: s.finStatus }
            else if (s.kind === 'gateway-says') gateway = { finStatus: s.finStatus }
            else if (s.kind === 'time') await clock.advance(s.ms)
            else {
              await engine.dispose()
              engine = await open()
            }
            for (const record of engine.search({ limit: 100 }).items) {
              const history = engine.store.history(record.id)
              const before = seen.get(record.id) ?? []
              expect(history.slice(0, before.length)).toEqual(before)
              expect(finals(history).size).toBeLessThanOrEqual(1)
              seen.set(record.id, history)
            }
            const references = client.posts.map((p) => p.transactionReference)
            expect(new Set(references).size).toBe(references.length)
          }
        } finally {
          await engine.dispose()
        }
      }),
      { numRuns: 25 },
    )
  }, 120_000)
})
