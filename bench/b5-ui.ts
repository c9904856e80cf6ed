import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { loadavg } from 'node:os'
import { basename, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { closeBrowser, launchApp } from '../test/e2e/harness'
import { median, p99, round, since } from './stats'
import type { Benchmark, Metric } from './types'

const RUNS = 10
const ASSETS = 'out/renderer/assets'
/** The checkout is interactive when its amount field accepts typing. */
const INTERACTIVE = '[data-testid="amount-input"]:not([disabled])'
/** Where the checkout keeps its language (src/renderer/src/stores/settings.ts). */
const SETTINGS_KEY = 'pos-companion.checkout-settings'
const LANGUAGES = ['en', 'de'] as const

const gzipSize = (file: string): number => gzipSync(readFileSync(file), { level: 9 }).length

function bundleSizes(): { raw: number; gzip: number } {
  let raw = 0
  let gzip = 0
  for (const file of readdirSync(ASSETS).filter((f) => /\.(js|css)$/.test(f))) {
    raw += readFileSync(join(ASSETS, file)).length
    gzip += gzipSize(join(ASSETS, file))
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

interface Run {
  app: number
  blank: number
  /** The renderer's JS and CSS files the checkout loaded until it was interactive. */
  loaded: Set<string>
}

async function measure(language: (typeof LANGUAGES)[number], blankUrl: string): Promise<Run> {
  const app = await launchApp({ navigate: false })
  try {
    const loaded = new Set<string>()
    app.page.on('response', (response) => {
      const name = basename(new URL(response.url()).pathname)
      if (/\.(js|css)$/.test(name) && existsSync(join(ASSETS, name))) loaded.add(name)
    })
    await app.page.addInitScript(([key, value]) => localStorage.setItem(key, value), [
      SETTINGS_KEY,
      JSON.stringify({ locale: language }),
    ] as const)
    let start = performance.now()
    await app.page.goto(blankUrl)
    await app.page.waitForSelector('#x')
    const blank = since(start)
    start = performance.now()
    await app.page.goto(app.url)
    await app.page.waitForSelector(INTERACTIVE, { timeout: 15_000 })
    const interactive = since(start)
    const lang = await app.page.evaluate(() => document.documentElement.lang)
    if (lang !== language) throw new Error(`The checkout spoke ${lang}, not ${language}.`)
    return { app: interactive, blank, loaded }
  } finally {
    await app.close()
  }
}

export const b5: Benchmark = {
  id: 'B5',
  measures:
    'renderer bundle size (all of it, and what the checkout loads at start), and time to an interactive checkout in Chromium vs a blank page loaded the same way, in English and German',
  async run() {
    const { raw, gzip } = bundleSizes()
    const blank = await blankServer()
    const metrics: Metric[] = [
      { name: 'renderer js+css raw, all', value: round(raw / 1024, 1), unit: 'KiB' },
      { name: 'renderer js+css gzip, all', value: round(gzip / 1024, 1), unit: 'KiB' },
    ]
    const notes: string[] = []
    try {
      for (const language of LANGUAGES) {
        const runs: Run[] = []
        for (let i = 0; i < RUNS; i++) runs.push(await measure(language, blank.url))
        const files = [...runs[0]!.loaded].sort()
        const atStart = files.reduce((sum, f) => sum + gzipSize(join(ASSETS, f)), 0)
        const app = runs.map((r) => r.app)
        const blanks = runs.map((r) => r.blank)
        metrics.push(
          {
            name: `${language}: js+css gzip loaded until interactive`,
            value: round(atStart / 1024, 1),
            unit: 'KiB',
            target: '<= 110 KiB',
          },
          {
            name: `${language}: interactive checkout median`,
            value: round(median(app)),
            unit: 'ms',
          },
          { name: `${language}: interactive checkout p99`, value: round(p99(app)), unit: 'ms' },
          { name: `${language}: blank page median`, value: round(median(blanks)), unit: 'ms' },
          {
            name: `${language}: checkout / blank (medians)`,
            value: round(median(app) / median(blanks)),
            unit: 'x',
            target: '<= 1.5x',
          },
        )
        notes.push(`${language}: loaded at start: ${files.join(', ')}`)
      }
    } finally {
      await blank.close()
      await closeBrowser()
    }
    notes.push(
      `${RUNS} fresh browser contexts per language; the page loaded from out/renderer over loopback, the language set in the checkout's saved settings before it opens; load average ${loadavg()
        .map((l) => round(l, 1))
        .join(', ')}`,
    )
    return { id: 'B5', measures: b5.measures, metrics, notes }
  },
}
