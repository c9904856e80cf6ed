// Loaded into Electron's installer (`node --require`) by ensure-electron.mjs. When a download
// request fails, Node's fetch reports only "fetch failed"; the cause (name not found, refused,
// timed out, untrusted certificate) sits on error.cause, which the installer does not print.
// This writes it on one marked line to stderr and rethrows: the installer behaves exactly as before.
'use strict'

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a --require hook is CommonJS
const { FETCH_FAILURE_MARK } = require('./electron-install-failure.mjs')

const originalFetch = globalThis.fetch
if (typeof originalFetch === 'function') {
  globalThis.fetch = async function fetchWithCause(input, init) {
    try {
      return await originalFetch.call(this, input, init)
    } catch (error) {
      const cause = (error && error.cause) || error || {}
      const url = typeof input === 'string' ? input : String((input && input.url) || input)
      const failure = {
        url,
        host: typeof cause.hostname === 'string' ? cause.hostname : undefined,
        code: typeof cause.code === 'string' ? cause.code : undefined,
        message: String(cause.message || (error && error.message) || error),
      }
      process.stderr.write(`${FETCH_FAILURE_MARK}${JSON.stringify(failure)}\n`)
      throw error
    }
  }
}
