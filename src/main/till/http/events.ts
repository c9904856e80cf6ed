import { TillError } from '../errors'
import type { RouteContext } from './route-types'

/** A comment line this often keeps proxies and idle timers from closing a quiet stream. */
export const HEARTBEAT_MS = 15_000
/** A client that lets this much pile up unread is dropped rather than buffered for. */
const MAX_BUFFERED_BYTES = 1024 * 1024

/** GET /v1/events: the merchant's payment and terminal events as Server-Sent Events. */
export async function openEventStream(ctx: RouteContext): Promise<void> {
  const release = ctx.slots.claim(ctx.caller.tillId)
  if (!release) {
    throw new TillError('too_many_streams', { limit: ctx.slots.limit }, [], {
      retryAfterSeconds: 1,
    })
  }
  const { res } = ctx
  const header = ctx.req.headers['last-event-id']
  const lastEventId =
    (Array.isArray(header) ? header[0] : header) ??
    ctx.url.searchParams.get('lastEventId') ??
    undefined
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    // A stream's connection is not reused: when it ends (revoked, shutdown) the socket goes too.
    Connection: 'close',
    'X-Accel-Buffering': 'no',
    'X-Content-Type-Options': 'nosniff',
  })
  res.write('retry: 2000\n\n')
  let closed = false
  let unsubscribe: () => void = () => {}
  const close = (): void => {
    if (closed) return
    closed = true
    heartbeat.cancel()
    unsubscribe()
    untrack()
    release()
    if (!res.writableEnded) res.end()
  }
  const untrack = ctx.track(close)
  const heartbeat = every(HEARTBEAT_MS, () => res.write(': keep-alive\n\n'))
  ctx.signal.addEventListener('abort', close, { once: true })
  res.on('close', close)
  unsubscribe = await ctx.session.openStream(ctx.caller, lastEventId || undefined, (event) => {
    if (closed) return
    if (res.writableLength > MAX_BUFFERED_BYTES) return close()
    res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`)
  })
  if (closed) unsubscribe()
}

function every(ms: number, fn: () => void): { cancel(): void } {
  const timer = setInterval(fn, ms)
  timer.unref?.()
  return { cancel: () => clearInterval(timer) }
}
