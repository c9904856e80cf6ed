/**
 * A Printer for the e2e suite that makes real PDFs in Chromium (the Electron printer cannot run
 * here): the Z report and receipts come out as the app would save them, so a spec can render a
 * page to PNG and look at it. Prints are recorded like the recording printer's.
 */
import { chromium, type Browser } from 'playwright-core'
import {
  createRecordingPrinter,
  type RecordingPrinter,
} from '../../src/main/receipts/recording-printer'
import { CHROMIUM_PATH } from './harness'

export interface ChromiumPrinter extends RecordingPrinter {
  close(): Promise<void>
}

const PX_PER_MM = 96 / 25.4

export function createChromiumPrinter(): ChromiumPrinter {
  const recording = createRecordingPrinter()
  let browser: Promise<Browser> | undefined
  const open = (): Promise<Browser> =>
    (browser ??= chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    }))
  return {
    ...recording,
    async printToPdf(html, options) {
      await recording.printToPdf(html, options)
      const context = await (await open()).newContext({ javaScriptEnabled: false })
      try {
        const page = await context.newPage()
        await page.route('**/*', (route) => route.abort())
        if ('pageSize' in options) {
          await page.setContent(html)
          return await page.pdf({ preferCSSPageSize: true, printBackground: true })
        }
        // Roll paper: one page as long as the document at the roll width, like the app's printer.
        await page.setViewportSize({
          width: Math.round(options.paperWidthMm * PX_PER_MM),
          height: 800,
        })
        await page.setContent(html)
        const heightPx = await page.evaluate(() => document.body.getBoundingClientRect().bottom)
        return await page.pdf({
          width: `${options.paperWidthMm}mm`,
          height: `${Math.ceil(heightPx / PX_PER_MM) + 4}mm`,
          margin: { top: '0', bottom: '0', left: '0', right: '0' },
          printBackground: true,
        })
      } finally {
        await context.close()
      }
    },
    async close() {
      const b = browser
      browser = undefined
      if (b) await (await b).close()
    },
  }
}
