import { AppError, type MerchantEnvironment } from '@shared/contract'
import { causeOf, msg } from '@shared/messages'
import type { ClientConfig, Device, HandpointClient } from '../handpoint/types'
import type { EndpointResolver, Endpoints } from './endpoints'

export type ClientFactory = (config: ClientConfig) => HandpointClient

export interface VerifyInput {
  environment: MerchantEnvironment
  customUrls?: Endpoints
  apiKey: string
}

/** Failure kinds of the Handpoint client we word differently (duck-typed: `err.kind`). */
function kindOf(err: unknown): string | undefined {
  if (err && typeof err === 'object' && 'kind' in err) {
    const kind = (err as { kind: unknown }).kind
    return typeof kind === 'string' ? kind : undefined
  }
  return undefined
}

const OFFLINE_KINDS = new Set(['network', 'timeout'])

/** No answer from Handpoint at all (as opposed to an answer we did not like). */
export function isOffline(err: unknown): boolean {
  const kind = kindOf(err)
  return kind !== undefined && OFFLINE_KINDS.has(kind)
}

/** A terminal-list refresh failed with an answer: word a revoked key, pass anything else on. */
export function refreshError(err: unknown, merchantName: string): unknown {
  if (kindOf(err) !== 'forbidden') return err
  return new AppError(msg('key_revoked', { merchant: merchantName }))
}

/**
 * Checks a key by listing the merchant's terminals (GET /initialize) before anything is saved.
 * Returns the terminals on success; throws an AppError whose message says what to do otherwise.
 * A 403 on one cloud environment is retried on the other, because keys are environment-specific
 * and picking the wrong one is the most common mistake.
 */
export async function verifyApiKey(
  input: VerifyInput,
  resolve: EndpointResolver,
  createClient: ClientFactory,
  timeoutMs = 10_000,
): Promise<Device[]> {
  const endpoints = await resolve(input.environment, input.customUrls)
  const host = new URL(endpoints.apiBaseUrl).host
  let devices: Device[]
  try {
    devices = await createClient({ ...endpoints, apiKey: input.apiKey, timeoutMs }).listDevices()
  } catch (err) {
    const kind = kindOf(err)
    if (kind === 'forbidden' || kind === 'unauthorized') {
      const other = await tryOtherEnvironment(input, resolve, createClient, timeoutMs)
      if (other) {
        throw new AppError(
          msg('key_wrong_environment', { environment: input.environment, suggested: other }),
          { suggestedEnvironment: other },
        )
      }
      throw new AppError(msg('key_rejected', { host }))
    }
    if (kind && OFFLINE_KINDS.has(kind)) {
      throw new AppError(msg('key_check_offline', { host }))
    }
    throw new AppError(msg('key_check_failed', { host, cause: causeOf(kind) }))
  }
  if (devices.length === 0) {
    throw new AppError(msg('key_no_terminals', { host }))
  }
  return devices
}

async function tryOtherEnvironment(
  input: VerifyInput,
  resolve: EndpointResolver,
  createClient: ClientFactory,
  timeoutMs: number,
): Promise<MerchantEnvironment | undefined> {
  const other =
    input.environment === 'production'
      ? 'development'
      : input.environment === 'development'
        ? 'production'
        : undefined
  if (!other) return undefined
  try {
    const endpoints = await resolve(other)
    await createClient({ ...endpoints, apiKey: input.apiKey, timeoutMs }).listDevices()
    return other
  } catch {
    return undefined
  }
}
