/** Only plain web links leave the app, and only after URL parsing (no file:, javascript:, smb:). */
export function safeExternalUrl(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  if (url.username || url.password) return null
  return url.toString()
}
