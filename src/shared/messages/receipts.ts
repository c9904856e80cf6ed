/** English templates for the receipts domain's codes (see ./index.ts). */
export const receiptMessages = {} as const satisfies Record<string, string>
