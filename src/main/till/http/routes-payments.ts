import { z } from 'zod'
import { TillError } from '../errors'
import { idempotencyKeySchema, refundBody, startPaymentBody, tillReferenceSchema } from '../inputs'
import type { Started } from '../session'
import { sendJson } from './reply'
import { parseWith, readJsonBody } from './request'
import type { RouteContext, RouteDef } from './route-types'
import { paymentListSchema, paymentResourceSchema } from './schemas'

/** Long-polls wait at most this long. */
export const MAX_WAIT_SECONDS = 60

const idParam = { id: 'The payment id (from the 201 answer, its Location or a list).' }

const getQuery = z.object({
  wait: z.coerce.number().int().min(0).max(MAX_WAIT_SECONDS).optional().meta({
    description: 'Seconds to hold the answer until the payment is final (0-60).',
  }),
})

const listQuery = z.object({
  idempotencyKey: idempotencyKeySchema.optional(),
  tillReference: tillReferenceSchema.optional(),
  terminal: z.string().min(1).max(32).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

function idempotencyKey(ctx: RouteContext): string {
  const raw = ctx.req.headers['idempotency-key']
  const key = Array.isArray(raw) ? raw[0] : raw
  if (key === undefined || key === '') throw new TillError('idempotency_key_required')
  if (!idempotencyKeySchema.safeParse(key).success) throw new TillError('idempotency_key_required')
  return key
}

function answerStarted(ctx: RouteContext, started: Started): void {
  const { resource, replayed } = started
  sendJson(ctx.res, replayed ? 200 : 201, resource, {
    Location: `/v1/payments/${encodeURIComponent(resource.id)}`,
    ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}),
  })
}

const query = (ctx: RouteContext): Record<string, string> =>
  Object.fromEntries(ctx.url.searchParams)

const created = {
  201: { description: 'Started: the payment resource.', body: paymentResourceSchema },
  200: {
    description: 'The same key and request again: the same payment, nothing new started.',
    body: paymentResourceSchema,
    headers: { 'Idempotent-Replayed': 'true' },
  },
}

export const paymentRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/v1/payments',
    operationId: 'startPayment',
    summary: 'Start a payment on a terminal',
    description:
      'Answers once the terminal took the request. The same Idempotency-Key with the same body ' +
      'returns the same payment (200, Idempotent-Replayed: true), never a second operation.',
    auth: true,
    idempotent: true,
    body: startPaymentBody,
    bodyRequired: true,
    examples: {
      sale: {
        summary: 'A sale of 12.34 EUR',
        value: {
          operation: 'sale',
          amount: 1234,
          currency: 'EUR',
          terminal: '0821032398',
          tillReference: 'R-1001',
        },
      },
      saleWithTip: {
        summary: 'A sale offering tips',
        value: {
          operation: 'sale',
          amount: 2500,
          currency: 'EUR',
          terminal: '1850025030',
          tip: { percentages: [10, 15, 20] },
        },
      },
      tokenize: {
        summary: 'Save a card',
        value: { operation: 'tokenize', terminal: '1547854757' },
      },
    },
    responses: created,
    errors: [
      'invalid_request',
      'idempotency_key_required',
      'idempotency_key_reused',
      'terminal_busy',
      'unknown_terminal',
      'forbidden_terminal',
      'unsupported_media_type',
      'payload_too_large',
      'unavailable',
    ],
    async handle(ctx) {
      const key = idempotencyKey(ctx)
      const body = parseWith(startPaymentBody, await readJsonBody(ctx.req))
      answerStarted(ctx, await ctx.session.start(ctx.caller, key, body))
    },
  },
  {
    method: 'GET',
    path: '/v1/payments',
    operationId: 'listPayments',
    summary: "Find this merchant's payments, newest first",
    description:
      'By idempotencyKey (how a till whose connection dropped finds its payment), by tillReference, ' +
      'or by terminal ("the last payment on this terminal"). Filters combine.',
    auth: true,
    query: listQuery,
    responses: {
      200: { description: 'Matching payments, newest first.', body: paymentListSchema },
    },
    errors: ['invalid_request'],
    async handle(ctx) {
      const q = parseWith(listQuery, query(ctx))
      const payments = ctx.session.list(ctx.caller, {
        ...(q.idempotencyKey !== undefined ? { idempotencyKey: q.idempotencyKey } : {}),
        ...(q.tillReference !== undefined ? { tillReference: q.tillReference } : {}),
        ...(q.terminal !== undefined ? { terminal: q.terminal } : {}),
        limit: q.limit,
      })
      sendJson(ctx.res, 200, { payments })
    },
  },
  {
    method: 'GET',
    path: '/v1/payments/{id}',
    operationId: 'getPayment',
    summary: 'One payment; with ?wait=, once it is final',
    description:
      'With wait=N the answer is held until the payment is final or N seconds passed, then it is ' +
      'the current resource either way. outcome_unknown is not final: keep waiting or ask again.',
    auth: true,
    pathParams: idParam,
    query: getQuery,
    responses: { 200: { description: 'The payment.', body: paymentResourceSchema } },
    errors: ['unknown_payment', 'invalid_request', 'too_many_streams'],
    async handle(ctx) {
      const { wait = 0 } = parseWith(getQuery, query(ctx))
      const id = ctx.params['id']!
      const now = ctx.session.get(ctx.caller, id)
      if (now.final || wait === 0) return sendJson(ctx.res, 200, now)
      const release = ctx.slots.claim(ctx.caller.tillId)
      if (!release) {
        throw new TillError('too_many_streams', { limit: ctx.slots.limit }, [], {
          retryAfterSeconds: 1,
        })
      }
      const abort = new AbortController()
      const untrack = ctx.track(() => abort.abort())
      const stop = (): void => abort.abort()
      ctx.signal.addEventListener('abort', stop, { once: true })
      try {
        const resource = await ctx.session.wait(ctx.caller, id, wait * 1000, abort.signal)
        if (!abort.signal.aborted) sendJson(ctx.res, 200, resource)
        else if (!ctx.res.headersSent) ctx.res.destroy()
      } finally {
        ctx.signal.removeEventListener('abort', stop)
        untrack()
        release()
      }
    },
  },
  {
    method: 'POST',
    path: '/v1/payments/{id}/cancel',
    operationId: 'cancelPayment',
    summary: 'Ask the terminal to cancel the payment',
    description:
      'A request to the terminal: the answer is 202 with the resource as it is; the final state ' +
      'comes later and may still be approved.',
    auth: true,
    pathParams: idParam,
    responses: { 202: { description: 'Cancel requested.', body: paymentResourceSchema } },
    errors: ['unknown_payment', 'cannot_cancel'],
    async handle(ctx) {
      sendJson(ctx.res, 202, await ctx.session.cancel(ctx.caller, ctx.params['id']!))
    },
  },
  {
    method: 'POST',
    path: '/v1/payments/{id}/refund',
    operationId: 'refundPayment',
    summary: 'Refund (part of) a payment',
    description: 'A refund linked to the payment, bounded by what is left of it.',
    auth: true,
    idempotent: true,
    pathParams: idParam,
    body: refundBody,
    bodyRequired: true,
    examples: { part: { summary: 'Refund 5.00 of it', value: { amount: 500 } } },
    responses: created,
    errors: [
      'invalid_request',
      'idempotency_key_required',
      'idempotency_key_reused',
      'unknown_payment',
      'cannot_refund',
      'amount_exceeds_remaining',
      'manager_approval_required',
      'terminal_busy',
      'unavailable',
    ],
    async handle(ctx) {
      const key = idempotencyKey(ctx)
      const body = parseWith(refundBody, await readJsonBody(ctx.req))
      answerStarted(ctx, await ctx.session.refund(ctx.caller, ctx.params['id']!, key, body))
    },
  },
  {
    method: 'POST',
    path: '/v1/payments/{id}/reverse',
    operationId: 'reversePayment',
    summary: 'Reverse (void) a payment',
    description: 'Refused with cannot_reverse where the engine would refuse it.',
    auth: true,
    idempotent: true,
    pathParams: idParam,
    responses: created,
    errors: [
      'idempotency_key_required',
      'idempotency_key_reused',
      'unknown_payment',
      'cannot_reverse',
      'manager_approval_required',
      'terminal_busy',
      'unavailable',
    ],
    async handle(ctx) {
      const key = idempotencyKey(ctx)
      const body = await readJsonBody(ctx.req)
      if (body !== undefined) parseWith(z.strictObject({}), body)
      answerStarted(ctx, await ctx.session.reverse(ctx.caller, ctx.params['id']!, key))
    },
  },
]
