/** English templates for the payments domain's codes (see ./index.ts). */
export const paymentMessages = {} as const satisfies Record<string, string>
