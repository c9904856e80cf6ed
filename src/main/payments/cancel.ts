import { asHandpointFailure } from './operation-input'
import { terminalKeyOf, type Runtime } from './runtime'

/**
 * Cancel is a request, not an outcome: stopCurrentTransaction is sent while the terminal can
 * still stop (waiting for the card or the PIN); the original operation keeps being watched until
 * the terminal reports its final state (normally CANCELLED, but it may still be approved).
 */
export async function cancelOperation(
  rt: Runtime,
  merchantId: string,
  serial: string,
): Promise<{ requested: boolean; message: string }> {
  const id = rt.terminals.get(terminalKeyOf(merchantId, serial))
  const op = id ? rt.ops.get(id) : undefined
  if (!id || !op) {
    return {
      requested: false,
      message: `Nothing is running on terminal ${serial}, so there is nothing to cancel.`,
    }
  }
  const { record } = rt.stored(id)
  if (record.state !== 'accepted' && record.state !== 'in-progress') {
    return {
      requested: false,
      message: 'This payment cannot be cancelled from here any more. Wait for its result.',
    }
  }
  try {
    const client = (op.client ??= await rt.directory.clientFor(merchantId))
    await rt.budget.send(op.key, `${id}:cancel`, () =>
      client.startTransaction({
        operation: 'stopCurrentTransaction',
        serialNumber: record.terminalSerial,
        terminalType: record.terminalType,
      }),
    )
  } catch (err) {
    const failure = asHandpointFailure(err)
    if (failure?.kind === 'cancel-not-allowed') {
      rt.save(
        id,
        {},
        { evidence: 'Cancel refused by the terminal (error 1003): too late to cancel.' },
      )
      return {
        requested: false,
        message:
          'The terminal can no longer cancel this payment (error 1003: the card is already being processed). Wait for the result.',
      }
    }
    const why = failure?.message ?? (err instanceof Error ? err.message : String(err))
    rt.save(id, {}, { evidence: `Cancel could not be sent (${why}).` })
    return {
      requested: false,
      message: `The cancel request did not reach the terminal (${why}). The payment is still running; try again or wait for its result.`,
    }
  }
  if (rt.ops.has(id)) {
    rt.save(id, { cancelRequested: true }, { evidence: 'Cancel sent to the terminal.' })
  }
  op.wake?.()
  return {
    requested: true,
    message: 'Cancel sent. The terminal will confirm; the payment stays on screen until it does.',
  }
}
