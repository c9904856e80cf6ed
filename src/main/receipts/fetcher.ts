import { describe, msg, type Message } from '@shared/messages'
import { isLoopbackHostname } from '@shared/net/loopback'

/**
 * Fetches one hosted receipt (or signature image) under tight limits: receipts come from the
 * network and are untrusted, so every fetch has a timeout, a size cap and a URL allow-list, and
 * redirects are followed by hand so each hop is checked against the same list.
 */

export interface FetchPolicy {
  timeoutMs: number
  maxBytes: number
  /**
   * Allow plain http to 127.0.0.1 / ::1 / localhost for every receipt (tests). The app leaves it
   * off and allows it per merchant instead (see ReceiptServiceOptions.loopbackHttp).
   */
  allowLoopbackHttp: boolean
  /** Extra origins allowed besides any https URL, e.g. `http://sim.local:8080`. */
  allowedOrigins: readonly string[]
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = {
  timeoutMs: 10_000,
  maxBytes: 512 * 1024,
  allowLoopbackHttp: false,
  allowedOrigins: [],
}

export interface FetchedBody {
  bytes: Buffer
  contentType: string
}

/** Why a fetch failed (`what`, a code); `retryable` says whether trying again later can help. */
export class ReceiptFetchError extends Error {
  constructor(
    readonly what: Message,
    readonly retryable: boolean,
  ) {
    super(describe(what.code, what.params))
    this.name = 'ReceiptFetchError'
  }
}

const MAX_REDIRECTS = 3

/** True when the policy lets us request this URL. */
export function isAllowedUrl(raw: string, policy: FetchPolicy): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.username || url.password) return false
  if (url.protocol === 'https:') return true
  if (policy.allowedOrigins.includes(url.origin)) return true
  return url.protocol === 'http:' && policy.allowLoopbackHttp && isLoopbackHostname(url.hostname)
}

/** GET `url` within the policy; throws ReceiptFetchError saying why (a code). */
export async function fetchWithinPolicy(
  url: string,
  policy: FetchPolicy,
  fetchImpl: typeof fetch = fetch,
): Promise<FetchedBody> {
  let current = url
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (!isAllowedUrl(current, policy)) {
      throw new ReceiptFetchError(
        msg('receipt_address_not_allowed', { origin: safeOrigin(current) }),
        false,
      )
    }
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), policy.timeoutMs)
    try {
      let response: Response
      try {
        response = await fetchImpl(current, {
          redirect: 'manual',
          signal: controller.signal,
          headers: { accept: 'text/html, image/*;q=0.9, */*;q=0.1' },
        })
      } catch {
        throw controller.signal.aborted
          ? timedOut(policy)
          : new ReceiptFetchError(msg('receipt_server_unreachable'), true)
      }
      if (response.status >= 300 && response.status < 400) {
        const location = response.headers.get('location')
        await response.body?.cancel()
        if (!location) throw new ReceiptFetchError(msg('receipt_server_bad_redirect'), true)
        current = new URL(location, current).toString()
        continue
      }
      if (!response.ok) {
        await response.body?.cancel()
        // 404/403 included: hosted receipts can appear a little after the result does.
        throw new ReceiptFetchError(
          msg('receipt_server_status', { status: response.status }),
          response.status !== 410,
        )
      }
      const bytes = await readCapped(response, policy.maxBytes).catch((err: unknown) => {
        if (err instanceof ReceiptFetchError) throw err
        // The timer covers the body too: a server that sends the headers and then trickles (or
        // stops) is as unanswered as one that never answers, and may well answer next time.
        throw controller.signal.aborted ? timedOut(policy) : interrupted()
      })
      return { bytes, contentType: response.headers.get('content-type') ?? '' }
    } finally {
      clearTimeout(timer)
    }
  }
  throw new ReceiptFetchError(msg('receipt_server_redirect_loop'), false)
}

async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? '0')
  if (declared > maxBytes) {
    await response.body?.cancel()
    throw tooLarge(maxBytes)
  }
  if (!response.body) return Buffer.alloc(0)
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel()
      throw tooLarge(maxBytes)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

function timedOut(policy: FetchPolicy): ReceiptFetchError {
  const seconds = Math.round(policy.timeoutMs / 100) / 10
  return new ReceiptFetchError(msg('receipt_server_timeout', { seconds }), true)
}

function interrupted(): ReceiptFetchError {
  return new ReceiptFetchError(msg('receipt_server_interrupted'), true)
}

function tooLarge(maxBytes: number): ReceiptFetchError {
  return new ReceiptFetchError(
    msg('receipt_too_large', { kib: Math.round(maxBytes / 1024) }),
    false,
  )
}

/** Origin only: receipt paths carry transaction ids we keep out of messages. */
function safeOrigin(raw: string): string {
  try {
    return new URL(raw).origin
  } catch {
    return '(not a valid address)'
  }
}
