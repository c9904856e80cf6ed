/**
 * Which addresses stay on this computer. Plain http is acceptable only there: anywhere else it
 * would carry an API key, or a cardholder's receipt, across the network unencrypted.
 */

/** `localhost`, 127.0.0.0/8 or `[::1]`, as the WHATWG URL parser normalises host names. */
export function isLoopbackHostname(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname)
}

/** True for a parseable URL whose host is this computer. */
export function isLoopbackUrl(raw: string): boolean {
  try {
    return isLoopbackHostname(new URL(raw).hostname)
  } catch {
    return false
  }
}

/** True for a plain http URL to another computer: what an API key must never travel over. */
export function isClearTextToNetwork(raw: string): boolean {
  try {
    const url = new URL(raw)
    return url.protocol === 'http:' && !isLoopbackHostname(url.hostname)
  } catch {
    return false
  }
}

/** `scheme://host:port` of a URL, for messages (paths may carry ids we keep out of them). */
export function originOf(raw: string): string {
  try {
    return new URL(raw).origin
  } catch {
    return '(not a valid address)'
  }
}
