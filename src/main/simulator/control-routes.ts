import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import type { MerchantState, SimContext } from './context'
import type { Controls } from './controls'
import { readJson, sendError, sendJson } from './http-util'

/**
 * The simulator's own control surface on the cloud host, under `/_simulator/` (no such path
 * exists at Handpoint): the same switches as the `Simulator` object, for trainers with curl and
 * for tests of a running standalone simulator. The merchant's key is required and a key reaches
 * only its own terminals; the rate limit and injected faults do not apply here. Every change
 * answers 200 with the terminal's state afterwards.
 */

const flag = (name: string) => z.strictObject({ [name]: z.boolean() })
const BODIES = {
  power: flag('on'),
  'busy-elsewhere': flag('busy'),
  'integrated-mode': flag('on'),
  behaviour: z.strictObject({
    behaviour: z.enum(['normal', 'slow-card', 'pin', 'signature', 'offline', 'flaky-network']),
  }),
  battery: z.strictObject({
    percent: z.number().min(0).max(100).optional(),
    externalPower: z.enum(['USB', 'AC', 'None']).optional(),
  }),
  'standalone-payment': z.strictObject({
    amountMinor: z.int().positive(),
    currency: z.string(),
    type: z.enum(['SALE', 'REFUND']).optional(),
  }),
  'batch/drop': z.strictObject({
    transactionID: z.string().optional(),
    rrn: z.string().optional(),
  }),
} as const
type Action = keyof typeof BODIES

function apply(controls: Controls, serial: string, action: Action, body: never): unknown {
  switch (action) {
    case 'power':
      return controls.setPower(serial, (body as { on: boolean }).on)
    case 'busy-elsewhere':
      return controls.setBusyElsewhere(serial, (body as { busy: boolean }).busy)
    case 'integrated-mode':
      return controls.setIntegratedMode(serial, (body as { on: boolean }).on)
    case 'behaviour':
      return controls.setBehaviour(
        serial,
        (body as z.infer<(typeof BODIES)['behaviour']>).behaviour,
      )
    case 'battery':
      return controls.setBattery(serial, body)
    case 'standalone-payment':
      return controls.takeStandalonePayment(serial, body)
    case 'batch/drop':
      return { dropped: controls.dropFromBatch(serial, body) }
  }
}

export async function routeControls(
  ctx: SimContext,
  controls: Controls,
  req: IncomingMessage,
  res: ServerResponse,
  merchant: MerchantState,
  path: string,
): Promise<void> {
  const method = req.method ?? 'GET'
  if (method === 'POST' && path === '/_simulator/acquirer') {
    const parsed = await readJson(req, res)
    if (!parsed.ok) return
    const body = z
      .strictObject({ batches: z.enum(['supported', 'batch-number-required', 'unsupported']) })
      .safeParse(parsed.body)
    if (!body.success) return sendError(res, 400, 'BadRequestError', body.error.issues[0]?.message)
    controls.setBatchSupport(merchant.merchantIdAlpha, body.data.batches)
    return sendJson(res, 200, { merchant: merchant.merchantIdAlpha, batches: body.data.batches })
  }
  const match = /^\/_simulator\/terminals\/([^/]+)(?:\/(.+))?$/.exec(path)
  const serial = decodeURIComponent(match?.[1] ?? '')
  const action = match?.[2]
  const terminal = ctx.terminals.get(serial)
  if (!match || !terminal || terminal.merchantIdAlpha !== merchant.merchantIdAlpha) {
    return sendError(res, 404, 'NotFoundError', `No simulator control "${method} ${path}".`)
  }
  if (method === 'GET' && action === undefined)
    return sendJson(res, 200, controls.terminalState(serial))
  if (method === 'GET' && action === 'commands')
    return sendJson(res, 200, controls.commandsReceived(serial))
  if (method !== 'POST' || action === undefined || !(action in BODIES)) {
    return sendError(res, 404, 'NotFoundError', `No simulator control "${method} ${path}".`)
  }
  const parsed = await readJson(req, res)
  if (!parsed.ok) return
  const body = BODIES[action as Action].safeParse(parsed.body)
  if (!body.success) {
    const issue = body.error.issues[0]
    return sendError(res, 400, 'BadRequestError', `${issue?.path.join('.')}: ${issue?.message}`)
  }
  try {
    const outcome = apply(controls, serial, action as Action, body.data as never)
    sendJson(res, 200, outcome ?? controls.terminalState(serial))
  } catch (error) {
    sendError(res, 400, 'BadRequestError', (error as Error).message)
  }
}
