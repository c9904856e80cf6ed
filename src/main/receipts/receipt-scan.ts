import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2'

/**
 * One linear pass over a receipt with htmlparser2's tokenizer (the one sanitize-html's parser
 * uses) before the sanitiser runs, on the main thread where payment timers run. It finds what
 * the sanitiser cannot give us cheaply:
 *
 * - an upper bound of the element nesting depth. htmlparser2's parser keeps its open elements in
 *   an array it shifts and searches at every tag, so its cost grows with depth times tags: 100,000
 *   nested `<div>` take seconds. Receipts nest a handful of levels; past MAX_RECEIPT_DEPTH we do
 *   not parse at all.
 * - how many tokens (tags, text runs, entities, attributes) the sanitiser would handle. It spends
 *   about a microsecond on each, so 512 KiB of `<` (one text run each) or of tiny tags costs a
 *   few hundred milliseconds; a receipt has a couple of hundred tokens, and past MAX_RECEIPT_TOKENS
 *   we do not parse at all.
 * - the text of `<style>` elements, which the sanitiser drops and we keep only after our own
 *   CSS filter (receipt-css.ts).
 */

/** Deeper than this is not a receipt (Handpoint's nest about 5 levels; Chromium stops at 512). */
export const MAX_RECEIPT_DEPTH = 256
/** More than this is not a receipt (Handpoint's have 150-250 tokens). */
export const MAX_RECEIPT_TOKENS = 20_000

/** htmlparser2's void elements: they never stay open, so they do not count as depth. */
const VOID = new Set(
  (
    'area base basefont br col command embed frame hr image img input keygen link meta param ' +
    'source track wbr'
  ).split(' '),
)

export interface ReceiptScan {
  /** Never below the depth the parser reaches; may be above it (implied end tags are not seen). */
  depthBound: number
  /** Tags, text runs, entities, attributes, comments and the like, as the tokenizer sees them. */
  tokens: number
  /** The text of every `<style>` element, in document order. */
  styles: string[]
}

export function scanReceipt(html: string): ReceiptScan {
  const open = new Map<string, number>()
  const styles: string[] = []
  let depth = 0
  let depthBound = 0
  let tokens = 0
  let tag = ''
  let style: string | undefined
  const name = (start: number, end: number): string => html.slice(start, end).toLowerCase()
  const countToken = (): void => void (tokens += 1)
  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      tokens += 1
      tag = name(start, end)
      if (VOID.has(tag)) return
      open.set(tag, (open.get(tag) ?? 0) + 1)
      depth += 1
      if (depth > depthBound) depthBound = depth
    },
    onopentagend() {
      if (tag === 'style') style = ''
    },
    onselfclosingtag() {
      // HTML ignores the slash of `<div/>`: the element stays open, as counted above.
      if (tag === 'style') style = ''
    },
    onclosetag(start, end) {
      tokens += 1
      const closing = name(start, end)
      if (closing === 'style' && style !== undefined) {
        styles.push(style)
        style = undefined
      }
      // The parser pops at least this element when it is open anywhere, and nothing otherwise.
      const count = open.get(closing) ?? 0
      if (count > 0) {
        open.set(closing, count - 1)
        depth -= 1
      }
    },
    ontext(start, end) {
      tokens += 1
      if (style !== undefined) style += html.slice(start, end)
    },
    ontextentity: countToken,
    onattribdata: () => {},
    onattribentity: () => {},
    onattribend: () => {},
    onattribname: countToken,
    oncdata: countToken,
    oncomment: countToken,
    ondeclaration: countToken,
    onprocessinginstruction: countToken,
    onend() {
      if (style !== undefined) styles.push(style)
    },
  }
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks)
  tokenizer.write(html)
  tokenizer.end()
  return { depthBound, tokens, styles }
}
