import { afterAll, beforeAll, expect } from 'vitest'
import {
  createHandpointClient,
  type Accepted,
  type HandpointCloudClient,
  type TransactionInput,
  type TransactionResult,
} from '../../../src/main/handpoint'
import {
  DEMO_API_KEY,
  startSimulator,
  type SimMerchantSpec,
  type Simulator,
} from '../../../src/main/simulator'

/**
 * A simulator shared by the contract tests of one file: the demo key with a normal, an offline
 * and a fault-injection terminal, plus a second merchant for ownership rules. Time runs 40x.
 */
export const OTHER_KEY = 'CONTRACT-OTHER-MERCHANT'
export const T = {
  normal: { serialNumber: '0821032398', terminalType: 'PAXA920PRO' },
  offline: { serialNumber: '1111111111', terminalType: 'PAXA920' },
  faults: { serialNumber: '2222222222', terminalType: 'PAXA920' },
  other: { serialNumber: '3333333333', terminalType: 'PAXA920' },
}
export { DEMO_API_KEY }

export const eur = (amountMinor: string) => ({ amountMinor, currency: 'EUR' })

export interface ContractContext {
  readonly sim: Simulator
  readonly client: HandpointCloudClient
  clientWith(apiKey: string, extra?: { timeoutMs?: number }): HandpointCloudClient
  /** Resolves when the terminal reports its next finished operation. */
  nextFinish(serialNumber: string, on?: Simulator): Promise<void>
  /** The polling flow (§5.2): 202 with a transactionResultId, 204 while running, then 200. */
  run(input: TransactionInput): Promise<TransactionResult>
  /** The same flow for any call that answers 202 (pingDevice). */
  runWith(serialNumber: string, start: () => Promise<Accepted>): Promise<TransactionResult>
}

export const CONTRACT_MERCHANTS: SimMerchantSpec[] = [
  {
    apiKey: DEMO_API_KEY,
    merchantIdAlpha: 'DemoCafe',
    terminals: [
      { ...T.normal, behaviour: 'normal' },
      { ...T.offline, behaviour: 'offline' },
      { ...T.faults, behaviour: 'normal' },
    ],
  },
  { apiKey: OTHER_KEY, merchantIdAlpha: 'OtherShop', terminals: [{ ...T.other }] },
]

/** `merchants`: the two above unless a test file needs more (a virtual terminal, acquirers). */
export function useContractSimulator(merchants = CONTRACT_MERCHANTS): ContractContext {
  let sim: Simulator | undefined
  let client: HandpointCloudClient | undefined
  beforeAll(async () => {
    sim = await startSimulator({ timeScale: 40, rateLimitPerSecond: 0, merchants })
    client = ctx.clientWith(DEMO_API_KEY)
  })
  afterAll(async () => {
    await sim?.close()
  })

  const ctx: ContractContext = {
    get sim() {
      return sim!
    },
    get client() {
      return client!
    },
    clientWith(apiKey, extra = {}) {
      return createHandpointClient({
        apiBaseUrl: sim!.apiBaseUrl,
        statusBaseUrl: sim!.statusBaseUrl,
        apiKey,
        ...extra,
      })
    },
    nextFinish(serialNumber, on = sim!) {
      return new Promise((resolve) => {
        const off = on.onTerminalFinished((f) => {
          if (f.serialNumber !== serialNumber) return
          off()
          resolve()
        })
      })
    },
    run(input) {
      return ctx.runWith(input.serialNumber, () => ctx.client.startTransaction(input))
    },
    async runWith(serialNumber, start) {
      const finished = ctx.nextFinish(serialNumber)
      const accepted = await start()
      expect(accepted.statusMessage).toBe('Operation Accepted')
      expect(accepted.transactionResultId).toMatch(new RegExp(`^${serialNumber}-\\d{13}$`))
      const id = accepted.transactionResultId!
      let outcome = await ctx.client.getTransactionResult(id)
      if (outcome.kind === 'in-progress') {
        await finished
        outcome = await ctx.client.getTransactionResult(id)
      }
      if (outcome.kind !== 'final') throw new Error(`no result for ${id}: ${outcome.kind}`)
      expect(outcome.result).not.toHaveProperty('unMaskedPan')
      return outcome.result
    },
  }
  return ctx
}
