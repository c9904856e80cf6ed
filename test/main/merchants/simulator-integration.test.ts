import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createHandpointClient } from '../../../src/main/handpoint'
import { DEMO_API_KEY, startSimulator, type Simulator } from '../../../src/main/simulator'
import { openService, removeTempDirs, tempDir } from './support'

/** Verification and the demo merchant against the real client and the built-in simulator. */
let sim: Simulator
const EMPTY_KEY = 'EMPTY-MERCHANT-KEY-000000000000'

beforeAll(async () => {
  sim = await startSimulator({
    merchants: [
      {
        apiKey: DEMO_API_KEY,
        merchantIdAlpha: 'DemoCafe',
        terminals: [{ serialNumber: '0821032398', terminalType: 'PAXA920PRO' }],
      },
      { apiKey: EMPTY_KEY, merchantIdAlpha: 'Empty', terminals: [] },
    ],
  })
})
afterAll(() => sim.close())
afterEach(removeTempDirs)

async function service() {
  return openService(await tempDir(), {
    createClient: createHandpointClient,
    simulatorEndpoints: async () => ({
      apiBaseUrl: sim.apiBaseUrl,
      statusBaseUrl: sim.statusBaseUrl,
    }),
    demoApiKey: DEMO_API_KEY,
    requestTimeoutMs: 5_000,
  })
}

const custom = (apiKey: string, apiBaseUrl = sim.apiBaseUrl) => ({
  name: 'Relay',
  environment: 'custom' as const,
  customUrls: { apiBaseUrl, statusBaseUrl: sim.statusBaseUrl },
  currency: 'EUR',
  apiKey,
})

describe('merchants against the simulator', () => {
  it('the demo merchant lists the simulator terminals with the public key', async () => {
    const s = await service()
    const demo = s.snapshot().merchants[0]!
    const list = await s.listTerminals(demo.id, true)
    expect(list.terminals).toEqual([{ serialNumber: '0821032398', terminalType: 'PAXA920PRO' }])
  })

  it('a key the simulator knows is verified and stored with its terminals', async () => {
    const s = await service()
    const view = await s.addMerchant(custom(DEMO_API_KEY))
    expect(view.terminals.map((t) => t.serialNumber)).toEqual(['0821032398'])
    expect(view.defaultTerminalSerial).toBe('0821032398')
  })

  it('a 403 becomes "key rejected"', async () => {
    const s = await service()
    await expect(s.addMerchant(custom('NOT-A-KNOWN-KEY-0000000000'))).rejects.toMatchObject({
      code: 'key_rejected',
    })
  })

  it('a merchant without terminals is told to link one', async () => {
    const s = await service()
    await expect(s.addMerchant(custom(EMPTY_KEY))).rejects.toMatchObject({
      code: 'key_no_terminals',
    })
  })

  it('a host that does not answer is reported as no network', async () => {
    const s = await service()
    await expect(s.addMerchant(custom(DEMO_API_KEY, 'http://127.0.0.1:9'))).rejects.toMatchObject({
      code: 'key_check_offline',
    })
  })
})
