import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { loadavg } from 'node:os'
import { basename, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { closeBrowser, launchApp } from '../test/e2e/harness'
import {
  BLANK_STEPS,
  blankSteps,
  callsBefore,
  CHECKOUT_STEPS,
  checkoutSteps,
  probeScript,
  readClock,
  stepMetrics,
  withHandlerTimes,
  type BridgeCall,
  type Steps,
} from './support/b5-timeline'
import { median, p99, round } from './stats'
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
  appSteps: Steps
  blankSteps: Steps
  /** Bridge calls made before Playwright reported the field, with their handlers' times. */
  calls: BridgeCall[]
}

/** Node's clock as epoch milliseconds, comparable with the page's performance.timeOrigin. */
const now = (): number => performance.timeOrigin + performance.now()

async function measure(language: (typeof LANGUAGES)[number], blankUrl: string): Promise<Run> {
  const handled: [string, number][] = []
  const app = await launchApp({ navigate: false, onHandled: (n, ms) => handled.push([n, ms]) })
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
    // Both pages get the same probe (it looks for the checkout's field, or the blank's input).
    await app.page.addInitScript({ content: probeScript(`${INTERACTIVE}, #x`) })
    const blankSent = now()
    await app.page.goto(blankUrl)
    await app.page.waitForSelector('#x')
    const blankSeen = now()
    const blankClock = await readClock(app.page)
    const sent = now()
    await app.page.goto(app.url)
    await app.page.waitForSelector(INTERACTIVE, { timeout: 15_000 })
    const seen = now()
    const clock = await readClock(app.page)
    const lang = await app.page.evaluate(() => document.documentElement.lang)
    if (lang !== language) throw new Error(`The checkout spoke ${lang}, not ${language}.`)
    return {
      app: seen - sent,
      blank: blankSeen - blankSent,
      loaded,
      appSteps: checkoutSteps(clock, sent, seen),
      blankSteps: blankSteps(blankClock, blankSent, blankSeen),
      calls: withHandlerTimes(callsBefore(clock, sent, seen), handled),
    }
  } finally {
    await app.close()
  }
}

/**
 * The checkout's steps and the blank page's, as medians; and the checkout without what the e2e
 * bridge adds: its wait from "field in the DOM" to "Playwright reported it" replaced by the blank
 * page's wait for the same thing (the rest of that wait is Playwright delivering the start's
 * bridge answers on the same connection, where Electron answers over IPC in well under 1 ms).
 */
function breakdown(language: string, runs: Run[]): Metric[] {
  const blank = median(runs.map((r) => r.blank))
  const bare = median(
    runs.map((r) => r.app - (r.appSteps['seen'] ?? 0) + (r.blankSteps['seen'] ?? 0)),
  )
  return [
    ...stepMetrics(
      `${language} checkout`,
      CHECKOUT_STEPS,
      runs.map((r) => r.appSteps),
    ),
    ...stepMetrics(
      `${language} blank`,
      BLANK_STEPS,
      runs.map((r) => r.blankSteps),
    ),
    {
      name: `${language}: checkout without the bridge's wait, median`,
      value: round(bare, 1),
      unit: 'ms',
    },
    {
      name: `${language}: checkout without the bridge's wait / blank`,
      value: round(bare / blank),
      unit: 'x',
    },
  ]
}

function bridgeNote(language: string, runs: Run[]): string {
  const calls = runs.flatMap((r) => r.calls)
  const trip = calls.map((c) => c.end - c.start)
  const handler = calls.flatMap((c) => (c.handled === undefined ? [] : [c.handled]))
  const names = [...new Set(calls.map((c) => c.name))].sort()
  const first = median(runs.map((r) => Math.min(...r.calls.map((c) => c.start))))
  return (
    `${language}: bridge calls before Playwright reported the field: ${round(calls.length / runs.length, 1)} a run (${names.join(', ')}), ` +
    `the first at ${round(first)} ms; round trip median ${round(median(trip), 1)} ms, of which the handler in Node ${round(median(handler), 2)} ms`
  )
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
            // The floor (bench/README.md, B5): 2.6x measured after the waits were removed, + 10 %.
            target: '<= 2.9x',
          },
        )
        metrics.push(...breakdown(language, runs))
        notes.push(`${language}: loaded at start: ${files.join(', ')}`, bridgeNote(language, runs))
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
