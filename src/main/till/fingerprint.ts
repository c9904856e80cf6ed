import { createHash } from 'node:crypto'

/** JSON with keys sorted and undefined left out, so equal requests hash equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * The fingerprint of a request the engine keeps beside its idempotency key: what was asked
 * (route and parsed body), so the same key with another request is recognised and refused.
 */
export function fingerprintOf(what: string, body: unknown): string {
  return createHash('sha256')
    .update(`${what}\n${canonical(body)}`)
    .digest('hex')
}
