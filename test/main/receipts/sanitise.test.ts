import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  MAX_RECEIPT_DEPTH,
  MAX_RECEIPT_TOKENS,
  scanReceipt,
} from '../../../src/main/receipts/receipt-scan'
import { sanitiseReceiptHtml } from '../../../src/main/receipts/sanitise'
import { renderReceipt } from '../../../src/main/simulator/receipts'
import { previewProblems } from './preview-safety'

const FIXTURES = new URL('../../fixtures/receipts/', import.meta.url)
const fixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8')
const CRAFTED = readdirSync(new URL('crafted/', FIXTURES))
  .filter((name) => name.endsWith('.html') && !name.endsWith('.preview.html'))
  .sort()

describe('sanitiseReceiptHtml: crafted inputs', () => {
  it.each(CRAFTED)('%s gives a preview with nothing that runs or loads', (name) => {
    const out = sanitiseReceiptHtml(fixture(`crafted/${name}`))
    expect(previewProblems(out)).toEqual([])
  })

  it.each(CRAFTED)('%s gives exactly the recorded preview', async (name) => {
    const out = sanitiseReceiptHtml(fixture(`crafted/${name}`))
    await expect(out).toMatchFileSnapshot(
      `../../fixtures/receipts/crafted/${name.replace(/\.html$/, '.preview.html')}`,
    )
  })

  it('keeps the text around what it removes', () => {
    const out = sanitiseReceiptHtml(fixture('crafted/style-split-open.html'))
    expect(out).toContain('AMOUNT EUR 1.00')
    expect(out).not.toContain('alert')
    expect(sanitiseReceiptHtml(fixture('crafted/entity-out-of-range.html'))).toContain('1.00')
  })

  it('removes every script, handler, frame, form and external load of the hostile receipt', () => {
    const out = sanitiseReceiptHtml(fixture('hostile.html'))
    expect(previewProblems(out)).toEqual([])
    expect(out).not.toContain('evil.example')
    expect(out).not.toMatch(/alert/)
    expect(out).toContain('src="data:image/png;base64,iVBORw0KGgo="')
    expect(out).toContain('<div id="response" class="center">APPROVED</div>')
  })

  it('keeps an escaped quote inside an attribute from becoming a new attribute', () => {
    expect(
      sanitiseReceiptHtml('<div title="x&quot; onmouseover=&quot;alert(7)">t</div>'),
    ).toContain('<div title="x&quot; onmouseover=&quot;alert(7)">t</div>')
  })
})

describe('sanitiseReceiptHtml: honest receipts', () => {
  const receipts = {
    'customer.html': fixture('customer.html'),
    'merchant.html': fixture('merchant.html'),
    'simulator merchant copy': renderReceipt(
      {
        finStatus: 'AUTHORISED',
        type: 'SALE',
        currency: 'EUR',
        totalAmount: 1234,
        merchantName: 'Corner Bakery',
        maskedCardNumber: '************0936',
        cardSchemeName: 'Visa',
        verificationMethod: 'SIGNATURE',
        authorisationCode: '123456',
        transactionID: 'abc-1',
        efttimestamp: Date.UTC(2026, 10, 24, 10, 41, 7),
      },
      'merchant',
    ),
  }

  it.each(Object.entries(receipts))('%s keeps its text, ids, classes and layout CSS', (_, html) => {
    const out = sanitiseReceiptHtml(html)
    expect(previewProblems(out)).toEqual([])
    for (const text of ['Corner Bakery', '************0936', 'AUTH CODE', '123456', '12.34']) {
      expect(out).toContain(text)
    }
    expect(out).toContain('<div id="auth_code"><span class="left">AUTH CODE</span>')
    expect(out).toMatch(/<style>[^<]*\.left\{float:left\}/)
    expect(out).toContain('.separator.solid{border-top:1px solid #000')
  })
})

describe('sanitiseReceiptHtml: documents past anything a terminal prints', () => {
  const notPreviewed = /too complex to preview safely/

  it.each([
    ['nested deeper than the limit', '<div>'.repeat(MAX_RECEIPT_DEPTH + 1) + 'x'],
    ['nested, with stray end tags between', '<div></x>'.repeat(MAX_RECEIPT_DEPTH + 1)],
    ['with more tokens than the limit', '<br>'.repeat(MAX_RECEIPT_TOKENS + 1)],
    ['a flood of text <', '<'.repeat(MAX_RECEIPT_TOKENS + 1)],
    ['a flood of entities', '&#x110000;'.repeat(MAX_RECEIPT_TOKENS + 1)],
  ])('are not parsed when %s, and say so', (_, html) => {
    const out = sanitiseReceiptHtml(html)
    expect(out).toMatch(notPreviewed)
    expect(previewProblems(out)).toEqual([])
  })

  it('are still previewed at the limits', () => {
    expect(sanitiseReceiptHtml('<div>'.repeat(MAX_RECEIPT_DEPTH) + 'x')).not.toMatch(notPreviewed)
    expect(sanitiseReceiptHtml('<br>'.repeat(MAX_RECEIPT_TOKENS - 1))).not.toMatch(notPreviewed)
  })

  it('leave real receipts far below the limits', () => {
    for (const name of ['customer.html', 'merchant.html']) {
      const scan = scanReceipt(fixture(name))
      expect(scan.tokens).toBeLessThan(MAX_RECEIPT_TOKENS / 50)
      expect(scan.depthBound).toBeLessThan(10)
    }
  })

  it('preview a receipt without a stylesheet too large to be its layout', () => {
    const huge = `<style>.a{color:red}${'.b{color:blue}'.repeat(5000)}</style>`
    const out = sanitiseReceiptHtml(`${huge}<style>.c{font-weight:bold}</style><p class="a">x</p>`)
    expect(out).toContain('<style>.c{font-weight:bold}</style>')
    expect(out).not.toContain('.a{color:red}')
    expect(out).toContain('<p class="a">x</p>')
  })
})

/** Pieces of real attacks; the fuzzer strings them together with random text. */
const PIECES = [
  '<script>',
  '</script>',
  '<style>',
  '</style>',
  '</st',
  '</sty',
  '<stylele>',
  'yle>',
  '<a',
  '<a href="javascript:alert(1)">',
  '<img src=x onerror=alert(1)>',
  '<img src="',
  '<svg>',
  '<math>',
  '<mglyph>',
  '<mtext>',
  '<table>',
  '<td>',
  '<noscript>',
  '</noscript>',
  '<!--',
  '-->',
  '--!>',
  '<![CDATA[',
  ']]>',
  '<textarea>',
  '</textarea>',
  '<title>',
  '</title>',
  '<xmp>',
  '<iframe>',
  '<template>',
  '&#x110000;',
  '&#0;',
  '&#xD800;',
  '&lt;',
  '&colon;',
  '"',
  "'",
  '>',
  '<',
  '/',
  '=',
  ' onload=',
  'javascript:',
  'jav&#x61;script:',
  'url(',
  '\\75 rl(',
  'u\\rl(',
  '@import',
  '@\\69 mport',
  'expression(',
  'https://evil.example/x',
  '//evil.example/',
  '{',
  '}',
  ';',
  ':',
  'background:',
  ' style="',
  '<div style="',
  '<div',
  '<p>',
  '</p>',
  '<img src="data:image/png;base64,AAAA">',
  '<base href=//evil.example>',
  '<meta http-equiv=refresh content="0;url=https://evil.example">',
  '<link rel=stylesheet href=https://evil.example>',
  '<object data=x>',
  '<embed src=x>',
  '<form action=x>',
  '<button formaction=x>',
  ' srcset="https://evil.example 1x"',
  '\\',
  '\u0000',
]
const hostileHtml = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 60 })
  .map((parts) => parts.join(''))

describe('sanitiseReceiptHtml: fuzzed', () => {
  it('never throws and never lets anything run or load', () => {
    fc.assert(
      fc.property(hostileHtml, (html) => {
        expect(previewProblems(sanitiseReceiptHtml(html))).toEqual([])
      }),
      { numRuns: 3000 },
    )
  })

  it('never throws on any string at all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (html) => {
        expect(typeof sanitiseReceiptHtml(html)).toBe('string')
      }),
      { numRuns: 2000 },
    )
  })
})
