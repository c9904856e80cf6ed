import type { BridgeApi } from '@shared/contract'

/** Installs a `window.api` made of the given functions; missing ones fail loudly if called. */
export function installFakeApi(partial: Partial<Record<keyof BridgeApi, unknown>>): void {
  const api = new Proxy(partial, {
    get(target, key: string) {
      if (key in target) return target[key as keyof BridgeApi]
      return () => {
        throw new Error(`fake window.api.${key} was called but not provided by the test`)
      }
    },
  })
  Object.defineProperty(window, 'api', { value: api, configurable: true })
}
