import {
  AppError,
  errorShape,
  operationChannels,
  operations,
  type AppErrorShape,
  type OperationName,
  type Result,
} from '@shared/contract'
import { msg } from '@shared/messages'
import { redact } from '../logging/redact'
import type { CallContext, HandlerTable } from './handlers'

export type RouteFn = (payload: unknown, ctx: CallContext) => Promise<Result<unknown>>

export interface Route {
  name: OperationName
  channel: string
  call: RouteFn
}

export interface DispatcherOptions {
  /** Where unexpected errors go (already redacted). */
  logError?: (message: string) => void
}

/**
 * Builds the route table shared by Electron's ipcMain and the e2e harness: for every contract
 * operation, parse the payload with its schema, run the handler, and wrap the outcome in a Result.
 * Throws if two operations claim one channel or a handler is missing.
 */
export function buildRoutes(handlers: HandlerTable, options: DispatcherOptions = {}): Route[] {
  const seen = new Set<string>()
  const names = Object.keys(operationChannels) as OperationName[]
  for (const key of Object.keys(handlers)) {
    if (!(key in operationChannels)) throw new Error(`Handler "${key}" is not in the contract`)
  }
  return names.map((name) => {
    const channel = operationChannels[name]
    if (seen.has(channel)) throw new Error(`IPC channel "${channel}" is declared twice`)
    seen.add(channel)
    const handler = handlers[name] as (req: unknown, ctx: CallContext) => unknown
    if (typeof handler !== 'function') throw new Error(`No handler for operation "${name}"`)
    const schema = operations[name].request
    const call: RouteFn = async (payload, ctx) => {
      const parsed = schema.safeParse(payload)
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({
          path: i.path.join('.'),
          message: i.message,
        }))
        return { ok: false, error: errorShape(msg('invalid_request'), { issues }) }
      }
      try {
        return { ok: true, data: await handler(parsed.data, ctx) }
      } catch (err) {
        return { ok: false, error: toErrorShape(err, channel, options.logError) }
      }
    }
    return { name, channel, call }
  })
}

function toErrorShape(
  err: unknown,
  channel: string,
  logError?: (message: string) => void,
): AppErrorShape {
  if (err instanceof AppError) return err.toJSON()
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err)
  logError?.(redact(`[${channel}] unexpected error: ${text}`))
  return errorShape(msg('internal'))
}
