// @ts-check
/**
 * Words a failed run of Electron's installer as one line a new user can act on. The installer
 * itself prints only a stack ("TypeError: fetch failed"); electron-install-hook.cjs adds a marked
 * line with the network cause, which is what this reads first.
 */

/** Prefix of the line electron-install-hook.cjs writes when a download request fails. */
export const FETCH_FAILURE_MARK = '[pos-companion:fetch-failed] '

/**
 * @typedef {{ url?: string; host?: string; code?: string; message?: string }} FetchFailure
 * @typedef {{
 *   version: string
 *   stoppedBecause?: 'no_answer' | 'stalled' | undefined
 *   seconds: number
 *   code: number | null
 *   signal: string | null
 *   stderr: string
 * }} FailedRun
 */

const NOT_FOUND = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME'])
const NO_ANSWER = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT'])
const NO_ROUTE = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN'])
const DISK = /\b(ENOSPC|EACCES|EPERM|EROFS|EBUSY|EMFILE)\b/

/**
 * The last fetch failure the hook recorded, if any.
 * @param {string} stderr
 * @returns {FetchFailure | undefined}
 */
export function recordedFetchFailure(stderr) {
  const lines = stderr.split(/\r?\n/).filter((l) => l.startsWith(FETCH_FAILURE_MARK))
  const last = lines.at(-1)
  if (!last) return undefined
  try {
    return JSON.parse(last.slice(FETCH_FAILURE_MARK.length))
  } catch {
    return undefined
  }
}

/**
 * A network cause in words, keeping the code so it can be looked up.
 * @param {FetchFailure} failure
 * @returns {string}
 */
export function describeFetchFailure(failure) {
  const host = failure.host || hostOf(failure.url) || 'the download server'
  const code = failure.code ?? ''
  if (NOT_FOUND.has(code)) return `${host} could not be found (${code})`
  if (code === 'ECONNREFUSED') return `${host} refused the connection (${code})`
  if (code === 'ECONNRESET') return `the connection to ${host} was cut (${code})`
  if (NO_ANSWER.has(code)) return `${host} did not answer (${code})`
  if (NO_ROUTE.has(code)) return `there is no route to ${host} (${code})`
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code))
    return `the certificate of ${host} is not trusted (${code})`
  const message = trimPeriod(failure.message || 'the request failed')
  return code && !message.includes(code) ? `${message} (${code})` : message
}

/**
 * The one line for a failed or stopped run.
 * @param {FailedRun} run
 * @returns {string}
 */
export function describeFailure(run) {
  const fetchFailure = recordedFetchFailure(run.stderr)
  let reason
  if (run.stoppedBecause === 'stalled') {
    reason = `the download made no progress for ${run.seconds} s`
  } else if (fetchFailure) {
    reason = describeFetchFailure(fetchFailure)
  } else if (run.stoppedBecause === 'no_answer') {
    reason = `the download server did not answer within ${run.seconds} s`
  } else {
    reason = installerMessage(run)
  }
  if (!fetchFailure && DISK.test(reason)) {
    return (
      `Could not install Electron ${run.version}: ${reason}. ` +
      'Check that there is free disk space and that node_modules/electron is writable.'
    )
  }
  return (
    `Could not download Electron ${run.version}: ${reason}. ` +
    'Check the internet connection or set ELECTRON_MIRROR.'
  )
}

/**
 * What the installer said: the message of the first error line of its stack, else its last line,
 * else how it ended.
 * @param {FailedRun} run
 * @returns {string}
 */
function installerMessage(run) {
  const lines = run.stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith(FETCH_FAILURE_MARK) && !l.startsWith('at '))
  const errorLine = lines.find((l) => /^[A-Za-z]*Error\b[^:]*: /.test(l))
  if (errorLine) return trimPeriod(errorLine.replace(/^[A-Za-z]*Error\b[^:]*: /, ''))
  const last = lines.at(-1)
  if (last) return trimPeriod(last)
  if (run.signal) return `the installer was stopped (${run.signal})`
  return `the installer ended with exit code ${run.code}`
}

/** @param {string | undefined} url @returns {string | undefined} */
function hostOf(url) {
  try {
    return url ? new URL(url).host : undefined
  } catch {
    return undefined
  }
}

/** @param {string} text @returns {string} */
function trimPeriod(text) {
  return text.replace(/\.+$/, '')
}
