import { readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { closeBrowser, launchApp } from '../test/e2e/harness'
import { median, p99, round, since } from './stats'
import type { Benchmark } from './types'

const RUNS = 10
/** The checkout is interactive when its amount field accepts typing. */
const INTERACTIVE = '[data-testid="amount-input"]:not([disabled])'

function bundleSizes(): { raw: number; gzip: number } {
  const dir = 'out/renderer/assets'
  let raw = 0
  let gzip = 0
  for (const file of readdirSync(dir).filter((f) => /\.(js|css)$/.test(f))) {
    const body = readFileSync(join(dir, file))
    raw += statSync(join(dir, file)).size
    gzip += gzipSync(body, { level: 9 }).length
  }
  return { raw, gzip }
}

async function blankServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(
      '<!doctype html><html><head><title>blank</title></head><body><input id="x"></body></html>',
    )
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  }
}

export const b5: Benchmark = {
  id: 'B5',
  measures:
    'renderer bundle size, and time to an interactive checkout in Chromium vs a blank page loaded the same way',
  async run() {
    const { raw, gzip } = bundleSizes()
    const blank = await blankServer()
    const appTimes: number[] = []
    const blankTimes: number[] = []
    try {
      for (let i = 0; i < RUNS; i++) {
        const app = await launchApp({ navigate: false })
        try {
          let start = performance.now()
          await app.page.goto(blank.url)
          await app.page.waitForSelector('#x')
          blankTimes.push(since(start))
          start = performance.now()
          await app.page.goto(app.url)
          await app.page.waitForSelector(INTERACTIVE, { timeout: 15_000 })
          appTimes.push(since(start))
        } finally {
          await app.close()
        }
      }
    } finally {
      await blank.close()
      await closeBrowser()
    }
    return {
      id: 'B5',
      measures: b5.measures,
      metrics: [
        { name: 'renderer js+css raw', value: round(raw / 1024, 1), unit: 'KiB' },
        {
          name: 'renderer js+css gzip',
          value: round(gzip / 1024, 1),
          unit: 'KiB',
          target: '<= 200 KB',
        },
        { name: 'interactive checkout median', value: round(median(appTimes)), unit: 'ms' },
        { name: 'interactive checkout p99', value: round(p99(appTimes)), unit: 'ms' },
        { name: 'blank page median', value: round(median(blankTimes)), unit: 'ms' },
        {
          name: 'checkout / blank (medians)',
          value: round(median(appTimes) / median(blankTimes)),
          unit: 'x',
          target: '<= 1.5x',
        },
      ],
      notes: [`${RUNS} fresh browser contexts each; page loaded from out/renderer over loopback`],
    }
  },
}
