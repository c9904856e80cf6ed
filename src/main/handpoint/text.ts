/** Control characters (C0 and DEL) have no place in identifiers, headers or text shown to people. */
export function hasControlChars(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}

export function replaceControlChars(value: string): string {
  let out = ''
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    out += code < 0x20 || code === 0x7f ? ' ' : value[i]
  }
  return out
}
