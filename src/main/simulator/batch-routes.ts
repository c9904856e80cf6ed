import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { closeAnswer, detailAnswer, summaryAnswer, type Batch } from './batches'
import type { MerchantState, SimContext } from './context'
import {
  readJson,
  sendError,
  sendJson,
  sendTerminalError,
  sendValidationFailed,
  TERMINAL_MESSAGES,
} from './http-util'
import { uuidV1Like } from './ids'
import type { SimTerminal } from './terminal'
import { toDetail } from './validation'

/**
 * `POST /batch/close|summary|detail` (2.25+, beta). The batches live at the acquirer, so a
 * terminal that is switched off or busy does not matter here. Refusals, in order: 422 for a body
 * of the wrong shape (and for a close without `batchNumber` when the acquirer insists), 1004 for
 * someone else's terminal, then gateway 400s: no batch support, unknown batch, closing a batch
 * that is not the open one. The gateway codes and texts are the simulator's own (Handpoint
 * documents the shape of a gateway error, not these cases).
 */

const str = z.string()
const closeBody = z.looseObject({
  deviceType: str,
  serialNumber: str,
  batchNumber: str.optional(),
  customerReference: z.union([str, z.record(str, z.unknown())]).optional(),
})
const readQuery = closeBody.extend({ batchNumber: str, rrn: str.optional() })
type CloseBody = z.infer<typeof closeBody>

const GATEWAY = {
  unsupported: ['3300', 'Batch operations are not available for this acquirer'],
  unknown: ['3301', 'Batch not found'],
  notOpen: ['3302', 'Batch is not open'],
} as const

function sendGatewayError(
  ctx: SimContext,
  res: ServerResponse,
  [code, text]: readonly [string, string],
  subject = '',
): void {
  const description = subject ? `${text} [${subject}]` : text
  sendError(res, 400, 'BadRequestError', description, {
    code,
    details: {
      errorCode: code,
      errorGuid: uuidV1Like(ctx.now(), ctx.rng),
      description,
      httpStatus: '400',
    },
  })
}

function terminalOf(
  ctx: SimContext,
  merchant: MerchantState,
  body: CloseBody,
): SimTerminal | undefined {
  const terminal = ctx.terminals.get(body.serialNumber)
  const owned =
    terminal?.merchantIdAlpha === merchant.merchantIdAlpha &&
    terminal.terminalType.toUpperCase() === body.deviceType.toUpperCase()
  return owned ? terminal : undefined
}

const batchOf = (terminal: SimTerminal, number: string): Batch | undefined =>
  /^\d{1,9}$/.test(number) ? terminal.book.find(Number(number)) : undefined

export async function routeBatch(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  merchant: MerchantState,
  path: string,
): Promise<boolean> {
  const action = /^\/batch\/(close|summary|detail)$/.exec(path)?.[1]
  if (req.method !== 'POST' || !action) return false
  const parsed = await readJson(req, res)
  if (!parsed.ok) return true
  const schema = action === 'close' ? closeBody : readQuery
  const body = schema.safeParse(parsed.body)
  if (!body.success) {
    sendValidationFailed(
      res,
      body.error.issues.map((issue) => toDetail(parsed.body, issue)),
    )
    return true
  }
  if (
    action === 'close' &&
    body.data.batchNumber === undefined &&
    merchant.batchSupport === 'batch-number-required'
  ) {
    sendValidationFailed(res, [
      {
        path: '',
        code: 'required',
        message: "must have required property 'batchNumber'",
        info: { missingProperty: 'batchNumber' },
      },
    ])
    return true
  }
  const terminal = terminalOf(ctx, merchant, body.data)
  if (!terminal) {
    sendTerminalError(res, 1004, TERMINAL_MESSAGES[1004])
    return true
  }
  if (merchant.batchSupport === 'unsupported') {
    sendGatewayError(ctx, res, GATEWAY.unsupported)
    return true
  }
  const reference = body.data.customerReference
  if (action === 'close') {
    closeBatch(ctx, req, res, terminal, body.data)
    return true
  }
  const number = body.data.batchNumber ?? ''
  const batch = batchOf(terminal, number)
  if (!batch) {
    sendGatewayError(ctx, res, GATEWAY.unknown, number)
    return true
  }
  const guid = uuidV1Like(ctx.now(), ctx.rng)
  const rrn = 'rrn' in body.data && typeof body.data.rrn === 'string' ? body.data.rrn : undefined
  sendJson(
    res,
    200,
    action === 'summary'
      ? summaryAnswer(batch, reference, guid)
      : detailAnswer(batch, rrn, reference, guid),
  )
  return true
}

function closeBatch(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  terminal: SimTerminal,
  body: CloseBody,
): void {
  const open = terminal.book.open
  if (body.batchNumber !== undefined && body.batchNumber !== String(open.number)) {
    const known = batchOf(terminal, body.batchNumber) !== undefined
    sendGatewayError(ctx, res, known ? GATEWAY.notOpen : GATEWAY.unknown, body.batchNumber)
    return
  }
  const now = ctx.now()
  const closed = terminal.book.close({
    closeBatchGuid: uuidV1Like(now, ctx.rng),
    closedAt: now,
    summaryGuid: uuidV1Like(now, ctx.rng),
    detailGuid: uuidV1Like(now, ctx.rng),
  })
  // The batch IS closed whatever happens to the answer: that is what makes a lost one dangerous.
  if (ctx.rng.chance(ctx.faults.dropBatchCloseAnswer)) {
    req.socket.destroy()
    return
  }
  if (ctx.rng.chance(ctx.faults.batchCloseErrorAfterClosing)) {
    sendError(res, 500, 'InternalServerError', 'Internal Server Error')
    return
  }
  sendJson(res, 200, closeAnswer(closed, body.customerReference))
}
