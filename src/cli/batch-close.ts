import { describe } from '@shared/messages'
import type { CliCommand } from './command'
import { dayServiceFor } from './day-context'
import { UsageError } from './options'

const ENDS =
  'Closing the batch ends the day on this terminal: its payments can no longer be reversed, only refunded, and tips can no longer be adjusted.'

/**
 * `batch-close --terminal SERIAL [--json]`: closes the terminal's open batch (journalled first;
 * a lost answer is checked with the batch summary, never closed again). Exit code 0 closed,
 * 2 refused, 3 outcome unknown.
 */
export const batchCloseCommand: CliCommand = {
  usage: 'batch-close --terminal SERIAL',
  summary: "Close the terminal's batch (ends reversals and tip adjustments).",
  async run(ctx, options, io) {
    const serial = options.terminal
    if (!serial) throw new UsageError('This command needs --terminal SERIAL.')
    if (!options.json) io.err(`${ENDS}\n`)
    const day = dayServiceFor(ctx, options)
    const close = await day.closeBatch(options.merchantId, serial)
    if (options.json) io.out(`${JSON.stringify(close)}\n`)
    else if (close.state === 'closed') {
      io.out(
        `${describe('batch_closed', { terminal: serial, batchNumber: close.answer?.batchNumber ?? '?' })}\n`,
      )
      if (close.answer?.issuerResponseText) io.out(`  Issuer: ${close.answer.issuerResponseText}\n`)
    } else if (close.error) io.out(`${describe(close.error.code, close.error.params)}\n`)
    return close.state === 'closed' ? 0 : close.state === 'failed' ? 2 : 3
  },
}
