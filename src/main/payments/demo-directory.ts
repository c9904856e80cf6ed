import { createHandpointClient } from '../handpoint'
import type { HandpointClient } from '../handpoint/types'
import { DEMO_API_KEY, startSimulator, type Simulator } from '../simulator'
import type { MerchantDirectory } from './ports'
import { createStaticDirectory } from './static-directory'

export const DEMO_MERCHANT_ID = 'demo'

/**
 * Demo mode: one merchant over the built-in simulator's demo key. The simulator starts on first
 * use, so a checkout that never takes a demo payment never opens its ports.
 */
export function createDemoDirectory(): { directory: MerchantDirectory; dispose(): Promise<void> } {
  let started: Promise<{ simulator: Simulator; directory: MerchantDirectory }> | undefined
  const ready = () =>
    (started ??= startSimulator({}).then((simulator) => {
      const client: HandpointClient = createHandpointClient({
        apiBaseUrl: simulator.apiBaseUrl,
        statusBaseUrl: simulator.statusBaseUrl,
        apiKey: DEMO_API_KEY,
        // One attempt per call: every request must pass the engine's per-key budget.
        retry: { maxAttempts: 1 },
      })
      return {
        simulator,
        directory: createStaticDirectory([{ merchantId: DEMO_MERCHANT_ID, client }]),
      }
    }))
  return {
    directory: {
      clientFor: async (id) => (await ready()).directory.clientFor(id),
      terminalOf: async (id, serial) => (await ready()).directory.terminalOf(id, serial),
      defaultCurrency: async (id) => (await ready()).directory.defaultCurrency(id),
    },
    async dispose() {
      if (started) await (await started).simulator.close()
    },
  }
}
