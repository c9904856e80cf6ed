import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  buildPrintDocument,
  COPY_BANNER_TEXT,
  printStylesheet,
  splitDocument,
} from '../../../src/main/receipts/print-document'
import { sanitiseReceiptHtml } from '../../../src/main/receipts/sanitise'

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/receipts/${name}`, import.meta.url), 'utf8')

describe('sanitiseReceiptHtml', () => {
  const out = sanitiseReceiptHtml(fixture('hostile.html'))

  it('removes scripts, event handlers, frames, objects, forms and links', () => {
    expect(out).not.toMatch(/<script/i)
    expect(out).not.toMatch(/\son\w+\s*=/i)
    expect(out).not.toMatch(/<(iframe|object|embed|form|input|svg|a)\b/i)
    expect(out).not.toMatch(/javascript:/i)
    expect(out).not.toMatch(/alert\(/)
  })

  it('removes every external load: remote images, url(), @import, meta refresh and base', () => {
    expect(out).not.toContain('evil.example')
    expect(out).not.toMatch(/<base|http-equiv/i)
    expect(out).toContain('src="data:image/png;base64,iVBORw0KGgo="')
  })

  it('keeps the receipt text, ids and classes the format uses', () => {
    expect(out).toContain('<div id="response" class="center"')
    expect(out).toContain('APPROVED')
    expect(out).toContain('EUR 12.34')
  })

  it('keeps an escaped quote inside an attribute from becoming a new attribute', () => {
    const one = sanitiseReceiptHtml('<div title="x&quot; onmouseover=&quot;alert(7)">t</div>')
    expect(one).toBe('<div title="x&quot; onmouseover=&quot;alert(7)">t</div>')
    expect(sanitiseReceiptHtml('<div title=\'a" onclick="b\'>t</div>')).toBe(
      '<div title="a&quot; onclick=&quot;b">t</div>',
    )
  })

  it('leaves an honest Handpoint receipt readable', () => {
    const clean = sanitiseReceiptHtml(fixture('customer.html'))
    for (const text of ['Corner Bakery', '************0936', 'AUTH CODE', '** CUSTOMER COPY **']) {
      expect(clean).toContain(text)
    }
    expect(clean).toContain('<style>')
  })
})

describe('print document', () => {
  it('sets the width, zero margins and font size for 58 mm and 80 mm rolls', () => {
    expect(printStylesheet(58)).toContain('width: 58mm !important')
    expect(printStylesheet(58)).toContain('padding: 0 5mm !important')
    expect(printStylesheet(58)).toContain('font-size: 10px')
    expect(printStylesheet(80)).toContain('width: 80mm !important')
    expect(printStylesheet(80)).toContain('padding: 0 4mm !important')
    expect(printStylesheet(80)).toContain('@page { margin: 0; }')
  })

  it('wraps the receipt as it came, under a CSP, with our styles after the receipt styles', () => {
    const receipt = fixture('customer.html')
    const doc = buildPrintDocument(receipt, { paperWidthMm: 80 })
    expect(doc).toContain("default-src 'none'")
    expect(doc).toContain(splitDocument(receipt).body)
    expect(doc.indexOf('.large{font-size:16px}')).toBeLessThan(doc.indexOf('data-pos="print"'))
    expect(doc).not.toContain(COPY_BANNER_TEXT)
  })

  it('puts the COPY / DUPLICATE banner above the scheme receipt on reprints', () => {
    const doc = buildPrintDocument(fixture('customer.html'), { paperWidthMm: 58, markAsCopy: true })
    const banner = doc.indexOf(COPY_BANNER_TEXT)
    expect(banner).toBeGreaterThan(0)
    expect(banner).toBeLessThan(doc.indexOf('Corner Bakery'))
  })

  it('adds a data: signature under the receipt and ignores anything else', () => {
    const sig = 'data:image/png;base64,iVBORw0KGgo='
    expect(
      buildPrintDocument('<div>x</div>', { paperWidthMm: 80, signatureDataUrl: sig }),
    ).toContain(`src="${sig}"`)
    expect(
      buildPrintDocument('<div>x</div>', {
        paperWidthMm: 80,
        signatureDataUrl: 'https://evil.example/s.png',
      }),
    ).not.toContain('evil.example')
  })

  it('handles a fragment without html/body and drops head tags other than styles', () => {
    expect(splitDocument('<div id="amount">1.00</div>')).toEqual({
      head: '',
      body: '<div id="amount">1.00</div>',
    })
    const parts = splitDocument(
      '<html><head><base href="https://x/"><style>.a{}</style></head><body>b</body></html>',
    )
    expect(parts).toEqual({ head: '<style>.a{}</style>', body: 'b' })
  })
})
