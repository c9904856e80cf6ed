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
 * backtracking search quadratic, up to the fetch limit.
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
    let worstPreview = 0
    let worstPrint = 0
    for (const [name, html] of Object.entries(WORST)) {
      const preview = time(() =>
        buildPrintDocument(sanitiseReceiptHtml(html), { paperWidthMm: 80 }),
      )
      const print = time(() => buildPrintDocument(html, { paperWidthMm: 80 }))
      worstPreview = Math.max(worstPreview, ...preview)
      worstPrint = Math.max(worstPrint, ...print)
      metrics.push({ name: `preview, ${name}`, value: round(median(preview)), unit: 'ms' })
      metrics.push({ name: `print, ${name}`, value: round(median(print)), unit: 'ms' })
    }
    metrics.push({
      name: 'slowest preview run',
      value: round(worstPreview),
      unit: 'ms',
      target: TARGET,
    })
    metrics.push({
      name: 'slowest print run',
      value: round(worstPrint),
      unit: 'ms',
      target: TARGET,
    })
    return {
      id: 'B6',
      measures: this.measures,
      metrics,
      notes: [`${RUNS} runs per input after one warm-up; medians per input, then the slowest run.`],
    }
  },
}
