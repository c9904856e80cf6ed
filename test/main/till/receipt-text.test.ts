import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { receiptToText, wrap } from '../../../src/main/till/receipt-text'

const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '../../fixtures/receipts', name), 'utf8')

const widthOk = (text: string, width: number): boolean =>
  text.split('\n').every((line) => [...line].length <= width)

describe('receipts as text', () => {
  it('lays a Handpoint receipt out as label/value lines at 32, 42 and 48 columns', () => {
    const html = fixture('customer.html')
    for (const width of [32, 42, 48]) {
      const text = receiptToText(html, width)
      expect(widthOk(text, width)).toBe(true)
      const lines = text.split('\n')
      expect(lines).toContain(`AMOUNT${' '.repeat(width - 15)}EUR 12.34`)
      expect(lines).toContain(`AUTH CODE${' '.repeat(width - 15)}123456`)
      expect(lines).toContain('-'.repeat(width))
      const title = lines.find((l) => l.includes('Corner Bakery'))!
      expect(title.trim()).toBe('Corner Bakery')
      expect(title.length - title.trimStart().length).toBe(Math.floor((width - 13) / 2))
      expect(text.endsWith('\n')).toBe(true)
    }
  })

  it('never runs or shows markup from a hostile receipt', () => {
    const text = receiptToText(fixture('hostile.html'), 42)
    expect(text).not.toMatch(/<|script|onerror|javascript:/i)
    expect(widthOk(text, 42)).toBe(true)
  })

  it('puts a value that does not fit beside its label flush right on the next line', () => {
    const html =
      '<div><span class="left">A VERY LONG LABEL FOR THIS LINE</span><span class="right">EUR 1,234,567.89</span></div>'
    expect(receiptToText(html, 32)).toBe(
      'A VERY LONG LABEL FOR THIS LINE\n                EUR 1,234,567.89\n',
    )
  })

  it('wraps words and cuts words longer than the line', () => {
    expect(wrap('one two three', 7)).toEqual(['one two', 'three'])
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij'])
  })

  it('keeps every line within the width, whatever the HTML (property)', () => {
    const text = fc.stringMatching(/^[ -~äöüß€]{0,60}$/)
    const node: fc.Arbitrary<string> = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        text,
        fc
          .tuple(text, text)
          .map(
            ([l, r]) => `<div><span class="left">${l}</span><span class="right">${r}</span></div>`,
          ),
        fc.constantFrom('<div class="separator solid"></div>', '<br>', '<hr>', '<img src=x>'),
        fc
          .tuple(
            fc.constantFrom('div', 'p', 'span', 'b', 'td', 'tr', 'table', 'center'),
            fc.constantFrom('', 'center', 'right', 'left'),
            fc.array(tie('node'), { maxLength: 4 }),
          )
          .map(([tag, cls, kids]) => `<${tag} class="${cls}">${kids.join('')}</${tag}>`),
      ),
    })).node
    fc.assert(
      fc.property(node, fc.constantFrom(32, 42, 48), (html, width) =>
        widthOk(receiptToText(html, width), width),
      ),
      { numRuns: 300 },
    )
  })
})
