/**
 * Where an interactive checkout's milliseconds go (B5), from the page's own clocks: Navigation
 * and Resource Timing, the renderer's three marks (src/renderer/src/main.ts), and a probe the
 * bench adds to both pages before they load. The probe marks the moment the awaited element is
 * in the DOM (what the page did) apart from the moment Playwright reported it (what the harness
 * added), and times every call over the e2e bridge (Playwright bindings, where Electron has IPC).
 */
import type { Page } from 'playwright-core'
import { median, round } from '../stats'
import type { Metric } from '../types'

/** The renderer's marks: its entry starts, its messages are there, the app is mounted. */
const MARKS = { main: 'pos:main', messages: 'pos:messages', mounted: 'pos:mounted' } as const
const SEEN = 'bench:in-dom'

/**
 * Runs in the page before any of its scripts: marks when `selector` first matches, and wraps each
 * bridge binding (installed before this script runs) to time its round trip.
 */
export function probeScript(selector: string): string {
  return `(() => {
  const calls = [];
  Object.defineProperty(window, '__benchCalls', { value: calls });
  const check = () => {
    if (!document.querySelector(${JSON.stringify(selector)})) return;
    performance.mark(${JSON.stringify(SEEN)});
    observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  for (const key of Object.getOwnPropertyNames(window)) {
    if (!key.startsWith('__pos_op_')) continue;
    const call = window[key];
    window[key] = (...args) => {
      const start = performance.now();
      const done = () => calls.push({ name: key.slice(9), start, end: performance.now() });
      return call(...args).finally(done);
    };
  }
})();`
}

export interface BridgeCall {
  name: string
  /** Page clock, ms since the navigation started. */
  start: number
  end: number
  /** The handler's own time in Node, when known. */
  handled?: number
}

interface PageClock {
  origin: number
  documentEnd: number
  resources: { file: string; start: number; end: number }[]
  marks: Record<string, number>
  calls: BridgeCall[]
}

/** The page's timeline, read after it was seen. */
export async function readClock(page: Page): Promise<PageClock> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    const marks: Record<string, number> = {}
    for (const m of performance.getEntriesByType('mark')) marks[m.name] ??= m.startTime
    return {
      origin: performance.timeOrigin,
      documentEnd: nav.responseEnd,
      resources: performance.getEntriesByType('resource').map((e) => ({
        file: e.name.slice(e.name.lastIndexOf('/') + 1),
        start: e.startTime,
        end: (e as PerformanceResourceTiming).responseEnd,
      })),
      marks,
      calls: (window as unknown as { __benchCalls: BridgeCall[] }).__benchCalls,
    }
  })
}

/** One load's steps, consecutive: together they make the figure Playwright measured. */
export type Steps = Record<string, number>

export const CHECKOUT_STEPS = {
  navigation: 'goto until the navigation starts',
  document: 'document fetched',
  toScripts: 'document to module scripts requested (HTML parse, init scripts)',
  scripts: 'static chunks fetched (entry, its modulepreloads, styles)',
  evaluate: 'static chunks compiled and evaluated until the entry runs',
  messagesFetch: 'language chunk: still loading after the entry ran',
  messagesEvaluate: 'language chunk evaluated, the import settled',
  mount: 'i18n created, app mounted (first render: Vue, ICU)',
  seen: 'amount field in the DOM until Playwright reported it',
} as const

export const BLANK_STEPS = {
  navigation: CHECKOUT_STEPS.navigation,
  document: 'document fetched and parsed (input in the DOM)',
  seen: 'input in the DOM until Playwright reported it',
} as const

/**
 * Splits one checkout load. `sentAt` is when goto was called and `seenAt` when Playwright reported
 * the field, both on Node's clock as epoch milliseconds (performance.timeOrigin + now()), as is
 * the page's origin, so the two clocks line up.
 */
export function checkoutSteps(clock: PageClock, sentAt: number, seenAt: number): Steps {
  const { marks, resources } = clock
  const main = marks[MARKS.main] ?? Number.NaN
  // The entry's chunks and styles, and the language's messages chunk (en-*.js or de-*.js).
  const language = resources.filter((r) => /^(en|de)-[\w-]+\.js$/.test(r.file))
  const statics = resources.filter((r) => /\.(js|css)$/.test(r.file) && !language.includes(r))
  const scriptsFrom = Math.min(...statics.map((r) => r.start))
  const scriptsTo = Math.max(...statics.map((r) => r.end))
  const messagesTo = Math.max(...language.map((r) => r.end), main)
  const seen = seenAt - clock.origin
  return {
    navigation: clock.origin - sentAt,
    document: clock.documentEnd,
    toScripts: scriptsFrom - clock.documentEnd,
    scripts: scriptsTo - scriptsFrom,
    evaluate: main - scriptsTo,
    messagesFetch: messagesTo - main,
    messagesEvaluate: (marks[MARKS.messages] ?? Number.NaN) - messagesTo,
    mount: (marks[MARKS.mounted] ?? Number.NaN) - (marks[MARKS.messages] ?? Number.NaN),
    seen: seen - (marks[MARKS.mounted] ?? Number.NaN),
  }
}

export function blankSteps(clock: PageClock, sentAt: number, seenAt: number): Steps {
  const inDom = clock.marks[SEEN] ?? clock.documentEnd
  return {
    navigation: clock.origin - sentAt,
    document: inDom,
    seen: seenAt - clock.origin - inDom,
  }
}

/** Bridge calls the checkout made before Playwright reported the field. */
export function callsBefore(clock: PageClock, sentAt: number, seenAt: number): BridgeCall[] {
  const seen = seenAt - clock.origin
  return clock.calls.filter((c) => c.start < seen)
}

/** Medians of each step over the runs, as metrics named `${prefix}: ${label}`. */
export function stepMetrics(prefix: string, labels: Record<string, string>, runs: Steps[]) {
  return Object.entries(labels).map(([key, label]): Metric => ({
    name: `${prefix}: ${label}`,
    value: round(median(runs.map((r) => r[key] ?? Number.NaN)), 1),
    unit: 'ms',
  }))
}

/** Pairs each page-side call with its handler's time in Node (same name, same order). */
export function withHandlerTimes(calls: BridgeCall[], handled: [string, number][]): BridgeCall[] {
  const queues = new Map<string, number[]>()
  for (const [name, ms] of handled) queues.set(name, [...(queues.get(name) ?? []), ms])
  return [...calls]
    .sort((a, b) => a.end - b.end)
    .map((c) => {
      const ms = queues.get(c.name)?.shift()
      return ms === undefined ? c : { ...c, handled: ms }
    })
}
