/** Runtime values of the merchants contract, zod-free for the renderer (see payments.values.ts). */
export const MERCHANT_ENVIRONMENTS = ['production', 'development', 'simulator', 'custom'] as const
export type MerchantEnvironment = (typeof MERCHANT_ENVIRONMENTS)[number]

/**
 * The name the demo merchant is created with. The screens word it in the app's language while it
 * keeps this name; a name someone gave it is shown as it is.
 */
export const DEMO_MERCHANT_NAME = 'Demo shop (simulator, no real money)'
