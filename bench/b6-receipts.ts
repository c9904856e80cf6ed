import { buildPrintDocument } from '../src/main/receipts/print-document'
import { sanitiseReceiptHtml } from '../src/main/receipts/sanitise'
import { median, round, since } from './stats'
import type { Benchmark, Metric } from './types'

/** The fetch limit: the largest receipt the app ever keeps. */
const SIZE = 512 * 1024
const RUNS = 5
const TARGET = '< 250 ms'

const fill = (unit: string, size = SIZE): string => unit.repeat(Math.floor(size / unit.length))

/**
 * Receipts built to be slow: each repeats one pattern that made a hand-written sanitiser or a
 * backtracking search quadratic, up to the fetch limit (most of them are then past the
 * sanitiser's token or depth limit, and cost only the scan), plus the largest inputs it does parse.
 */
const WORST: Record<string, string> = {
  "'<a' repeated": fill('<a'),
  'nested <div>': fill('<div>'),
  'nested <div> then stray </x>': fill('<div>', SIZE / 2) + fill('</x>', SIZE / 2),
  '256 nested <div> then stray </x>': '<div>'.repeat(256) + fill('</x>', SIZE - 1280),
  'nested <table><tr><td>': fill('<table><tr><td>'),
  'misnested <b><i></b></i>': fill('<b><i></b></i>'),
  "'<' repeated": fill('<'),
  '&#x110000; repeated': fill('&#x110000;'),
  '</st</styleyle> repeated': fill('</st</styleyle>'),
  'text and <style> pairs': fill('receipt <style>.a{color:red}</style>'),
  'CSS escapes in one <style>': `<style>${fill('.a{b:\\75 rl(x)}@\\69 mport "x";')}</style>`,
  'one tag, many attributes': `<div ${fill('a="b" ')}>`,
  'style attributes': fill('<div style="color:red;background:url(x)">x</div>'),
  "'<head' repeated": fill('<head'),
  "'<head>' repeated": fill('<head>'),
  '<style> repeated in the head': `<head>${fill('<style>')}</head>`,
  '<!-- repeated': fill('<!--'),
  // The most the sanitiser parses: just under the token, depth and stylesheet limits.
  'at the limits: misnested tags': '<b><i></b></i>'.repeat(4_990),
  'at the limits: style attributes': '<div style="color:red;width:1px">x</div>'.repeat(4_900),
  'at the limits: 255 deep, stray </x>': '<div>'.repeat(255) + '</x>'.repeat(19_500),
  "at the limits: '<' text": '<'.repeat(19_990),
  'at the limits: 64 KiB stylesheet': `<style>${fill('.a{b:\\75 rl(x)}@\\69 mport "x";', 64 * 1024 - 16)}</style>`,
}

function time(fn: () => void): number[] {
  fn() // warm-up: the first call compiles
  const runs: number[] = []
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now()
    fn()
    runs.push(since(start))
  }
  return runs
}

export const b6: Benchmark = {
  id: 'B6',
  measures:
    'receipt preview (sanitise + print document) and print document of 512 KiB hostile receipts, on the main thread',
  async run() {
    const metrics: Metric[] = []
    const slowest = { preview: { ms: 0, name: '' }, print: { ms: 0, name: '' } }
    for (const [name, html] of Object.entries(WORST)) {
      const runs = {
        preview: time(() => buildPrintDocument(sanitiseReceiptHtml(html), { paperWidthMm: 80 })),
        print: time(() => buildPrintDocument(html, { paperWidthMm: 80 })),
      }
      for (const kind of ['preview', 'print'] as const) {
        const ms = median(runs[kind])
        metrics.push({ name: `${kind}, ${name}`, value: round(ms), unit: 'ms' })
        if (ms > slowest[kind].ms) slowest[kind] = { ms, name }
      }
    }
    for (const kind of ['preview', 'print'] as const) {
      metrics.push({
        name: `slowest ${kind} (median of its runs)`,
        value: round(slowest[kind].ms),
        unit: 'ms',
        target: TARGET,
      })
    }
    return {
      id: 'B6',
      measures: this.measures,
      metrics,
      notes: [
        `${RUNS} runs per input after one warm-up; medians per input.`,
        `slowest preview: ${slowest.preview.name}; slowest print: ${slowest.print.name}.`,
      ],
    }
  },
}
