import { AppError, type MerchantEnvironment } from '@shared/contract'
import type { ClientConfig, Device, HandpointClient } from '../handpoint/types'
import { ENVIRONMENT_LABELS, type EndpointResolver, type Endpoints } from './endpoints'

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
  return new AppError(
    'key-rejected',
    `Handpoint no longer accepts the API key of ${merchantName}. Replace the key in Settings > ` +
      'Merchants; the terminals shown are the last known ones.',
  )
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
          'wrong-environment',
          `This key is not valid on ${ENVIRONMENT_LABELS[input.environment]}, but it works on ` +
            `${ENVIRONMENT_LABELS[other]}. Choose "${ENVIRONMENT_LABELS[other]}" as the ` +
            'environment and add the merchant again.',
          { suggestedEnvironment: other },
        )
      }
      throw new AppError(
        'key-rejected',
        `Handpoint did not accept this API key at ${host}. Copy the whole key again from the ` +
          'Handpoint portal (Settings > API keys), check the environment, and try again. Nothing was saved.',
      )
    }
    if (kind && OFFLINE_KINDS.has(kind)) {
      throw new AppError(
        'offline',
        `Could not reach Handpoint at ${host} to check the key. Check this checkout's internet ` +
          'connection and try again; nothing was saved.',
      )
    }
    throw new AppError(
      'verification-failed',
      `Handpoint at ${host} answered in an unexpected way while checking the key` +
        `${kind ? ` (${kind})` : ''}. Try again in a minute; nothing was saved.`,
    )
  }
  if (devices.length === 0) {
    throw new AppError(
      'no-terminals',
      `The key works on ${host}, but no terminals are linked to this merchant. Link a terminal ` +
        'to the merchant in the Handpoint portal, then add the merchant again.',
    )
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
