import type { Document, Root } from 'postcss'
import safeParse from 'postcss-safe-parser'

/**
 * The CSS a receipt preview may keep: plain layout and type declarations on simple selectors,
 * parsed (postcss) and written out again by us, never passed through. Anything that could load
 * or run something has a character we refuse: `url(`, `image-set(`, `expression(` need a
 * parenthesis, `@import` an at-rule, CSS escapes (`\75 rl(`, `@\69 mport`) a backslash.
 */

/** Properties receipts use for layout and type; everything else is dropped. */
export const RECEIPT_CSS_PROPERTIES = [
  'background-color',
  'border',
  'border-bottom',
  'border-collapse',
  'border-left',
  'border-right',
  'border-spacing',
  'border-top',
  'clear',
  'color',
  'display',
  'float',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'height',
  'letter-spacing',
  'line-height',
  'margin',
  'margin-bottom',
  'margin-left',
  'margin-right',
  'margin-top',
  'max-width',
  'min-width',
  'overflow',
  'overflow-wrap',
  'padding',
  'padding-bottom',
  'padding-left',
  'padding-right',
  'padding-top',
  'table-layout',
  'text-align',
  'text-decoration',
  'text-transform',
  'vertical-align',
  'white-space',
  'width',
  'word-break',
] as const

/** Words, numbers, units, `#hex`, `%`, commas and quoted font names; no `(`, `\`, `/`, `:` or `@`. */
export const SAFE_CSS_VALUE = /^[-a-zA-Z0-9#.%,'" ]{1,200}$/
/** Type, class and id selectors with combinators; no attribute selectors, pseudo-classes or escapes. */
const SAFE_SELECTOR = /^[-a-zA-Z0-9_.#*, >+~]{1,200}$/

const ALLOWED = new Set<string>(RECEIPT_CSS_PROPERTIES)

/** What sanitize-html checks style attributes against: the same properties and values. */
export const STYLE_ATTRIBUTE_RULES: Record<string, RegExp[]> = Object.fromEntries(
  RECEIPT_CSS_PROPERTIES.map((property) => [property, [SAFE_CSS_VALUE]]),
)

/**
 * Keeps the safe rules of a receipt stylesheet, written out by us as `selector{prop:value;...}`.
 * Rules inside at-rules (`@media`, `@font-face`, ...) are dropped with the at-rule. Parsed the way
 * browsers read CSS, rule by rule past errors (postcss-safe-parser), so one broken rule costs only
 * itself. Never throws.
 */
export function sanitiseStylesheet(css: string): string {
  let parsed: Root | Document
  try {
    parsed = safeParse(css)
  } catch {
    return ''
  }
  if (parsed.type !== 'root') return ''
  const root = parsed
  const out: string[] = []
  for (const node of root.nodes) {
    if (node.type !== 'rule') continue
    const selector = node.selector.replace(/\s+/g, ' ').trim()
    if (!SAFE_SELECTOR.test(selector)) continue
    const declarations: string[] = []
    for (const child of node.nodes) {
      if (child.type !== 'decl') continue
      const value = child.value.replace(/\s+/g, ' ').trim()
      if (!ALLOWED.has(child.prop) || !SAFE_CSS_VALUE.test(value)) continue
      declarations.push(`${child.prop}:${value}${child.important ? ' !important' : ''}`)
    }
    if (declarations.length > 0) out.push(`${selector}{${declarations.join(';')}}`)
  }
  return out.join('')
}
