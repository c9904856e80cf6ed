/** English templates for the app domain's codes (see ./index.ts). */
export const appMessages = {} as const satisfies Record<string, string>
