/** Runtime values of the merchants contract, zod-free for the renderer (see payments.values.ts). */
export const MERCHANT_ENVIRONMENTS = ['production', 'development', 'simulator', 'custom'] as const
export type MerchantEnvironment = (typeof MERCHANT_ENVIRONMENTS)[number]
