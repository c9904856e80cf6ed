import { batchMethods } from './batch-client'
import { invalidInput, jsonOf, pathSegment } from './client-util'
import { deviceMethods } from './device-client'
import { parseJson } from './error-body'
import { createTransport } from './http'
import { toWireRequest } from './request-wire'
import { parseAccepted, parseDevices, parseTransactionResult } from './results'
import type {
  ClientConfig,
  HandpointCloudClient,
  PollOutcome,
  StatusSelector,
  TransactionResult,
} from './types'

/** Handpoint's hosts per environment (docs/handpoint-api.md §1). */
export function environmentUrls(env: 'production' | 'development'): {
  apiBaseUrl: string
  statusBaseUrl: string
} {
  const tld = env === 'production' ? 'com' : 'io'
  return {
    apiBaseUrl: `https://cloud.handpoint.${tld}`,
    statusBaseUrl: `https://transactions.handpoint.${tld}`,
  }
}

/**
 * A client for one merchant key on one environment, speaking Handpoint's cloud REST API 2.15/2.17
 * (docs/handpoint-api.md §2), plus the batch (2.25+), status chain (2.20+), ping and device
 * command (2.20+) calls. Every method throws HandpointError only. Inputs are checked before any
 * request; POSTs are never retried and report `ambiguous: true` when they may have reached the
 * terminal (batch summary and detail are reads: retried, never ambiguous).
 */
export function createHandpointClient(config: ClientConfig): HandpointCloudClient {
  const apiBase = baseUrl(config.apiBaseUrl, 'apiBaseUrl')
  const statusBase = baseUrl(config.statusBaseUrl, 'statusBaseUrl')
  checkApiKey(config.apiKey)
  if (config.timeoutMs !== undefined && !(config.timeoutMs > 0 && config.timeoutMs <= 600_000)) {
    throw invalidInput('timeoutMs', 'must be between 1 ms and 10 minutes')
  }
  const transport = createTransport(config)
  const parts = { transport, apiBase, statusBase }

  return {
    ...batchMethods(parts),
    ...deviceMethods(parts),

    /** GET /initialize, or GET /devices where /initialize is gone (2.28 renamed it). */
    async listDevices() {
      const first = await transport.send({
        method: 'GET',
        url: `${apiBase}/initialize`,
        expect: [404],
      })
      const response =
        first.status === 404
          ? await transport.send({ method: 'GET', url: `${apiBase}/devices` })
          : first
      return parseDevices(jsonOf(response, 'device list'))
    },

    /** POST /transactions: 202 means the terminal took it; the result comes by poll or callback. */
    async startTransaction(input) {
      const body = toWireRequest(input)
      const response = await transport.send({
        method: 'POST',
        url: `${apiBase}/transactions`,
        body,
      })
      return parseAccepted(parseJson(response.body), input.callback === undefined)
    },

    /** GET /transaction-result/{id}: 204 in progress, 200 final, 404 unknown (§2.3). */
    async getTransactionResult(transactionResultId): Promise<PollOutcome> {
      const id = pathSegment(transactionResultId, 'transactionResultId')
      const response = await transport.send({
        method: 'GET',
        url: `${apiBase}/transaction-result/${id}`,
        expect: [404],
      })
      if (response.status === 404) return { kind: 'not-found' }
      if (response.status === 204 || (response.status !== 200 && response.body.trim() === '')) {
        return { kind: 'in-progress' }
      }
      const result = parseTransactionResult(jsonOf(response, 'transaction result'))
      // Some documentation versions answer 200 + IN_PROGRESS instead of 204 (§11.3).
      if (result.finStatus === 'IN_PROGRESS') return { kind: 'in-progress' }
      return { kind: 'final', result }
    },

    /**
     * GET {status host}/transactions/{ref}/status (§2.6). An unknown reference is not an error:
     * Handpoint answers 200 with finStatus UNDEFINED (within 90 s the card may still come).
     */
    async getStatusByReference(reference) {
      const ref = pathSegment(reference, 'reference')
      const response = await transport.send({
        method: 'GET',
        url: `${statusBase}/transactions/${ref}/status`,
      })
      const json = jsonOf(response, 'transaction status')
      // From 2.20 the endpoint is documented to return the first of the chain; accept a list too.
      const first = Array.isArray(json) ? json[0] : json
      return parseTransactionResult(first, 'transaction status')
    },

    /**
     * GET {status host}/transactions/{ref}/status/{all|first|last|N} (2.20+). Always a list, in
     * the chain's order. A reference or index Handpoint does not know throws `not-found`.
     */
    async getStatusChain(reference, selector) {
      const ref = pathSegment(reference, 'reference')
      const sel = selectorSegment(selector)
      const response = await transport.send({
        method: 'GET',
        url: `${statusBase}/transactions/${ref}/status/${sel}`,
      })
      const json = jsonOf(response, 'transaction status')
      const items: unknown[] = Array.isArray(json) ? json : [json]
      return items.map((item): TransactionResult =>
        parseTransactionResult(item, 'transaction status'),
      )
    },

    /** POST /transactions/{guid}/tip-adjustment with {amount:"5.25"} in major units (§2.5). */
    async adjustTip(transactionId, amountMajor) {
      const guid = pathSegment(transactionId, 'transactionId')
      if (typeof amountMajor !== 'string' || !/^\d{1,10}(\.\d{1,3})?$/.test(amountMajor)) {
        throw invalidInput('amountMajor', 'must be a major-unit amount like "5.25"')
      }
      if (!/[1-9]/.test(amountMajor)) throw invalidInput('amountMajor', 'must be more than zero')
      await transport.send({
        method: 'POST',
        url: `${apiBase}/transactions/${guid}/tip-adjustment`,
        body: { amount: amountMajor },
      })
    },
  }
}

function baseUrl(value: string, field: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw invalidInput(field, 'must be an http or https URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidInput(field, 'must be an http or https URL')
  }
  // Plain HTTP would send the API key in clear; only the simulator and tests on this machine may.
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw invalidInput(field, 'must use https unless it points at this computer')
  }
  if (url.search || url.hash || url.username || url.password) {
    throw invalidInput(field, 'must not carry a query, fragment or credentials')
  }
  return url.href.replace(/\/+$/, '')
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname)
}

function checkApiKey(key: string): void {
  // Printable ASCII only: anything else cannot travel in a header (and hints at a paste slip).
  if (typeof key !== 'string' || !/^[\x21-\x7e]{1,512}$/.test(key)) {
    throw invalidInput('apiKey', 'must be the merchant API key, without spaces or line breaks')
  }
}

function selectorSegment(selector: StatusSelector): string {
  if (selector === 'all' || selector === 'first' || selector === 'last') return selector
  if (typeof selector === 'number' && Number.isSafeInteger(selector) && selector >= 1) {
    return String(selector)
  }
  throw invalidInput('selector', 'must be all, first, last or a position from 1')
}
