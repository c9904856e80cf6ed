import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { OperationKind, PaymentRecord } from '@shared/contract'
import { createStoreDayJournal } from '../../../src/main/day/store-journal'
import { createHandpointGateway } from '../../../src/main/day/handpoint-gateway'
import { DaySettingsService } from '../../../src/main/day/day-settings'
import { DayService } from '../../../src/main/day/service'
import { ZReportFiles } from '../../../src/main/day/z-report-files'
import { createHandpointClient } from '../../../src/main/handpoint'
import { createPaymentEngine, type PaymentEngine } from '../../../src/main/payments/engine'
import { createStaticDirectory } from '../../../src/main/payments/static-directory'
import { startSimulator, type Simulator } from '../../../src/main/simulator'
import { scaledClock, tempDataDir } from '../payments/support'

export const KEY = 'DAY-TEST-KEY-0000000000'
export const TERMINAL = '0821032398'
export const VT = 'VT00000042'
const SCALE = 20

export interface DayWorld {
  simulator: Simulator
  engine: PaymentEngine
  day: DayService
  dataDir: string
  now(): number
  /** Takes one operation through the engine and waits for its final state. */
  take(
    operation: OperationKind,
    amountMinor: string,
    options?: { original?: PaymentRecord; terminal?: string },
  ): Promise<PaymentRecord>
  close(): Promise<void>
}

/**
 * The real engine, client and day service against the simulator (one merchant, one card
 * terminal and its MOTO virtual terminal), with simulator and engine time 20 times faster.
 */
export async function dayWorld(): Promise<DayWorld> {
  const clock = scaledClock(SCALE)
  const simulator = await startSimulator({
    merchants: [
      {
        apiKey: KEY,
        merchantIdAlpha: 'DayShop',
        terminals: [{ serialNumber: TERMINAL, terminalType: 'PAXA920PRO' }],
        virtualTerminal: { serialNumber: VT },
      },
    ],
    timeScale: SCALE,
    rateLimitPerSecond: 0,
    now: clock.now,
  })
  const client = createHandpointClient({
    apiBaseUrl: simulator.apiBaseUrl,
    statusBaseUrl: simulator.statusBaseUrl,
    apiKey: KEY,
    retry: { maxAttempts: 1 },
    timeoutMs: 5_000,
  })
  const devices = [
    { serialNumber: TERMINAL, terminalType: 'PAXA920PRO' },
    { serialNumber: VT, terminalType: 'VT' },
  ]
  const dataDir = tempDataDir('day-')
  const engine = await createPaymentEngine({
    dataDir,
    clock,
    directory: createStaticDirectory([{ merchantId: 'm1', client, devices }]),
    budget: { perWindow: 50 },
  })
  const day = new DayService({
    journal: createStoreDayJournal(engine.store, clock.now),
    gatewayFor: async () => createHandpointGateway(client, { gate: engine.gateFor('m1', 'day') }),
    terminalsOf: async () => devices.map((d) => ({ serial: d.serialNumber, type: d.terminalType })),
    merchantName: (id) => (id === 'm1' ? 'Day Shop' : undefined),
    defaultCurrency: async () => 'EUR',
    resolvePending: async (id) => void (await engine.resolve(id)),
    // A cut-off far from now, so a run near 04:00 does not cross into the next business day.
    settings: new DaySettingsService({
      load: () => ({ cutoffHour: (new Date().getHours() + 12) % 24, closeDailyMerchants: [] }),
      save: async () => undefined,
    }),
    files: ZReportFiles.inDataDir(mkdtempSync(join(tmpdir(), 'pos-z-'))),
    now: clock.now,
  })
  return {
    simulator,
    engine,
    day,
    dataDir,
    now: clock.now,
    async take(operation, amountMinor, options = {}) {
      const original = options.original
      const started = await engine.start({
        merchantId: 'm1',
        terminalSerial: options.terminal ?? original?.terminalSerial ?? TERMINAL,
        operation,
        amountMinor,
        currency: 'EUR',
        ...(original?.result?.transactionId
          ? { originalTransactionId: original.result.transactionId }
          : {}),
      })
      return engine.waitForFinal(started.id)
    },
    async close() {
      await engine.dispose()
      await simulator.close()
    },
  }
}
