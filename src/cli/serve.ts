import { mkdir, readFile } from 'node:fs/promises'
import { createHandpointClient } from '../main/handpoint'
import type { Device } from '../main/handpoint/types'
import { createPaymentEngine, createStaticDirectory } from '../main/payments'
import { createRecordingPrinter } from '../main/receipts/recording-printer'
import { ReceiptService } from '../main/receipts/service'
import { DEMO_API_KEY, startSimulator, type Simulator } from '../main/simulator'
import { writtenNotices } from '../main/notices/notices'
import { TillLinkService } from '../main/till/link'
import type { TillDirectory } from '../main/till/ports'
import { TillSession } from '../main/till/session'
import { engineForTill, receiptsForTill } from '../main/till/wiring'
import { crashHook } from './commands'
import type { CliOptions } from './options'

/** What `serve` needs of its process: output, signals and the environment. */
export interface ServeProcess {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
  env: NodeJS.ProcessEnv
  once(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown
}

/**
 * `npm run cli -- serve [--port N] [--data-dir DIR] [connection options]`: the payment engine and
 * the till link without a window (the built-in simulator when no connection is given). Prints
 * the base URL, and a till token named `cli` when the data folder has none yet. SIGINT/SIGTERM
 * stop it: the till link stops taking requests and finishes those in flight, then the engine
 * closes its journal, so nothing accepted is lost. Resolves with the exit code.
 */
export async function serve(options: CliOptions, proc: ServeProcess): Promise<number> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 })
  let simulator: Simulator | undefined
  let connection = options.connection
  if (!connection) {
    simulator = await startSimulator({})
    connection = {
      apiBaseUrl: simulator.apiBaseUrl,
      statusBaseUrl: simulator.statusBaseUrl,
      apiKey: DEMO_API_KEY,
    }
  }
  const client = createHandpointClient({ ...connection, retry: { maxAttempts: 1 } })
  const notices = writtenNotices((line) => proc.stderr.write(line))
  const engine = await createPaymentEngine({
    dataDir: options.dataDir,
    directory: createStaticDirectory([
      { merchantId: options.merchantId, client, defaultCurrency: options.currency ?? 'EUR' },
    ]),
    notices,
    ...(options.callback ? { callback: options.callback } : {}),
    ...(options.notChargedAfterMs ? { notChargedAfterMs: options.notChargedAfterMs } : {}),
    ...(crashHook(proc.env) ? { crashPoint: crashHook(proc.env) } : {}),
  })
  const receipts = new ReceiptService({
    dataDir: options.dataDir,
    printer: createRecordingPrinter(),
    notices,
    emit: () => undefined,
    // The built-in simulator serves its receipts over plain http on this computer.
    loopbackHttp: () => simulator !== undefined,
    logError: (m) => proc.stderr.write(`${m}\n`),
    findPayment: async (id) => {
      try {
        return engine.get(id)
      } catch {
        return undefined
      }
    },
  })
  void receipts.resume()
  const stopCollecting = engine.onFinal((record) => void receipts.collect(record))
  const session = new TillSession({
    engine: engineForTill(engine),
    directory: singleMerchant(options.merchantId, simulator ? 'Demo Cafe' : 'CLI merchant', () =>
      client.listDevices(),
    ),
    receipts: receiptsForTill(receipts),
  })
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'))
  const link = await TillLinkService.open({
    dataDir: options.dataDir,
    version: String(pkg.version),
    session,
    merchants: () => [{ id: options.merchantId, name: 'CLI merchant' }],
    notices,
    headless: options.port !== undefined ? { port: options.port } : {},
    logError: (m) => proc.stderr.write(`${m}\n`),
  })

  const stop = async (): Promise<void> => {
    await link.dispose()
    session.dispose()
    stopCollecting()
    receipts.dispose()
    await engine.dispose()
    await simulator?.close()
  }
  const view = link.view()
  if (!link.url) {
    proc.stderr.write(`The till link could not start (${view.problem?.code ?? 'unknown'}).\n`)
    await stop()
    return 1
  }
  proc.stdout.write(`${link.url}\n`)
  if (link.tokenCount === 0) {
    const { token } = await link.createToken('cli', options.merchantId)
    proc.stdout.write(`Till token: ${token}\n`)
  }
  proc.stderr.write(
    `Till link running${simulator ? ' on the built-in simulator' : ''}; data in ${options.dataDir}. Ctrl-C stops it.\n`,
  )
  await new Promise<void>((resolve) => {
    proc.once('SIGINT', resolve)
    proc.once('SIGTERM', resolve)
  })
  proc.stderr.write('Stopping the till link…\n')
  await stop()
  return 0
}

/** The CLI's one merchant and the terminals its key lists (listed once, then cached). */
function singleMerchant(id: string, name: string, list: () => Promise<Device[]>): TillDirectory {
  let devices: Promise<Device[]> | undefined
  const terminals = async (): Promise<Device[]> => {
    devices ??= list()
    try {
      return await devices
    } catch (err) {
      devices = undefined
      throw err
    }
  }
  return {
    merchants: () => [{ id, name }],
    async terminalsOf(merchantId) {
      if (merchantId !== id) return []
      return (await terminals()).map((d) => ({ serial: d.serialNumber, type: d.terminalType }))
    },
    async merchantOfTerminal(serial) {
      return (await terminals()).some((d) => d.serialNumber === serial) ? id : undefined
    },
  }
}
