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

/** Head content (styles) and body content of a receipt, whether or not it is a full document. */
export function splitDocument(html: string): { head: string; body: string } {
  const headMatch = /<head[^>]*>([\s\S]*?)<\/head>/i.exec(html)
  const bodyMatch = /<body[^>]*>([\s\S]*?)(?:<\/body>|$)/i.exec(html)
  // Keep only styles from the head: a meta refresh or base href there must not survive.
  const head = headMatch ? (headMatch[1]!.match(/<style[\s\S]*?<\/style>/gi) ?? []).join('') : ''
  if (bodyMatch) return { head, body: bodyMatch[1]! }
  const stripped = html
    .replace(/<!doctype[^>]*>/i, '')
    .replace(/<head[^>]*>[\s\S]*?<\/head>/i, '')
    .replace(/<\/?html[^>]*>/gi, '')
  return { head, body: stripped }
}
