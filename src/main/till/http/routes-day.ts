import { z } from 'zod'
import { dayReportJsonSchema } from '@shared/contract/day.contract'
import { describe } from '@shared/messages'
import { TillError, invalid } from '../errors'
import type { TillDay } from '../ports'
import { sendJson } from './reply'
import type { RouteContext, RouteDef } from './route-types'

/**
 * The day close for tills: a business day's report (the JSON object of `cli day-report --json`)
 * and a terminal's batch close. Both are the day service's; these routes only check who asks.
 */

export const batchCloseSchema = z.looseObject({
  id: z.string(),
  terminal: z.string(),
  state: z.enum(['requested', 'closed', 'unknown', 'failed']).meta({
    description:
      'closed: Handpoint answered (see answer); failed: nothing was closed (see error.code); unknown: the answer was lost and is checked with the batch summary, and the next close waits until it is known.',
  }),
  requestedAt: z.int(),
  answer: z.looseObject({ batchNumber: z.string(), closeBatchGuid: z.string() }).optional().meta({
    description: "Handpoint's answer: batchNumber, closeBatchGuid, closedAt, issuer text.",
  }),
  error: z
    .object({ code: z.string(), params: z.record(z.string(), z.unknown()).optional() })
    .optional(),
})

function dayOf(ctx: RouteContext): TillDay {
  const day = ctx.session.day
  if (!day)
    throw new TillError('unavailable', { why: 'this checkout does not close days for tills' })
  return day
}

/** The day service's refusals in the till link's codes. */
function tillErrorOf(err: unknown, serial = ''): unknown {
  const code = (err as { code?: unknown })?.code
  if (typeof code !== 'string') return err
  const params = (err as { params?: Record<string, string | number> }).params ?? {}
  switch (code) {
    case 'day_invalid_date':
      return invalid([{ field: 'date', problem: 'is not a date written YYYY-MM-DD' }])
    case 'day_terminal_unknown':
      return new TillError('unknown_terminal', { serial })
    case 'batch_close_in_progress':
    case 'batch_close_unresolved':
      return new TillError('terminal_busy', { serial })
    default:
      return code.startsWith('till_') || err instanceof TillError
        ? err
        : new TillError('unavailable', { why: describe(code, params) })
  }
}

export const dayRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v1/days/{date}/report',
    operationId: 'getDayReport',
    summary: "A business day's totals per terminal, checked with Handpoint",
    description:
      'The business day runs from the cut-off hour (04:00 local unless changed) to the same hour ' +
      'of the next date. Before answering, outcomes not final are resolved by reference and each ' +
      "terminal's batch is matched to the journal (verdict). All amounts are integer minor units; " +
      'a reversed sale counts in sales and in reversals and not in net.',
    auth: true,
    pathParams: { date: 'The business day, YYYY-MM-DD.' },
    responses: { 200: { description: 'The day report.', body: dayReportJsonSchema } },
    errors: ['invalid_request', 'unavailable'],
    async handle(ctx) {
      const date = ctx.params['date'] ?? ''
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw tillErrorOf({ code: 'day_invalid_date' })
      const report = await dayOf(ctx)
        .report(ctx.caller.merchantId, date)
        .catch((err: unknown) => Promise.reject(tillErrorOf(err)))
      sendJson(ctx.res, 200, report)
    },
  },
  {
    method: 'POST',
    path: '/v1/terminals/{serial}/close-batch',
    operationId: 'closeBatch',
    summary: "Close a terminal's batch (ends the day on it)",
    description:
      'After the close, its payments can be refunded but no longer reversed, and tips can no longer be ' +
      'adjusted. The close is written down before it is sent; an answer lost on the way is ' +
      'checked with the batch summary (state unknown until then), never sent twice. Sending this ' +
      'request again closes whatever batch is open by then, usually an empty one.',
    auth: true,
    pathParams: { serial: "The terminal's serial number (GET /v1/terminals)." },
    responses: { 200: { description: 'The close as recorded.', body: batchCloseSchema } },
    errors: ['unknown_terminal', 'terminal_busy', 'unavailable'],
    async handle(ctx) {
      const serial = ctx.params['serial'] ?? ''
      const day = dayOf(ctx)
      const mine = await ctx.session.terminals(ctx.caller)
      if (!mine.some((t) => t.serial === serial))
        throw new TillError('unknown_terminal', { serial })
      const close = await day
        .closeBatch(ctx.caller.merchantId, serial)
        .catch((err: unknown) => Promise.reject(tillErrorOf(err, serial)))
      sendJson(ctx.res, 200, close)
    },
  },
]
