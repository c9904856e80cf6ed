import { readFile } from 'node:fs/promises'
import type { Device } from '../main/handpoint/types'
import { writtenNotices } from '../main/notices/notices'
import { createRecordingPrinter } from '../main/receipts/recording-printer'
import { ReceiptService } from '../main/receipts/service'
import { TillLinkService } from '../main/till/link'
import type { TillDirectory } from '../main/till/ports'
import { TillSession } from '../main/till/session'
import { engineForTill, receiptsForTill } from '../main/till/wiring'
import type { CliCommand } from './command'
import { dayForTill } from '../main/day/for-till'
import { dayServiceFor } from './day-context'

/**
 * `npm run cli -- serve [--port N] [--data-dir DIR] [connection options]`: the payment engine and
 * the till link without a window (the built-in simulator when no connection is given). Prints
 * the base URL, and a till token named `cli` when the data folder has none yet. SIGINT/SIGTERM
 * stop it: the till link stops taking requests and finishes those in flight, then the CLI closes
 * the engine and its store, so nothing accepted is lost.
 */
export const serveCommand: CliCommand = {
  usage: 'serve [--port N]',
  summary: 'Run the till link without a window (see README).',
  async run(ctx, options, io) {
    const { engine, client } = ctx
    const onSimulator = options.connection === undefined
    const notices = writtenNotices((line) => io.err(line))
    const receipts = new ReceiptService({
      dataDir: options.dataDir,
      printer: createRecordingPrinter(),
      notices,
      emit: () => undefined,
      // The built-in simulator serves its receipts over plain http on this computer.
      loopbackHttp: () => onSimulator,
      logError: (m) => io.err(`${m}\n`),
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
      directory: singleMerchant(
        options.merchantId,
        onSimulator ? 'Demo Cafe' : 'CLI merchant',
        () => client.listDevices(),
      ),
      receipts: receiptsForTill(receipts),
      day: dayForTill(dayServiceFor(ctx, options)),
    })
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'))
    const link = await TillLinkService.open({
      dataDir: options.dataDir,
      version: String(pkg.version),
      session,
      merchants: () => [{ id: options.merchantId, name: 'CLI merchant' }],
      notices,
      headless: options.port !== undefined ? { port: options.port } : {},
      logError: (m) => io.err(`${m}\n`),
    })
    // The engine and the simulator are closed by the CLI once this resolves.
    const stop = async (): Promise<void> => {
      await link.dispose()
      session.dispose()
      stopCollecting()
      receipts.dispose()
    }
    if (!link.url) {
      io.err(`The till link could not start (${link.view().problem?.code ?? 'unknown'}).\n`)
      await stop()
      return 1
    }
    io.out(`${link.url}\n`)
    if (link.tokenCount === 0) {
      const { token } = await link.createToken('cli', options.merchantId)
      io.out(`Till token: ${token}\n`)
    }
    io.err(
      `Till link running${onSimulator ? ' on the built-in simulator' : ''}; data in ${options.dataDir}. Ctrl-C stops it.\n`,
    )
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve)
      process.once('SIGTERM', resolve)
    })
    io.err('Stopping the till link…\n')
    await stop()
    return 0
  },
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
