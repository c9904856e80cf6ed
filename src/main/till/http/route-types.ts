import type { IncomingMessage, ServerResponse } from 'node:http'
import type { z } from 'zod'
import type { TillErrorCode } from '../errors'
import type { TillCaller, TillSession } from '../session'
import type { StreamSlots } from './limits'

/** Everything a route handler gets. */
export interface RouteContext {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  params: Record<string, string>
  /** Set on every route that needs a token. */
  caller: TillCaller
  session: TillSession
  slots: StreamSlots
  version: string
  openapi: () => unknown
  /** Aborted when the client goes away. */
  signal: AbortSignal
  /** Registers an open stream so that revoking the token ends it at once. */
  track(close: () => void): () => void
}

export interface ResponseDoc {
  description: string
  /** JSON body schema, or a non-JSON body kind. */
  body?: z.ZodType | 'text' | 'html' | 'event-stream' | 'openapi'
  headers?: Record<string, string>
}

export interface ExampleDoc {
  summary: string
  value: unknown
}

/**
 * One route of the API with its documentation: the OpenAPI document is built from this table,
 * so a route cannot exist undocumented, and the request schemas are the ones the handler uses.
 */
export interface RouteDef {
  method: 'GET' | 'POST'
  /** OpenAPI-style template: `/v1/payments/{id}`. */
  path: string
  operationId: string
  summary: string
  description?: string
  auth: boolean
  /** Needs an Idempotency-Key header. */
  idempotent?: boolean
  /** Path parameters with their description. */
  pathParams?: Record<string, string>
  query?: z.ZodObject
  /** Header parameters other than Authorization and Idempotency-Key. */
  headerParams?: Record<string, string>
  body?: z.ZodType
  bodyRequired?: boolean
  examples?: Record<string, ExampleDoc>
  responses: Record<number, ResponseDoc>
  /** The error codes this route can answer with (401 and 429 are added for token routes). */
  errors: TillErrorCode[]
  handle(ctx: RouteContext): Promise<void>
}
