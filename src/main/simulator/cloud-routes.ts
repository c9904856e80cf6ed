import type { IncomingMessage, ServerResponse } from 'node:http'
import { setTimeout as delay } from 'node:timers/promises'
import { z } from 'zod'
import { routeBatch } from './batch-routes'
import type { MerchantState, SimContext } from './context'
import { majorToMinor } from './currencies'
import { routeDeviceCommand } from './device-routes'
import { startOperation, stopCurrent } from './engine'
import {
  readJson,
  sendEmpty,
  sendError,
  sendJson,
  sendTerminalError,
  sendValidationFailed,
  TERMINAL_MESSAGES,
} from './http-util'
import { isUuid } from './ids'
import { adjustBookedTip } from './ledger'
import type { TxRecord } from './store'
import { isMoto } from './terminal'
import { validateTransactionRequest } from './validation'

/** Share of POSTs a flaky-network terminal misses (answered 1002). */
const FLAKY_MISS_RATE = 0.25

/** Routes of the cloud host (§2.1-§2.5, batches, device commands) once the key is admitted. */
export async function routeCloud(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  merchant: MerchantState,
  path: string,
): Promise<boolean> {
  const method = req.method ?? 'GET'
  if (method === 'GET' && (path === '/initialize' || path === '/devices')) {
    sendJson(
      res,
      200,
      merchant.terminals.map((t) => ({
        merchant_id_alpha: merchant.merchantIdAlpha,
        serial_number: t.serialNumber,
        ssk: sskOf(t.serialNumber),
        terminal_type: t.terminalType,
      })),
    )
    return true
  }
  if (method === 'POST' && path === '/transactions') {
    await postTransaction(ctx, req, res, merchant)
    return true
  }
  const poll = /^\/transaction-result\/([^/]+)$/.exec(path)
  if (method === 'GET' && poll) {
    const record = ctx.store.polled(decodeURIComponent(poll[1] ?? ''), merchant.apiKey)
    if (!record) sendError(res, 404, 'NotFoundError', 'Transaction result not found')
    else if (!record.terminalResult) sendEmpty(res, 204)
    else sendJson(res, 200, record.terminalResult)
    return true
  }
  const tip = /^\/transactions\/([^/]+)\/tip-adjustment$/.exec(path)
  if (method === 'POST' && tip) {
    await adjustTip(ctx, req, res, merchant, decodeURIComponent(tip[1] ?? ''))
    return true
  }
  if (await routeBatch(ctx, req, res, merchant, path)) return true
  return routeDeviceCommand(ctx, req, res, merchant, path)
}

/** Deterministic 26-hex-digit shared secret for the device list (§4.5). */
function sskOf(serial: string): string {
  let hash = 2166136261
  const out: string[] = []
  for (let i = 0; i < 26; i += 1) {
    hash = Math.imul(hash ^ (serial.charCodeAt(i % serial.length) + i), 16777619) >>> 0
    out.push((hash & 0xf).toString(16).toUpperCase())
  }
  return out.join('')
}

async function postTransaction(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  merchant: MerchantState,
): Promise<void> {
  const parsed = await readJson(req, res)
  if (!parsed.ok) return
  const body = parsed.body as Record<string, unknown> | null
  const sentReference =
    typeof body?.transactionReference === 'string' ? body.transactionReference : undefined
  if (sentReference)
    ctx.postsByReference[sentReference] = (ctx.postsByReference[sentReference] ?? 0) + 1
  const validation = validateTransactionRequest(parsed.body)
  if (!validation.ok) {
    if (validation.status === 422) sendValidationFailed(res, validation.details)
    else sendError(res, 400, 'BadRequestError', validation.message)
    return
  }
  const request = validation.request
  const terminal = ctx.terminals.get(request.serial_number)
  if (
    !terminal ||
    terminal.merchantIdAlpha !== merchant.merchantIdAlpha ||
    terminal.terminalType.toUpperCase() !== request.terminal_type.toUpperCase()
  ) {
    return sendTerminalError(res, 1004, TERMINAL_MESSAGES[1004])
  }
  // The virtual terminal has no device behind it: it takes the merchant's MOTO operations only.
  if (
    terminal.virtual &&
    !isMoto(request.operation) &&
    request.operation !== 'stopCurrentTransaction'
  ) {
    return sendError(
      res,
      400,
      'BadRequestError',
      `Operation ${request.operation} is not available on a virtual terminal`,
    )
  }
  if (
    !terminal.virtual &&
    (!terminal.listening(ctx.now()) ||
      (terminal.behaviour === 'flaky-network' && ctx.rng.chance(FLAKY_MISS_RATE)))
  ) {
    return sendTerminalError(res, 1002, TERMINAL_MESSAGES[1002])
  }
  let record: TxRecord | undefined
  if (request.operation === 'stopCurrentTransaction') {
    record = stopCurrent(ctx, merchant, terminal, request)
    if (!record) return sendTerminalError(res, 1003, TERMINAL_MESSAGES[1003])
  } else {
    if (terminal.active || terminal.busyElsewhere)
      return sendTerminalError(res, 1001, TERMINAL_MESSAGES[1001])
    record = startOperation(ctx, merchant, terminal, request)
  }
  const accepted = {
    ...(record.transactionResultId ? { transactionResultId: record.transactionResultId } : {}),
    statusMessage: 'Operation Accepted',
    ...(request.transactionReference ? { transactionReference: request.transactionReference } : {}),
  }
  // The operation runs whatever happens to this answer: that is what makes a lost 202 dangerous.
  if (ctx.rng.chance(ctx.faults.drop202)) {
    req.socket.destroy()
    return
  }
  if ((ctx.faults.delay202Ms ?? 0) > 0) await delay(ctx.faults.delay202Ms)
  sendJson(res, 202, accepted)
}

const tipSchema = z.looseObject({ amount: z.union([z.number(), z.string()]) })

async function adjustTip(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  merchant: MerchantState,
  guid: string,
): Promise<void> {
  const parsed = await readJson(req, res)
  if (!parsed.ok) return
  const body = tipSchema.safeParse(parsed.body)
  if (!body.success) {
    const missing =
      typeof parsed.body !== 'object' || parsed.body === null || !('amount' in parsed.body)
    const details = missing
      ? [
          {
            path: '',
            code: 'required',
            message: "must have required property 'amount'",
            info: { missingProperty: 'amount' },
          },
        ]
      : [{ path: '/amount', code: 'type', message: 'must be number', info: { type: 'number' } }]
    return sendValidationFailed(res, details)
  }
  const record = isUuid(guid) ? ctx.store.transaction(guid, merchant.merchantIdAlpha) : undefined
  if (!record) return sendError(res, 400, 'BadRequestError', `Invalid guid [${guid}]`)
  const status = record.gatewayResult?.finStatus
  const isSale = ['sale', 'saleAndTokenizeCard'].includes(record.request.operation)
  if (!isSale || (status !== 'AUTHORISED' && status !== 'PARTIAL_APPROVAL')) {
    return sendError(
      res,
      400,
      'BadRequestError',
      `Tip adjustment not allowed for transaction [${guid}]`,
    )
  }
  const minor = majorToMinor(String(body.data.amount), record.request.currency ?? 'EUR')
  if (minor === undefined || minor <= 0)
    return sendError(res, 400, 'BadRequestError', 'Invalid amount (0 < amount < 999999999999)')
  // "Rejected if the original transaction has already been batched out."
  if (adjustBookedTip(merchant, record, minor) === 'batched-out') {
    return sendError(
      res,
      400,
      'BadRequestError',
      `Tip adjustment rejected: transaction [${guid}] has already been batched out`,
    )
  }
  record.adjustedTipMinor = minor
  sendJson(res, 200, { statusMessage: 'tip adjusted' })
}
