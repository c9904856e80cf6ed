import { AppError, type MerchantEnvironment } from '@shared/contract'
import { msg } from '@shared/messages'
import { isClearTextToNetwork, isLoopbackUrl, originOf } from '@shared/net/loopback'

export interface Endpoints {
  apiBaseUrl: string
  statusBaseUrl: string
}

/** Hosts per environment (docs/handpoint-api.md §1). A `.io` key does not work on `.com` and vice versa. */
export const CLOUD_ENDPOINTS: Record<'production' | 'development', Endpoints> = {
  production: {
    apiBaseUrl: 'https://cloud.handpoint.com',
    statusBaseUrl: 'https://transactions.handpoint.com',
  },
  development: {
    apiBaseUrl: 'https://cloud.handpoint.io',
    statusBaseUrl: 'https://transactions.handpoint.io',
  },
}

/** Resolves where a merchant's requests go; the simulator's address is known only at run time. */
export type EndpointResolver = (
  environment: MerchantEnvironment,
  customUrls?: Endpoints,
) => Promise<Endpoints>

export function createEndpointResolver(simulator?: () => Promise<Endpoints>): EndpointResolver {
  return async (environment, customUrls) => {
    if (environment === 'production' || environment === 'development') {
      return CLOUD_ENDPOINTS[environment]
    }
    if (environment === 'custom') {
      if (!customUrls) throw new AppError(msg('custom_addresses_required'))
      assertKeyStaysEncrypted(customUrls)
      return customUrls
    }
    if (!simulator) {
      throw new AppError(msg('simulator_unavailable'))
    }
    return simulator()
  }
}

/**
 * Refuses custom addresses that would send the API key in clear: plain http to another computer.
 * Every client is built from resolved endpoints, so a profile stored before this rule (or edited
 * by hand) is refused here too, before any request is made.
 */
export function assertKeyStaysEncrypted(urls: Endpoints): void {
  const clear = [urls.apiBaseUrl, urls.statusBaseUrl].find(isClearTextToNetwork)
  if (clear) {
    throw new AppError(msg('custom_url_not_https', { address: originOf(clear) }))
  }
}

/** Both custom addresses are on this computer (a local simulator or relay). */
export function isOnThisComputer(urls: Endpoints | undefined): boolean {
  return urls !== undefined && isLoopbackUrl(urls.apiBaseUrl) && isLoopbackUrl(urls.statusBaseUrl)
}
