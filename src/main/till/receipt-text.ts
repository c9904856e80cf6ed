import { parseDocument } from 'htmlparser2'
import type { ChildNode, Element } from 'domhandler'

/**
 * Receipts as plain text for a till's own printer: the stored Handpoint receipt HTML, parsed
 * with a real HTML parser and laid out in lines of at most `width` characters. Handpoint's
 * receipt format puts a label and a value side by side (`span.left` / `span.right`); those become
 * one line with the value flush right, or two when they do not fit. `.center` stays centred,
 * `.separator` becomes a rule. Nothing in the HTML runs or loads: only its text is read.
 */

type Align = 'left' | 'center' | 'right'
type Block =
  | { kind: 'text'; text: string; align: Align }
  | { kind: 'row'; left: string; right: string }
  | { kind: 'rule'; char: string }

const SKIP = new Set(['head', 'style', 'script', 'title', 'template', 'noscript', 'svg', 'img'])
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
])

const classesOf = (el: Element): string[] => (el.attribs['class'] ?? '').split(/\s+/)
const hasClass = (el: Element, name: string): boolean => classesOf(el).includes(name)
const isElement = (node: ChildNode): node is Element =>
  node.type === 'tag' || node.type === 'script' || node.type === 'style'
const clean = (text: string): string => text.replace(/\s+/g, ' ').trim()

function textOf(node: ChildNode): string {
  if (node.type === 'text') return node.data
  if (!isElement(node) || SKIP.has(node.name)) return ''
  if (node.name === 'br') return ' '
  return node.children.map(textOf).join(BLOCK.has(node.name) ? ' ' : '')
}

/** `<x><span class="left">A</span><span class="right">B</span></x>` or a table row. */
function rowOf(el: Element): Block | undefined {
  const kids = el.children.filter(isElement)
  if (el.name === 'tr') {
    const cells = kids
      .filter((k) => k.name === 'td' || k.name === 'th')
      .map((k) => clean(textOf(k)))
    const filled = cells.filter(Boolean)
    if (filled.length >= 2) {
      return { kind: 'row', left: filled.slice(0, -1).join(' '), right: filled.at(-1)! }
    }
    return filled[0] ? { kind: 'text', text: filled[0], align: 'left' } : undefined
  }
  const left = kids.find((k) => hasClass(k, 'left'))
  const right = kids.find((k) => hasClass(k, 'right'))
  if (!left || !right) return undefined
  return { kind: 'row', left: clean(textOf(left)), right: clean(textOf(right)) }
}

function alignOf(el: Element, inherited: Align): Align {
  if (hasClass(el, 'center') || el.name === 'center') return 'center'
  if (hasClass(el, 'right') && !hasClass(el, 'left')) return 'right'
  return inherited
}

function collect(nodes: ChildNode[], align: Align, out: Block[]): void {
  let inline = ''
  const flush = (): void => {
    const text = clean(inline)
    if (text) out.push({ kind: 'text', text, align })
    inline = ''
  }
  for (const node of nodes) {
    if (node.type === 'text') {
      inline += node.data
      continue
    }
    if (!isElement(node) || SKIP.has(node.name)) continue
    if (node.name === 'br') {
      flush()
      continue
    }
    if (hasClass(node, 'separator') || node.name === 'hr') {
      flush()
      out.push({ kind: 'rule', char: hasClass(node, 'dotted') ? '.' : '-' })
      continue
    }
    const row = rowOf(node)
    if (row) {
      flush()
      out.push(row)
      continue
    }
    if (BLOCK.has(node.name)) {
      flush()
      collect(node.children, alignOf(node, align), out)
    } else if (node.children.some((c) => isElement(c) && BLOCK.has(c.name))) {
      flush()
      collect(node.children, alignOf(node, align), out)
    } else {
      inline += textOf(node)
    }
  }
  flush()
}

const length = (text: string): number => [...text].length

/** Greedy word wrap; a word longer than the line is cut. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ').filter(Boolean)) {
    let rest = [...word]
    while (rest.length > width) {
      if (line) lines.push(line)
      lines.push(rest.slice(0, width).join(''))
      rest = rest.slice(width)
      line = ''
    }
    const piece = rest.join('')
    if (!piece) continue
    if (!line) line = piece
    else if (length(line) + 1 + length(piece) <= width) line += ` ${piece}`
    else {
      lines.push(line)
      line = piece
    }
  }
  if (line) lines.push(line)
  return lines
}

function place(line: string, align: Align, width: number): string {
  const room = width - length(line)
  if (align === 'center') return ' '.repeat(Math.floor(room / 2)) + line
  if (align === 'right') return ' '.repeat(room) + line
  return line
}

function layout(block: Block, width: number): string[] {
  switch (block.kind) {
    case 'rule':
      return [block.char.repeat(width)]
    case 'text':
      return wrap(block.text, width).map((l) => place(l, block.align, width))
    case 'row': {
      const { left, right } = block
      if (!right) return wrap(left, width)
      if (!left) return wrap(right, width).map((l) => place(l, 'right', width))
      const gap = width - length(left) - length(right)
      if (gap >= 1) return [left + ' '.repeat(gap) + right]
      return [...wrap(left, width), ...wrap(right, width).map((l) => place(l, 'right', width))]
    }
  }
}

/** The receipt as text lines of at most `width` characters, ending with a newline. */
export function receiptToText(html: string, width: number): string {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true })
  const blocks: Block[] = []
  collect(doc.children, 'left', blocks)
  const lines: string[] = []
  for (const block of blocks) {
    for (const line of layout(block, width)) {
      const trimmed = line.trimEnd()
      // Two rules in a row say no more than one.
      if (block.kind === 'rule' && lines.at(-1) === trimmed) continue
      lines.push(trimmed)
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : ''
}
