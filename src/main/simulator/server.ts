import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { routeCloud } from './cloud-routes'
import type { MerchantState, SimContext } from './context'
import { routeControls } from './control-routes'
import type { Controls } from './controls'
import { apiKeyOf, sendError } from './http-util'
import { SIGNATURE_SVG } from './receipts'
import { routeStatus } from './status-routes'

type Host = 'cloud' | 'status' | 'receipts'

/**
 * One HTTP server per Handpoint host: cloud (main API), transactions (status by reference) and
 * receipts (hosted HTML). Authenticated hosts run the same gate: key (403), rate limit (429),
 * injected 5xx, then the routes.
 */
export function createHostServer(ctx: SimContext, host: Host, controls: Controls): Server {
  return createServer((req, res) => {
    handle(ctx, host, controls, req, res).catch((error: unknown) => {
      if (!res.headersSent)
        sendError(res, 500, 'InternalServerError', `Simulator error: ${(error as Error).message}`)
      else res.destroy()
    })
  })
}

async function handle(
  ctx: SimContext,
  host: Host,
  controls: Controls,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? 'GET'
  const path = new URL(req.url ?? '/', 'http://simulator').pathname
  if (host === 'receipts') return serveReceipt(ctx, res, method, path)
  if (host === 'cloud' && path.startsWith('/_simulator/')) {
    // The simulator's own switches: the key decides which terminals, nothing else applies.
    const key = apiKeyOf(req)
    const owner = key === undefined ? undefined : ctx.merchantsByKey.get(key)
    if (!owner) return sendError(res, 403, 'ForbiddenError', 'No valid key found in header')
    return routeControls(ctx, controls, req, res, owner, path)
  }
  const merchant = admit(ctx, req, res)
  if (!merchant) return
  const handled =
    host === 'cloud'
      ? await routeCloud(ctx, req, res, merchant, path)
      : routeStatus(ctx, res, merchant, method, path)
  if (!handled) sendError(res, 404, 'NotFoundError', `Endpoint "${method} ${path}" not found.`)
}

function admit(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
): MerchantState | undefined {
  const key = apiKeyOf(req)
  const merchant = key === undefined ? undefined : ctx.merchantsByKey.get(key)
  if (!merchant || key === undefined) {
    sendError(res, 403, 'ForbiddenError', 'No valid key found in header')
    return undefined
  }
  const admitted = ctx.limiter.admit(key)
  if (!admitted.ok) {
    sendError(
      res,
      429,
      'TooManyRequestsError',
      'Too many requests, please try again later.',
      {},
      { 'Retry-After': String(admitted.retryAfterSeconds) },
    )
    return undefined
  }
  if (ctx.rng.chance(ctx.faults.serverErrorRate)) {
    sendError(res, 500, 'InternalServerError', 'Internal Server Error')
    return undefined
  }
  return merchant
}

function serveReceipt(ctx: SimContext, res: ServerResponse, method: string, path: string): void {
  const match = /^\/receipts\/([^/]+)\/(customer\.html|merchant\.html|signature\.svg)$/.exec(path)
  const hosted = match && method === 'GET' ? ctx.receipts.get(match[1] ?? '') : undefined
  if (!match || !hosted) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('Receipt not found')
    return
  }
  const file = match[2]
  const [type, body] =
    file === 'signature.svg'
      ? ['image/svg+xml', SIGNATURE_SVG]
      : ['text/html; charset=utf-8', file === 'customer.html' ? hosted.customer : hosted.merchant]
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
}

/** Listens and resolves the base URL (IPv6 hosts bracketed). */
export function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      const address = server.address() as AddressInfo
      const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address
      resolve(`http://${shown}:${address.port}`)
    })
  })
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
