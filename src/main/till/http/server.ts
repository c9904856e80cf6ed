import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { TillError } from '../errors'
import { systemTillClock, type TillClock } from '../ports'
import type { TillCaller, TillSession } from '../session'
import { RequestBudget, StreamSlots } from './limits'
import { buildOpenApi } from './openapi'
import { sendError } from './reply'
import type { RouteDef } from './route-types'
import { TILL_ROUTES } from './routes'

export interface TillHttpOptions {
  session: TillSession
  /** The caller a bearer token stands for, or undefined (revoked, unknown). */
  authenticate(token: string): TillCaller | undefined
  version: string
  clock?: TillClock
  /** HTTPS with this key and certificate (LAN mode); plain HTTP otherwise. */
  tls?: { key: string; cert: string }
  requestsPerSecond?: number
  streamsPerToken?: number
  /** Time a client has to send its headers; default 10 s. */
  headersTimeoutMs?: number
  /** Time a client has to send its whole request (headers and body); default 15 s. */
  requestTimeoutMs?: number
  logError?: (message: string) => void
}

interface Match {
  route: RouteDef
  params: Record<string, string>
}

/** Largest request head accepted; larger ones get 431 from Node before we see them. */
export const MAX_HEADER_BYTES = 16 * 1024

const compiled = TILL_ROUTES.map((route) => {
  const names: string[] = []
  const pattern = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name)
    return '([^/]+)'
  })
  return { route, names, regex: new RegExp(`^${pattern}$`) }
})

function match(method: string, pathname: string): Match | { allowed: string[] } | undefined {
  const allowed: string[] = []
  for (const { route, names, regex } of compiled) {
    const m = regex.exec(pathname)
    if (!m) continue
    if (route.method !== method) {
      allowed.push(route.method)
      continue
    }
    let params: Record<string, string>
    try {
      params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]))
    } catch {
      return undefined
    }
    return { route, params }
  }
  return allowed.length ? { allowed } : undefined
}

function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+([\x21-\x7e]{16,512})$/i.exec(req.headers.authorization ?? '')
  return m?.[1]
}

/**
 * The till link's HTTP front over one till session. Node's own limits guard the transport
 * (header size and time, whole-request time); this class adds the API's: bearer tokens,
 * 20 requests/s and 8 streams per token, 64 KiB bodies, JSON errors for everything.
 */
export class TillHttpServer {
  private readonly server: Server
  private readonly budget: RequestBudget
  private readonly slots: StreamSlots
  private readonly open = new Map<string, Set<() => void>>()
  /** Open connections with the number of requests each is serving. */
  private readonly sockets = new Map<Socket, number>()
  private closing = false
  private openapi: unknown
  private base = ''

  constructor(private readonly options: TillHttpOptions) {
    const clock = options.clock ?? systemTillClock
    this.budget = new RequestBudget(clock, options.requestsPerSecond ?? 20)
    this.slots = new StreamSlots(options.streamsPerToken ?? 8)
    const headersTimeout = options.headersTimeoutMs ?? 10_000
    const serverOptions = {
      maxHeaderSize: MAX_HEADER_BYTES,
      // How often Node checks the header and request timeouts (its default is 30 s).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, headersTimeout / 2)),
    }
    const handler = (req: IncomingMessage, res: ServerResponse): void => void this.handle(req, res)
    this.server = options.tls
      ? createHttpsServer(
          { ...serverOptions, key: options.tls.key, cert: options.tls.cert },
          handler,
        )
      : createHttpServer(serverOptions, handler)
    this.server.headersTimeout = headersTimeout
    this.server.requestTimeout = options.requestTimeoutMs ?? 15_000
    this.server.keepAliveTimeout = 5_000
    this.server.maxConnections = 256
    this.server.on('connection', (socket: Socket) => {
      this.sockets.set(socket, 0)
      socket.on('close', () => this.sockets.delete(socket))
    })
    // Counted per connection so that a shutdown can close idle keep-alive connections at once
    // and the others as soon as their answer is out.
    this.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const socket = req.socket
      this.sockets.set(socket, (this.sockets.get(socket) ?? 0) + 1)
      res.on('close', () => {
        const left = Math.max(0, (this.sockets.get(socket) ?? 1) - 1)
        if (this.sockets.has(socket)) this.sockets.set(socket, left)
        if (this.closing && left === 0) socket.destroySoon()
      })
    })
    // A client that sends garbage, too much or too slowly gets its status and its socket
    // closed; the server goes on.
    this.server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
      const status =
        err.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? '408 Request Timeout'
            : '400 Bad Request'
      if (socket.writable)
        socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      else socket.destroy()
    })
  }

  /** Listens; resolves with the base URL (`http://127.0.0.1:<port>/v1`). */
  listen(host: string, port: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err)
      this.server.once('error', onError)
      this.server.listen(port, host, () => {
        this.server.off('error', onError)
        const address = this.server.address() as AddressInfo
        const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
        const scheme = this.options.tls ? 'https' : 'http'
        this.base = `${scheme}://${shown.includes(':') ? `[${shown}]` : shown}:${address.port}/v1`
        resolve(this.base)
      })
    })
  }

  get url(): string {
    return this.base
  }

  get port(): number {
    return (this.server.address() as AddressInfo | null)?.port ?? 0
  }

  /** Ends every open stream and long-poll of a till at once (its token was revoked). */
  dropTill(tillId: string): void {
    for (const close of [...(this.open.get(tillId) ?? [])]) close()
    this.budget.forget(tillId)
  }

  /** Stops listening, ends streams and idle connections; in-flight requests finish first. */
  async close(): Promise<void> {
    this.closing = true
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    for (const set of [...this.open.values()]) for (const close of [...set]) close()
    for (const [socket, busy] of this.sockets) if (busy === 0) socket.destroySoon()
    const force = setTimeout(() => {
      for (const socket of this.sockets.keys()) socket.destroy()
    }, 5_000)
    force.unref()
    await closed
    clearTimeout(force)
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const controller = new AbortController()
    res.on('close', () => controller.abort())
    try {
      const url = new URL(req.url ?? '/', 'http://till.invalid')
      const found = match(req.method ?? 'GET', url.pathname)
      if (!found) throw new TillError('not_found', { path: url.pathname.slice(0, 200) })
      if ('allowed' in found) {
        const allowed = found.allowed.join(', ')
        sendError(
          res,
          new TillError('method_not_allowed', {
            method: req.method ?? '',
            path: url.pathname,
            allowed,
          }),
          {
            Allow: allowed,
          },
        )
        return
      }
      const { route, params } = found
      let caller: TillCaller | undefined
      if (route.auth) {
        const token = bearer(req)
        caller = token ? this.options.authenticate(token) : undefined
        if (!caller) throw new TillError('unauthorized')
        const wait = this.budget.take(caller.tillId)
        if (wait > 0)
          throw new TillError('rate_limited', { seconds: wait }, [], { retryAfterSeconds: wait })
      }
      const tillId = caller?.tillId
      await route.handle({
        req,
        res,
        url,
        params,
        caller: caller ?? { tillId: '', tillName: '', merchantId: '' },
        session: this.options.session,
        slots: this.slots,
        version: this.options.version,
        openapi: () => (this.openapi ??= buildOpenApi(this.options.version)),
        signal: controller.signal,
        track: (close) => this.track(tillId ?? '', close),
      })
    } catch (err) {
      const error = err instanceof TillError ? err : this.internal(err)
      // A refused body is not read to its end: close the connection after answering.
      const closing: Record<string, string> =
        error.code === 'payload_too_large' ? { Connection: 'close' } : {}
      sendError(res, error, closing)
    }
  }

  private track(tillId: string, close: () => void): () => void {
    const set = this.open.get(tillId) ?? new Set()
    this.open.set(tillId, set)
    set.add(close)
    return () => {
      set.delete(close)
      if (set.size === 0 && this.open.get(tillId) === set) this.open.delete(tillId)
    }
  }

  private internal(err: unknown): TillError {
    this.options.logError?.(
      `till link: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    )
    return new TillError('internal_error')
  }
}
