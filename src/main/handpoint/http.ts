import axios, { type AxiosInstance } from 'axios'
import { errorFromResponse } from './error-body'
import { HandpointError, messageFor } from './errors'
import type { ClientConfig } from './types'

/**
 * The one place the client touches the network: one axios instance per client, the API key on
 * every call, a hard deadline on every call, no redirects, and retries for reads only.
 * Callers get the raw status and body of a 2xx (or of a status they declared as expected);
 * everything else becomes a HandpointError.
 */

export const DEFAULT_TIMEOUT_MS = 15_000
const DEFAULT_RETRY = {
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 10_000,
}
/** Receipts may come inline as HTML; nothing legitimate is near this size. */
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024

/** Failures that happen before a single byte of the request leaves: safe to call unsent. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'ERR_INVALID_URL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])

export interface RawResponse {
  status: number
  body: string
}

export interface RequestSpec {
  method: 'GET' | 'POST'
  url: string
  body?: unknown
  /** Non-2xx statuses the caller handles itself (e.g. 404 on a poll). */
  expect?: readonly number[]
  /**
   * A POST that changes nothing (batch summary and detail are reads Handpoint spells as POSTs):
   * retried like a GET, and its failures are never ambiguous.
   */
  readOnly?: true
}

export interface Transport {
  send(spec: RequestSpec): Promise<RawResponse>
}

export function createTransport(config: ClientConfig): Transport {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const retry = { ...DEFAULT_RETRY, ...config.retry }
  const sleep = config.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const random = config.random ?? Math.random
  const now = config.now ?? Date.now
  const http: AxiosInstance = axios.create({
    timeout: timeoutMs,
    headers: { ApiKeyCloud: config.apiKey, Accept: 'application/json' },
    // Bodies are read as text and parsed by us, so a malformed body is our typed error.
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    // A redirect would carry the API key to wherever it points; Handpoint never redirects.
    maxRedirects: 0,
    maxContentLength: MAX_RESPONSE_BYTES,
    transitional: { clarifyTimeoutError: true },
  })

  async function once(spec: RequestSpec): Promise<RawResponse> {
    const mayChange = spec.method === 'POST' && spec.readOnly !== true
    const controller = new AbortController()
    let timedOut = false
    // axios' own timeout is per socket inactivity; this is the deadline for the whole call.
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, timeoutMs)
    try {
      const response = await http.request<string>({
        method: spec.method,
        url: spec.url,
        signal: controller.signal,
        ...(spec.body !== undefined
          ? { data: JSON.stringify(spec.body), headers: { 'Content-Type': 'application/json' } }
          : {}),
      })
      const body = typeof response.data === 'string' ? response.data : ''
      const ok = response.status >= 200 && response.status <= 299
      if (ok || spec.expect?.includes(response.status)) return { status: response.status, body }
      throw errorFromResponse({
        status: response.status,
        body,
        retryAfter: headerOf(response.headers, 'retry-after'),
        mayHaveReachedTerminal: mayChange,
        now,
      })
    } catch (error) {
      if (error instanceof HandpointError) throw error
      throw transportError(error, timedOut, mayChange, timeoutMs)
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    async send(spec) {
      // POSTs are never repeated: a second POST /transactions could charge the card twice.
      const reads = spec.method === 'GET' || spec.readOnly === true
      const attempts = reads ? Math.max(1, retry.maxAttempts) : 1
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(spec)
        } catch (error) {
          if (!(error instanceof HandpointError) || attempt >= attempts || !retryable(error))
            throw error
          const delay = delayBefore(attempt, error)
          if (delay === undefined) throw error
          await sleep(delay)
        }
      }
    },
  }

  /** Full jitter (AWS architecture blog): a random wait up to the exponential ceiling. */
  function delayBefore(attempt: number, error: HandpointError): number | undefined {
    if (error.retryAfterMs !== undefined) {
      // Waiting longer than this inside one call would freeze the screen; let the caller decide.
      return error.retryAfterMs <= retry.maxRetryAfterMs ? error.retryAfterMs : undefined
    }
    const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1))
    return Math.floor(random() * ceiling)
  }
}

function retryable(error: HandpointError): boolean {
  return ['network', 'timeout', 'server', 'rate-limited'].includes(error.kind)
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined
  const value = (headers as Record<string, unknown>)[name]
  if (typeof value === 'string') return value
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0]
  return undefined
}

function transportError(
  error: unknown,
  timedOut: boolean,
  mayChange: boolean,
  timeoutMs: number,
): HandpointError {
  const code = axios.isAxiosError(error) ? error.code : undefined
  if (timedOut || code === 'ETIMEDOUT' || code === 'ECONNABORTED') {
    const message = mayChange
      ? messageFor('timeout', true)
      : `Handpoint did not answer within ${duration(timeoutMs)}. Check the internet connection, then try again.`
    return new HandpointError('timeout', message, { ambiguous: mayChange, cause: error })
  }
  if (code === 'ERR_BAD_RESPONSE' || code === 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED') {
    return new HandpointError('malformed-response', messageFor('malformed-response', mayChange), {
      ambiguous: mayChange,
      cause: error,
    })
  }
  const innerCode = causeCode(error)
  const notSent = NOT_SENT_CODES.has(code ?? '') || NOT_SENT_CODES.has(innerCode ?? '')
  const ambiguous = mayChange && !notSent
  return new HandpointError('network', messageFor('network', ambiguous), {
    ambiguous,
    cause: error,
  })
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause
  return typeof cause?.code === 'string' ? cause.code : undefined
}
