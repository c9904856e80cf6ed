import type { z } from 'zod'

/** One request/response operation: the request is parsed with `request` in main. */
export interface OperationDef<Req extends z.ZodType, Res> {
  readonly request: Req
  /** Phantom: carries the response type only; never set. */
  readonly response?: Res
}

/** One main -> renderer event. */
export interface EventDef<Payload> {
  /** Phantom: carries the payload type only; never set. */
  readonly payload?: Payload
}

/** `operation<Res>()(schema)`: the response type is given, the request type is inferred. */
export const operation =
  <Res>() =>
  <Req extends z.ZodType>(request: Req): OperationDef<Req, Res> => ({ request })

export const event = <Payload>(): EventDef<Payload> => ({})
