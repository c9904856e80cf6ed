import sanitizeHtml, { type IOptions } from 'sanitize-html'
import { sanitiseStylesheet, STYLE_ATTRIBUTE_RULES } from './receipt-css'
import { MAX_RECEIPT_DEPTH, MAX_RECEIPT_TOKENS, scanReceipt } from './receipt-scan'

/**
 * Turns untrusted receipt HTML into a preview-safe copy with sanitize-html (htmlparser2, a real
 * HTML parser): an allow-list of the elements and attributes Handpoint's receipt format uses, no
 * scripts, event handlers, links, frames or forms, images only as `data:` pictures, and CSS only
 * as the parsed, escape-free subset of receipt-css.ts. The preview is also rendered in a
 * sandboxed iframe without scripts and under a CSP; this is the second fence, not the only one.
 * Printing uses the original (scheme-certified) HTML in a window with JavaScript off and every
 * network request blocked.
 */

/** Elements kept (with filtered attributes); any other is dropped and its text kept. */
const ELEMENTS = (
  'header main footer section article div span p br hr b strong i em u s small big sub sup ' +
  'center font h1 h2 h3 h4 h5 h6 pre code table thead tbody tfoot tr td th caption col ' +
  'colgroup ul ol li dl dt dd img'
).split(' ')

const ATTRIBUTES = (
  'class id style align valign width height colspan rowspan border cellpadding cellspacing ' +
  'title size color face'
).split(' ')

/** Elements dropped together with everything inside them (not text a receipt shows). */
const DROPPED_WITH_CONTENT = (
  'script style textarea option select button title noscript template xmp noembed noframes ' +
  'iframe object embed applet svg math head'
).split(' ')

const SAFE_IMAGE = /^data:image\/(png|jpeg|gif|webp|bmp|svg\+xml);base64,[a-z0-9+/=]*$/i

const OPTIONS: IOptions = {
  allowedTags: ELEMENTS,
  allowedAttributes: { '*': ATTRIBUTES, img: [...ATTRIBUTES, 'src', 'alt'] },
  allowedSchemes: [],
  allowedSchemesByTag: { img: ['data'] },
  allowedSchemesAppliedToAttributes: ['src', 'href', 'cite', 'srcset', 'background', 'action'],
  allowProtocolRelative: false,
  allowedStyles: { '*': STYLE_ATTRIBUTE_RULES },
  parseStyleAttributes: true,
  disallowedTagsMode: 'discard',
  nonTextTags: DROPPED_WITH_CONTENT,
  transformTags: {
    // Only pictures carried in the receipt itself (logos); an image from anywhere else is a
    // request the cardholder's data could ride on.
    img: (tagName, attribs) => {
      const { src, ...rest } = attribs
      const clean = src?.replace(/\s+/g, '')
      return { tagName, attribs: clean && SAFE_IMAGE.test(clean) ? { ...rest, src: clean } : rest }
    },
  },
  parser: { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
}

const MAX_STYLESHEET_CHARS = 64 * 1024

/** Shown instead of a receipt we will not parse (past anything a terminal prints). */
const TOO_COMPLEX =
  '<html><head></head><body><p>This receipt is too complex to preview safely. Print it, or ' +
  'look at it on the terminal.</p></body></html>'

/**
 * Returns a preview-safe document for `html`: `<html><head><style>` with the kept CSS, then the
 * sanitised body. Never throws; runs in time linear in the input.
 */
export function sanitiseReceiptHtml(html: string): string {
  try {
    const scan = scanReceipt(html)
    if (scan.depthBound > MAX_RECEIPT_DEPTH || scan.tokens > MAX_RECEIPT_TOKENS) return TOO_COMPLEX
    // A stylesheet this large is no receipt layout (fonts, attacks): the preview goes without it.
    const css = scan.styles
      .filter((style) => style.length <= MAX_STYLESHEET_CHARS)
      .map(sanitiseStylesheet)
      .join('')
    const body = sanitizeHtml(html, OPTIONS)
    return `<html><head>${css ? `<style>${css}</style>` : ''}</head><body>${body}</body></html>`
  } catch {
    return TOO_COMPLEX
  }
}
