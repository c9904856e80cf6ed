import { bindDeviceCalls } from '../main/merchants/bound-client'
import { RateBudget } from '../main/payments'
import { createTerminalCare, type TerminalCare } from '../main/terminals/compose'
import { openFileCommandJournal } from '../main/terminals/file-journal'
import type { Context } from './commands'
import type { CliOptions } from './options'

/**
 * Terminal care over the CLI's one key: the terminals it lists, checks and commands through the
 * same services as the app. Commands are journalled in the CLI's data folder, like the app's in
 * its own.
 */
export async function terminalCareFor(
  ctx: Context,
  options: CliOptions,
): Promise<{ care: TerminalCare; close(): void }> {
  const terminals = await ctx.client.listDevices()
  const budget = new RateBudget()
  const device = bindDeviceCalls(ctx.client, options.merchantId, () => terminals)
  if (!device) throw new Error('This Handpoint client has no device calls.')
  const care = createTerminalCare({
    merchants: {
      profiles: () => [{ id: options.merchantId, terminals }],
      terminalOf: async (_m, serial) => terminals.find((t) => t.serialNumber === serial),
      deviceClientFor: async () => device,
    },
    busyHere: (merchantId, serial) => ctx.engine.terminalBusy(merchantId, serial),
    budget: {
      background: { send: (k, o, r) => budget.send(k, o, r, 'background') },
      normal: { send: (k, o, r) => budget.send(k, o, r) },
    },
    journal: openFileCommandJournal(options.dataDir),
    onBoard: () => undefined,
    scheduled: false,
  })
  await care.health.sync()
  return {
    care,
    close() {
      care.dispose()
      budget.close()
    },
  }
}
