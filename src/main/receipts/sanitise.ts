/**
 * Turns untrusted receipt HTML into a preview-safe copy: an allow-list of elements and
 * attributes, no scripts, no event handlers, no links, and no external loads (only `data:` images,
 * no `url()`/`@import` in CSS). The preview is also rendered in a sandboxed iframe without
 * scripts and under a CSP; this is the second fence, not the only one. Printing uses the original
 * (scheme-certified) HTML in a window with JavaScript off and every network request blocked.
 */

/** Elements whose content is dropped together with the element. */
const DROP_WITH_CONTENT = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'noscript',
  'template',
  'svg',
  'math',
  'textarea',
  'select',
  'button',
  'form',
  'audio',
  'video',
  'canvas',
  'title',
])

/** Elements kept (with filtered attributes); anything else is unwrapped (content kept). */
const ALLOWED = new Set(
  (
    'html head body header main footer section article div span p br hr b strong i em u s small ' +
    'big sub sup center font h1 h2 h3 h4 h5 h6 pre code table thead tbody tfoot tr td th ' +
    'caption col colgroup ul ol li dl dt dd img style meta'
  ).split(' '),
)

const ALLOWED_ATTRS = new Set([
  'class',
  'id',
  'style',
  'align',
  'valign',
  'width',
  'height',
  'colspan',
  'rowspan',
  'border',
  'cellpadding',
  'cellspacing',
  'alt',
  'title',
  'size',
  'color',
  'face',
  'charset',
])

const SAFE_IMAGE = /^data:image\/(png|jpe?g|gif|bmp|webp|x-ms-bmp|svg\+xml);base64,[a-z0-9+/=\s]+$/i

/** Neutralises CSS that could load something or run code. */
export function sanitiseCss(css: string): string {
  return css
    .replace(/@import[^;]*;?/gi, '')
    .replace(/url\s*\([^)]*\)/gi, 'none')
    .replace(/expression\s*\(/gi, 'x(')
    .replace(/-moz-binding|behaviou?r\s*:/gi, 'x:')
    .replace(/<\/?style/gi, '')
}

const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<![^>]*>|<\?[^>]*>|<\/?[a-zA-Z][^>]*>/g
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g

/** Returns a preview-safe version of `html` (see the module comment for what is removed). */
export function sanitiseReceiptHtml(html: string): string {
  let out = ''
  let last = 0
  let dropUntil: string | undefined
  let rawTextEnd = 0 // inside <style>: tokens there are CSS text, not tags
  for (const match of html.matchAll(TOKEN)) {
    const token = match[0]
    const index = match.index
    if (index < rawTextEnd) continue
    if (!dropUntil) out += escapeText(html.slice(last, index))
    last = index + token.length
    const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(token)
    if (!tag) continue // comments, doctype, processing instructions
    const closing = tag[1] === '/'
    const name = tag[2]!.toLowerCase()
    if (dropUntil) {
      if (closing && name === dropUntil) dropUntil = undefined
      continue
    }
    if (DROP_WITH_CONTENT.has(name)) {
      if (!closing && !token.endsWith('/>')) dropUntil = name
      continue
    }
    if (!ALLOWED.has(name)) continue
    if (closing) {
      out += `</${name}>`
      continue
    }
    if (name === 'style') {
      const found = html.toLowerCase().indexOf('</style', last)
      const end = found === -1 ? html.length : found
      out += `<style>${sanitiseCss(html.slice(last, end))}</style>`
      const close = html.indexOf('>', end)
      last = rawTextEnd = close === -1 ? html.length : close + 1
      continue
    }
    const attrs = filterAttributes(name, token.slice(tag[0].length).replace(/\/?>$/, ''))
    if (name === 'meta' && !attrs.includes('charset')) continue // no refresh or CSP overrides
    out += `<${name}${attrs}>`
  }
  if (!dropUntil) out += escapeText(html.slice(last))
  return out
}

function filterAttributes(element: string, raw: string): string {
  let kept = ''
  for (const m of raw.matchAll(ATTR)) {
    const name = m[1]!.toLowerCase()
    const value = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '')
    if (element === 'img' && name === 'src') {
      if (SAFE_IMAGE.test(value.trim())) kept += ` src="${escapeAttr(value.trim())}"`
      continue
    }
    if (!ALLOWED_ATTRS.has(name)) continue
    const clean = name === 'style' ? sanitiseCss(value) : value
    kept += ` ${name}="${escapeAttr(clean)}"`
  }
  return kept
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}

/** Text between tags: a stray `<` that did not form a tag must not become one later. */
function escapeText(text: string): string {
  return text.replace(/</g, '&lt;')
}
