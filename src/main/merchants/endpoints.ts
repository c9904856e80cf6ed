import { AppError, type MerchantEnvironment } from '@shared/contract'

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

export const ENVIRONMENT_LABELS: Record<MerchantEnvironment, string> = {
  production: 'Production (cloud.handpoint.com)',
  development: 'Development (cloud.handpoint.io)',
  simulator: 'Built-in simulator',
  custom: 'Custom address',
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
      if (!customUrls)
        throw new AppError('invalid-request', 'A custom environment needs its addresses.')
      return customUrls
    }
    if (!simulator) {
      throw new AppError(
        'simulator-unavailable',
        'The built-in simulator is not available in this build. Choose another environment.',
      )
    }
    return simulator()
  }
}
