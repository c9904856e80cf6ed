import { eventChannels, operationChannels } from '@shared/contract/channels'
import type { BridgeApi } from '@shared/contract'

/**
 * A typed `window.api` for renderer tests: the same interface the preload implements, so a fake
 * can only answer with what main really sends. Operations a test does not provide fail loudly
 * when called; events it does not provide never fire.
 */
export function createFakeApi(overrides: Partial<BridgeApi> = {}): BridgeApi {
  const api: Record<string, unknown> = {}
  for (const name of Object.keys(operationChannels)) {
    api[name] = () => {
      throw new Error(`fake window.api.${name} was called but not provided by the test`)
    }
  }
  for (const name of Object.keys(eventChannels)) api[name] = () => () => undefined
  return Object.freeze({ ...api, ...overrides }) as BridgeApi
}

/** Installs `createFakeApi(overrides)` as `window.api` and returns it. */
export function installFakeApi(overrides: Partial<BridgeApi> = {}): BridgeApi {
  const api = createFakeApi(overrides)
  Object.defineProperty(window, 'api', { value: api, configurable: true })
  return api
}
