import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  buildPrintDocument,
  COPY_BANNER_TEXT,
  printStylesheet,
  splitDocument,
} from '../../../src/main/receipts/print-document'

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/receipts/${name}`, import.meta.url), 'utf8')

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

  it('does not take a <header> for the head and keeps an unclosed body to the end', () => {
    expect(splitDocument('<header>h</header><div>x</div>')).toEqual({
      head: '',
      body: '<header>h</header><div>x</div>',
    })
    expect(
      splitDocument('<!DOCTYPE html><HTML><HEAD ><STYLE>.a{}</STYLE ></HEAD><BODY class=r>b'),
    ).toEqual({ head: '<STYLE>.a{}</STYLE >', body: 'b' })
  })

  it('reads broken documents without losing the receipt text', () => {
    expect(splitDocument('<head><style>.a{}</style><div>x</div>')).toEqual({
      head: '',
      body: '<head><style>.a{}</style><div>x</div>',
    })
    expect(splitDocument('<html><head<head<head')).toEqual({ head: '', body: '<head<head<head' })
    expect(splitDocument('<!doctype html><head><style>.a{}</head><p>t</p></html>')).toEqual({
      head: '',
      body: '<p>t</p>',
    })
  })
})
