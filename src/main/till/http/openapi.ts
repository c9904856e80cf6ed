import { z } from 'zod'
import { describe } from '@shared/messages'
import type { TillErrorCode } from '../errors'
import { idempotencyKeySchema, refundBody, startPaymentBody } from '../inputs'
import { MAX_BODY_BYTES } from './request'
import { STATUS } from './reply'
import type { ResponseDoc, RouteDef } from './route-types'
import { TILL_ROUTES } from './routes'
import {
  errorSchema,
  healthSchema,
  paymentListSchema,
  paymentResourceSchema,
  terminalListSchema,
  terminalSchema,
} from './schemas'

/**
 * The OpenAPI 3.1 document of the till link, generated from the route table and the very zod
 * schemas the server parses requests with (zod's own JSON Schema output), so the document and
 * the server cannot disagree.
 */

const COMPONENTS = new Map<z.ZodType, string>([
  [paymentResourceSchema, 'Payment'],
  [terminalSchema, 'Terminal'],
  [paymentListSchema, 'PaymentList'],
  [terminalListSchema, 'TerminalList'],
  [healthSchema, 'Health'],
  [errorSchema, 'Error'],
  [startPaymentBody, 'StartPayment'],
  [refundBody, 'Refund'],
])

type Json = Record<string, unknown>
const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` })

function jsonSchema(schema: z.ZodType, io: 'input' | 'output', asRoot = false): Json {
  const out = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema: js, path }) => {
      const name = COMPONENTS.get(zodSchema as unknown as z.ZodType)
      if (!name || (asRoot && path.length === 0)) return
      for (const key of Object.keys(js)) delete (js as Json)[key]
      Object.assign(js, ref(name))
    },
  }) as Json
  delete out['$schema']
  return out
}

function queryParameters(query: z.ZodObject): Json[] {
  const schema = jsonSchema(query, 'input')
  const props = (schema['properties'] ?? {}) as Record<string, Json>
  const required = new Set((schema['required'] ?? []) as string[])
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s
    return {
      name,
      in: 'query',
      required: required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    }
  })
}

function parameters(route: RouteDef): Json[] {
  const list: Json[] = []
  for (const [name, description] of Object.entries(route.pathParams ?? {})) {
    list.push({ name, in: 'path', required: true, description, schema: { type: 'string' } })
  }
  if (route.query) list.push(...queryParameters(route.query))
  if (route.idempotent) {
    list.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      description:
        'Chosen by the till, one per payment; send the same key again to retry safely (kept for ' +
        'at least 48 h, across restarts).',
      schema: jsonSchema(idempotencyKeySchema, 'input'),
      example: 'till-7-sale-000123',
    })
  }
  for (const [name, description] of Object.entries(route.headerParams ?? {})) {
    list.push({ name, in: 'header', required: false, description, schema: { type: 'string' } })
  }
  return list
}

function content(doc: ResponseDoc): Json | undefined {
  const body = doc.body
  if (body === undefined) return undefined
  if (body === 'text') {
    return {
      'text/plain': { schema: { type: 'string' } },
      'text/html': { schema: { type: 'string' } },
    }
  }
  if (body === 'html') return { 'text/html': { schema: { type: 'string' } } }
  if (body === 'event-stream') return { 'text/event-stream': { schema: { type: 'string' } } }
  if (body === 'openapi') return { 'application/json': { schema: { type: 'object' } } }
  return { 'application/json': { schema: jsonSchema(body, 'output') } }
}

function responses(route: RouteDef): Json {
  const out: Json = {}
  for (const [status, doc] of Object.entries(route.responses)) {
    const headers: Record<string, Json> = Object.fromEntries(
      Object.entries(doc.headers ?? {}).map(([name, value]) => [
        name,
        { description: `Set to ${value}.`, schema: { type: 'string', const: value } },
      ]),
    )
    if (status === '201')
      headers['Location'] = { description: 'The new payment.', schema: { type: 'string' } }
    const body = content(doc)
    out[status] = {
      description: doc.description,
      ...(Object.keys(headers).length ? { headers } : {}),
      ...(body ? { content: body } : {}),
    }
  }
  const codes: TillErrorCode[] = [...route.errors]
  if (route.auth) codes.push('unauthorized', 'rate_limited')
  codes.push('internal_error')
  const byStatus = new Map<number, TillErrorCode[]>()
  for (const code of new Set(codes))
    byStatus.set(STATUS[code], [...(byStatus.get(STATUS[code]) ?? []), code])
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[String(status)] = errorResponse(list)
  }
  return out
}

function errorResponse(codes: TillErrorCode[]): Json {
  const status = STATUS[codes[0]!]
  const retry = { description: 'Seconds to wait.', schema: { type: 'string' } }
  return {
    description: codes.map((c) => `\`${c}\`: ${describe(`till_${c}`)}`).join('\n\n'),
    ...(status === 429 ? { headers: { 'Retry-After': retry } } : {}),
    content: { 'application/json': { schema: ref('Error') } },
  }
}

function operation(route: RouteDef): Json {
  const op: Json = {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    security: route.auth ? [{ tillToken: [] }] : [],
    parameters: parameters(route),
    responses: responses(route),
  }
  if (route.body) {
    op['requestBody'] = {
      required: route.bodyRequired ?? false,
      description: `JSON, UTF-8, at most ${MAX_BODY_BYTES / 1024} KiB.`,
      content: {
        'application/json': {
          schema: jsonSchema(route.body, 'input'),
          ...(route.examples ? { examples: route.examples } : {}),
        },
      },
    }
  }
  return op
}

export function buildOpenApi(version: string): Json {
  const paths: Record<string, Json> = {}
  for (const route of TILL_ROUTES) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) }
  }
  const schemas: Json = {}
  for (const [schema, name] of COMPONENTS) {
    const io = schema === startPaymentBody || schema === refundBody ? 'input' : 'output'
    schemas[name] = jsonSchema(schema, io, true)
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'POS Companion till link',
      version,
      description:
        'Take card payments on Handpoint terminals from your till through the POS Companion on ' +
        'this computer. Amounts are integers in minor units. Every request but /health and ' +
        '/openapi.json needs `Authorization: Bearer <till token>` (Settings > Till link). Send an ' +
        'Idempotency-Key with every payment request and the same key when you retry: a till can ' +
        'never charge a customer twice. outcome_unknown is never final: wait, never start a new ' +
        'payment for the same sale.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas,
      // Any path or method, with or without a token.
      responses: {
        NotFound: errorResponse(['not_found']),
        MethodNotAllowed: errorResponse(['method_not_allowed']),
        TransportRefusal: {
          description:
            'Answered by the server before the API sees the request: 408 (headers or body too ' +
            'slow), 431 (headers over 16 KiB) or 400 (not HTTP). The connection is closed.',
        },
      },
      securitySchemes: {
        tillToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'A till token made under Settings > Till link (shown once).',
        },
      },
    },
  }
}
