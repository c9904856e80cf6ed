/** English templates for the merchants domain's codes (see ./index.ts). */
export const merchantMessages = {} as const satisfies Record<string, string>
