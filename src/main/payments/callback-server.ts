import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { timing } from './timing'

/**
 * The optional callback receiver: the terminal POSTs its TransactionResult with header
 * AUTH-TOKEN. One path, POST only, a random token per operation compared in constant time,
 * 64 KiB body limit, header and request timeouts, a request budget per source address (a live
 * payment's delivery is never held up by it), 401 to strangers, and 200 to a repeated delivery
 * of a known token (otherwise the terminal retries for ever). Once a payment is final its token
 * is settled: repeats are answered from memory and counted, never stored (10,000 replays must
 * not grow the store).
 */
export interface CallbackServerOptions {
  /** Interface to bind; default 127.0.0.1. A terminal on the LAN needs the LAN address. */
  host?: string
  /** Default 0 (a free port). */
  port?: number
  /** Default /handpoint/callback. */
  path?: string
  /** URL the terminal must call when it differs from http://host:port/path (proxy, tunnel). */
  publicUrl?: string
  maxBodyBytes?: number
  headersTimeoutMs?: number
  requestTimeoutMs?: number
  /**
   * Requests per second one source address may send (bursts of twice that) with an unknown token
   * or a settled one; default 10. A live payment's delivery has its own allowance.
   */
  perSourcePerSecond?: number
}

/**
 * Decides what a delivery means: 'applied' (first delivery), 'duplicate' (already final), or
 * 'unknown' (the token belongs to nobody any more). Must only return once the fact is journalled.
 */
export type DeliveryHandler = (
  operationId: string,
  body: unknown,
) => Promise<'applied' | 'duplicate' | 'rejected'>

/**
 * Told about the first repeat of a settled token (it may carry fields the first result lacked,
 * such as receipts); later repeats are only counted.
 */
export type RepeatHandler = (operationId: string, body: unknown) => void

export interface CallbackServer {
  /** The URL to send as callbackUrl. */
  readonly url: string
  /** A fresh token for one operation; returns the token (sent once) and its hash (stored). */
  issueToken(): { token: string; hash: string }
  /** Binds a stored token hash to an operation (at start and again on recovery). */
  bind(tokenHash: string, operationId: string): void
  /** The operation is final: deliveries for it are answered from memory from now on. */
  settle(tokenHash: string, operationId: string): void
  forget(tokenHash: string): void
  /** What came in without reaching the engine: repeats of final results, requests over budget. */
  stats(): { repeats: number; limited: number }
  close(): Promise<void>
}

/** Deliveries per second one live payment's token may make (bursts of twice that). */
const LIVE_TOKEN_PER_SECOND = 2

export const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex')

interface TokenEntry {
  operationId: string
  digest: Buffer
  /** The payment is final: answer from memory. */
  settled: boolean
  /** The first repeat after settling went to the repeat handler. */
  repeated: boolean
}

export async function startCallbackServer(
  options: CallbackServerOptions,
  onDelivery: DeliveryHandler,
  onRepeat: RepeatHandler = () => {},
): Promise<CallbackServer> {
  const route = options.path ?? '/handpoint/callback'
  const maxBody = options.maxBodyBytes ?? 64 * 1024
  const tokens = new Map<string, TokenEntry>()
  const budget = new SourceBudget(options.perSourcePerSecond ?? 10)
  /** Per live payment: a delivery and a retry or duplicate of it, never a stream. */
  const liveBudget = new SourceBudget(LIVE_TOKEN_PER_SECOND)
  const counts = { repeats: 0, limited: 0 }

  const findEntry = (header: string | string[] | undefined): TokenEntry | undefined => {
    if (typeof header !== 'string' || header.length === 0 || header.length > 256) return undefined
    const digest = createHash('sha256').update(header, 'utf8').digest()
    const entry = tokens.get(digest.toString('hex'))
    // The lookup is keyed by a digest of a 256-bit random secret, which leaks nothing useful;
    // the final check compares equal-length digests in constant time.
    return entry && timingSafeEqual(entry.digest, digest) ? entry : undefined
  }

  const headersTimeout = options.headersTimeoutMs ?? 10_000
  // Node checks header/request timeouts on this interval (default 30 s, too coarse).
  const checkEvery = Math.max(50, Math.min(1000, Math.floor(headersTimeout / 2)))
  const server = http.createServer({ connectionsCheckingInterval: checkEvery }, (req, res) => {
    const arrived = timing.now()
    // A delivery taken (200) may keep its connection for the next one, as an HTTP client of
    // Handpoint's cloud does; every refusal closes it, so a stranger holds nothing open.
    const reply = (status: number, text: string): void => {
      const headers: http.OutgoingHttpHeaders = { 'content-type': 'text/plain; charset=utf-8' }
      if (status !== 200) headers.connection = 'close'
      res.writeHead(status, headers)
      res.end(text)
    }
    const pathname = (req.url ?? '').split('?')[0]
    if (pathname !== route) return void reply(404, 'Not found')
    if (req.method !== 'POST') return void reply(405, 'Method not allowed')
    const entry = findEntry(req.headers['auth-token'])
    // A live payment's result is what a cashier waits for: it never queues behind the budget of
    // its address, which one tunnel or proxy may share between every terminal of the shop (and a
    // refused delivery comes back only 5 s later). Its token has its own small allowance, so a
    // leaked token cannot flood either. Strangers and repeats of settled tokens share the
    // address's budget, checked before any body is read.
    const live = entry !== undefined && !entry.settled
    const admitted = live
      ? liveBudget.take(entry.operationId)
      : budget.take(req.socket.remoteAddress ?? '')
    if (!admitted) {
      counts.limited += 1
      req.resume()
      res.setHeader('retry-after', '1')
      return void reply(429, 'Too many requests')
    }
    if (!entry) {
      req.resume()
      return void reply(401, 'Unauthorized')
    }
    const declared = Number(req.headers['content-length'] ?? '0')
    if (declared > maxBody) {
      req.resume()
      return void reply(413, 'Payload too large')
    }
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBody) {
        tooLarge = true
        reply(413, 'Payload too large')
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => {
      if (tooLarge) return
      let body: unknown
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        return void reply(400, 'Body is not JSON')
      }
      timing.mark(entry.operationId, 'received', arrived)
      if (entry.settled) {
        counts.repeats += 1
        if (!entry.repeated) {
          entry.repeated = true
          try {
            onRepeat(entry.operationId, body)
          } catch {
            // Filling in a missing field is a courtesy; the result itself is stored already.
          }
        }
        return void reply(200, 'duplicate')
      }
      onDelivery(entry.operationId, body).then(
        (outcome) => reply(outcome === 'rejected' ? 400 : 200, outcome),
        () => reply(500, 'Not stored; retry later'),
      )
    })
  })
  server.headersTimeout = headersTimeout
  server.requestTimeout = options.requestTimeoutMs ?? 15_000
  server.keepAliveTimeout = 5_000
  server.maxHeadersCount = 50

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = options.publicUrl ?? `http://${host}:${address.port}${route}`

  return {
    url,
    issueToken() {
      const token = randomBytes(32).toString('base64url')
      return { token, hash: hashToken(token) }
    },
    bind(tokenHash, operationId) {
      const digest = digestOf(tokenHash)
      tokens.set(tokenHash, { operationId, digest, settled: false, repeated: false })
    },
    settle(tokenHash, operationId) {
      const digest = digestOf(tokenHash)
      tokens.set(tokenHash, { operationId, digest, settled: true, repeated: false })
    },
    forget(tokenHash) {
      tokens.delete(tokenHash)
    },
    stats: () => ({ ...counts }),
    close() {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/**
 * A token bucket per source address (or per live payment): a flood from one address (a replaying
 * attacker, a misbehaving proxy) is turned away with 429 before any body is read.
 */
class SourceBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(private readonly perSecond: number) {}

  take(source: string): boolean {
    const now = performance.now()
    const burst = this.perSecond * 2
    const bucket = this.buckets.get(source) ?? { tokens: burst, at: now }
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond)
    bucket.at = now
    this.buckets.set(source, bucket)
    if (this.buckets.size > 1024) this.forgetIdle(now)
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }

  /** Full buckets say nothing: drop them, so many sources cannot fill memory. */
  private forgetIdle(now: number): void {
    for (const [source, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond >= this.perSecond * 2) {
        this.buckets.delete(source)
      }
    }
  }
}

/**
 * A token's digest as kept for the whole life of its entry: 32 bytes of its own. `Buffer.from`
 * would give a view into Node's shared 64 KiB buffer pool, and each kept view holds its whole
 * slab: under B3's load 142 slabs (about 9 MiB) stayed for 1,000 sales (bench/README.md, B3).
 */
export function digestOf(tokenHash: string): Buffer {
  return Buffer.alloc(32, tokenHash, 'hex')
}
