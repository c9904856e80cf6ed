import type { PaperWidthMm } from '@shared/contract'

/**
 * Wraps a receipt in the print stylesheet for a thermal roll. The scheme receipt itself is left as
 * it came; we only add page geometry, a width that fits the printable area, an optional
 * "COPY / DUPLICATE" banner above it and the signature image below it.
 */

export interface PaperGeometry {
  /** Roll width (the page width we ask the printer for). */
  paperMm: number
  /** Printable width inside the roll (print heads do not reach the edges). */
  printableMm: number
  /** Base font size in CSS px; small enough that ~32 (58 mm) or ~42 (80 mm) columns fit. */
  fontPx: number
}

/** Vendor figures (Epson TM, NCR 7169): 80 mm rolls print 72 mm, 58 mm rolls print 48 mm. */
export const PAPER: Record<PaperWidthMm, PaperGeometry> = {
  58: { paperMm: 58, printableMm: 48, fontPx: 10 },
  80: { paperMm: 80, printableMm: 72, fontPx: 12 },
}

export const COPY_BANNER_TEXT = 'COPY / DUPLICATE'

/** The CSP every receipt document carries: no scripts, no network, inline styles and data: images. */
export const RECEIPT_CSP =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; form-action 'none'"

export interface PrintDocumentOptions {
  paperWidthMm: PaperWidthMm
  /** Add the visible "COPY / DUPLICATE" banner (reprints). */
  markAsCopy?: boolean
  /** A data: URL of the cardholder's signature, shown under the receipt. */
  signatureDataUrl?: string
}

/** The stylesheet injected around every receipt, for a roll of `paperWidthMm`. */
export function printStylesheet(paperWidthMm: PaperWidthMm): string {
  const g = PAPER[paperWidthMm]
  const side = (g.paperMm - g.printableMm) / 2
  return `
@page { margin: 0; }
html, body { margin: 0 !important; padding: 0; background: #fff; color: #000; }
html { width: ${g.paperMm}mm; }
body {
  box-sizing: border-box; width: ${g.paperMm}mm !important; max-width: ${g.paperMm}mm;
  padding: 0 ${side}mm !important; overflow-x: hidden;
  font-family: 'DejaVu Sans Mono', 'Liberation Mono', 'Courier New', monospace;
  font-size: ${g.fontPx}px; line-height: 1.25;
  overflow-wrap: anywhere; word-break: break-word;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
body * { max-width: 100% !important; box-sizing: border-box; }
img { height: auto; }
table { width: 100% !important; table-layout: fixed; border-collapse: collapse; }
td, th { overflow-wrap: anywhere; word-break: break-word; }
pre { white-space: pre-wrap; font-family: inherit; }
.large { font-size: 1.3em; } .small { font-size: 0.85em; } .bold { font-weight: bold; }
.center { text-align: center; } .left { text-align: left; } .right { text-align: right; }
.separator.solid { border-top: 1px solid #000; } .separator.dotted { border-top: 1px dotted #000; }
.pos-copy-banner {
  margin: 2mm 0; padding: 1mm 0; border: 2px solid #000; text-align: center;
  font-weight: bold; font-size: 1.2em; letter-spacing: 0.05em;
}
.pos-signature { margin-top: 3mm; text-align: center; }
.pos-signature img { width: 100%; max-height: 30mm; object-fit: contain; }
`
}

/** Returns a complete HTML document: our head (CSP, print CSS) around the receipt body. */
export function buildPrintDocument(receiptHtml: string, options: PrintDocumentOptions): string {
  const { head, body } = splitDocument(receiptHtml)
  const banner = options.markAsCopy
    ? `<div class="pos-copy-banner" data-pos="copy-banner">${COPY_BANNER_TEXT}</div>`
    : ''
  const signature =
    options.signatureDataUrl && /^data:image\//i.test(options.signatureDataUrl)
      ? `<div class="pos-signature" data-pos="signature"><img alt="Signature" src="${options.signatureDataUrl.replace(/"/g, '%22')}"></div>`
      : ''
  // Receipt styles come first so ours (width, margins) win where they disagree.
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${RECEIPT_CSP}">` +
    head +
    `<style data-pos="print">${printStylesheet(options.paperWidthMm)}</style></head>` +
    `<body>${banner}${body}${signature}</body></html>`
  )
}

/**
 * Head content (styles) and body content of a receipt, whether or not it is a full document.
 * Receipts come from the network and this runs on the main thread, so every search here is a
 * single forward scan: no pattern that retries from each `<head` or `<style` to the end.
 */
export function splitDocument(html: string): { head: string; body: string } {
  const headOpen = findOpenTag(html, 'head', 0)
  const headClose = headOpen && findCloseTag(html, 'head', headOpen.end)
  // Keep only styles from the head: a meta refresh or base href there must not survive.
  const head = headOpen && headClose ? stylesIn(html, headOpen.end, headClose.start) : ''
  const bodyOpen = findOpenTag(html, 'body', 0)
  if (bodyOpen) {
    const bodyClose = findCloseTag(html, 'body', bodyOpen.end)
    return { head, body: html.slice(bodyOpen.end, bodyClose ? bodyClose.start : html.length) }
  }
  let body = html
  const doctype = findOpenTag(body, '!doctype', 0)
  if (doctype) body = body.slice(0, doctype.start) + body.slice(doctype.end)
  const fragmentHeadOpen = findOpenTag(body, 'head', 0)
  const fragmentHeadClose = fragmentHeadOpen && findCloseTag(body, 'head', fragmentHeadOpen.end)
  if (fragmentHeadOpen && fragmentHeadClose) {
    body = body.slice(0, fragmentHeadOpen.start) + body.slice(fragmentHeadClose.end)
  }
  return { head, body: withoutHtmlTags(body) }
}

interface TagSpan {
  start: number
  end: number
}

/** The first `<name ...>` at or after `from` (case-insensitive; `<header>` is not `<head>`). */
function findOpenTag(html: string, name: string, from: number): TagSpan | undefined {
  const pattern = new RegExp(`<${name}(?=[\\s/>])`, 'gi')
  pattern.lastIndex = from
  const found = pattern.exec(html)
  if (!found) return undefined
  const close = html.indexOf('>', found.index)
  return close === -1 ? undefined : { start: found.index, end: close + 1 }
}

function findCloseTag(html: string, name: string, from: number): TagSpan | undefined {
  const pattern = new RegExp(`</${name}\\s*>`, 'gi')
  pattern.lastIndex = from
  const found = pattern.exec(html)
  return found ? { start: found.index, end: found.index + found[0].length } : undefined
}

/** Every complete `<style>...</style>` between `from` and `to`, joined. */
function stylesIn(html: string, from: number, to: number): string {
  const section = html.slice(from, to)
  let styles = ''
  let at = 0
  for (;;) {
    const open = findOpenTag(section, 'style', at)
    const close = open && findCloseTag(section, 'style', open.end)
    if (!open || !close) return styles
    styles += section.slice(open.start, close.end)
    at = close.end
  }
}

/** The text without its `<html ...>` and `</html>` tags. */
function withoutHtmlTags(html: string): string {
  const pattern = /<\/?html(?=[\s/>])/gi
  let out = ''
  let last = 0
  for (let found = pattern.exec(html); found; found = pattern.exec(html)) {
    const close = html.indexOf('>', found.index)
    if (close === -1) break
    out += html.slice(last, found.index)
    last = close + 1
    pattern.lastIndex = last
  }
  return out + html.slice(last)
}
