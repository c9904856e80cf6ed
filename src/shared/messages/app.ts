/** English templates for the app domain's codes (see ./index.ts). */
export const appMessages = {
  invalid_request: 'The request was not valid, so nothing was done.',
  internal: 'Something went wrong inside the app. Nothing was charged by this request; try again.',
  forbidden: 'This window may not use the app.',
} as const satisfies Record<string, string>
