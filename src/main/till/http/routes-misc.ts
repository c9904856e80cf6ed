import { z } from 'zod'
import { TillError } from '../errors'
import { RECEIPT_WIDTHS } from '../inputs'
import { sanitiseReceiptHtml } from '../../receipts/sanitise'
import { receiptToText } from '../receipt-text'
import { openEventStream } from './events'
import { sendJson, sendText } from './reply'
import { parseWith } from './request'
import type { RouteDef } from './route-types'
import { healthSchema, terminalListSchema } from './schemas'

const receiptQuery = z.object({
  format: z.enum(['text', 'html']).default('text'),
  width: z.coerce
    .number()
    .pipe(z.union(RECEIPT_WIDTHS.map((w) => z.literal(w))))
    .default(42)
    .meta({
      description: 'Characters per line for format=text: 32 (58 mm rolls), 42 or 48.',
      type: 'integer',
      enum: [...RECEIPT_WIDTHS],
    }),
})

/**
 * Stored receipts are untrusted HTML from the cloud: served as they are kept, they may not run
 * anything or load anything if a till shows them in a browser.
 */
const RECEIPT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"

export const miscRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v1/health',
    operationId: 'health',
    summary: 'Is the till link up (no token needed)',
    auth: false,
    responses: { 200: { description: 'Up.', body: healthSchema } },
    errors: [],
    async handle(ctx) {
      sendJson(ctx.res, 200, { status: 'ok', version: ctx.version })
    },
  },
  {
    method: 'GET',
    path: '/v1/openapi.json',
    operationId: 'openapi',
    summary: 'This document (no token needed)',
    auth: false,
    responses: { 200: { description: 'The OpenAPI 3.1 document.', body: 'openapi' } },
    errors: [],
    async handle(ctx) {
      sendJson(ctx.res, 200, ctx.openapi())
    },
  },
  {
    method: 'GET',
    path: '/v1/terminals',
    operationId: 'listTerminals',
    summary: "The merchant's terminals and what each is doing",
    auth: true,
    responses: { 200: { description: 'The terminals.', body: terminalListSchema } },
    errors: ['unavailable'],
    async handle(ctx) {
      sendJson(ctx.res, 200, { terminals: await ctx.session.terminals(ctx.caller) })
    },
  },
  {
    method: 'GET',
    path: '/v1/payments/{id}/receipts/{copy}',
    operationId: 'getReceipt',
    summary: 'A receipt as text lines for the till printer, or as stored',
    description:
      'format=text: lines of at most `width` characters, laid out from the stored Handpoint ' +
      'receipt. format=html: the stored receipt (to be shown only where nothing in it can run).',
    auth: true,
    pathParams: {
      id: 'The payment id.',
      copy: 'customer or merchant.',
    },
    query: receiptQuery,
    responses: {
      200: { description: 'The receipt (text/plain or text/html).', body: 'text' },
    },
    errors: ['unknown_payment', 'no_receipt', 'receipt_not_ready', 'invalid_request'],
    async handle(ctx) {
      const copy = ctx.params['copy']
      if (copy !== 'customer' && copy !== 'merchant') {
        throw new TillError('not_found', { path: ctx.url.pathname })
      }
      const q = parseWith(receiptQuery, Object.fromEntries(ctx.url.searchParams))
      const html = await ctx.session.receipt(ctx.caller, ctx.params['id']!, copy)
      if (q.format === 'html') {
        // As stored, less anything that could run or load (the app's own receipt sanitiser).
        sendText(ctx.res, 200, sanitiseReceiptHtml(html), 'text/html; charset=utf-8', {
          'Content-Security-Policy': RECEIPT_CSP,
        })
      } else {
        sendText(ctx.res, 200, receiptToText(html, q.width), 'text/plain; charset=utf-8')
      }
    },
  },
  {
    method: 'GET',
    path: '/v1/events',
    operationId: 'events',
    summary: 'Server-Sent Events: payment.updated and terminal.updated',
    description:
      'Each event has an id; reconnect with Last-Event-ID to get what was missed (when the id is ' +
      'too old, the stream starts with every running payment and every terminal as they are).',
    auth: true,
    headerParams: { 'Last-Event-ID': 'The id of the last event received, to resume after it.' },
    responses: {
      200: {
        description:
          'event: payment.updated (data: the payment resource) or terminal.updated (data: a terminal).',
        body: 'event-stream',
      },
    },
    errors: ['too_many_streams'],
    handle: openEventStream,
  },
]
