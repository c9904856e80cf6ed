import { parse } from 'parse5'

/**
 * The judge of a receipt preview: parses it the way a browser does (parse5 follows the HTML
 * standard's tree construction) and lists everything in it that could run code or load something.
 * An empty list means the preview is safe to show.
 */

interface Node {
  nodeName: string
  tagName?: string
  attrs?: { name: string; value: string }[]
  childNodes?: Node[]
  content?: Node
  value?: string
}

const ELEMENTS = new Set(
  (
    'html head body style header main footer section article div span p br hr b strong i em u s ' +
    'small big sub sup center font h1 h2 h3 h4 h5 h6 pre code table thead tbody tfoot tr td th ' +
    'caption col colgroup ul ol li dl dt dd img'
  ).split(' '),
)
const SAFE_IMAGE = /^data:image\/(png|jpeg|gif|webp|bmp|svg\+xml);base64,[a-z0-9+/=]*$/i
/** What must never appear in CSS we keep, in a stylesheet or a style attribute. */
const CSS_DANGER =
  /url\s*\(|@import|expression|behaviou?r|binding|\\|\/\/|https?:|image-set|src\s*\(/i

export function previewProblems(html: string): string[] {
  const problems: string[] = []
  const visit = (node: Node): void => {
    if (node.tagName !== undefined) {
      const tag = node.tagName
      if (!ELEMENTS.has(tag)) problems.push(`element <${tag}>`)
      for (const { name, value } of node.attrs ?? []) {
        if (/^on/i.test(name)) problems.push(`event handler ${name} on <${tag}>`)
        if (/javascript:|vbscript:/i.test(value.replace(/\s/g, ''))) {
          problems.push(`script URL in ${name} of <${tag}>`)
        }
        if (name === 'src' && !(tag === 'img' && SAFE_IMAGE.test(value))) {
          problems.push(`src ${value.slice(0, 40)} on <${tag}>`)
        }
        if (/^(href|action|formaction|background|srcset|poster|data|xlink:href)$/i.test(name)) {
          problems.push(`${name} on <${tag}>`)
        }
        if (name === 'style' && CSS_DANGER.test(value)) problems.push(`style="${value}"`)
      }
      if (tag === 'style') {
        const css = (node.childNodes ?? []).map((c) => c.value ?? '').join('')
        if (CSS_DANGER.test(css)) problems.push(`stylesheet ${css.slice(0, 80)}`)
      }
    }
    if (node.content) visit(node.content)
    for (const child of node.childNodes ?? []) visit(child)
  }
  visit(parse(html) as unknown as Node)
  return problems
}
