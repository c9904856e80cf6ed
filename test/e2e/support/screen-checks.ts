/**
 * Checks every screen of the sweep runs in each language and width: no sideways scrolling, no
 * critical or serious axe-core finding, and (in German) no text from the English message file.
 *
 * "English text" means a piece of an English message that differs from its German one and that
 * no German message contains (so "Terminal" or "Status" never count), found as whole words in
 * what the page shows or announces: text, aria-label, title, placeholder, alt and option labels.
 * Data is not language: elements marked `translate="no"` (names people typed, Handpoint's own
 * words) and elements with a `lang` of their own (language names) are left out.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import axe from 'axe-core'
import type { Page } from 'playwright-core'
import de from '../../../src/renderer/src/i18n/de'
import en from '../../../src/renderer/src/i18n/en'

export type Language = 'en' | 'de'

interface Leaf {
  key: string
  english: string
}

function leaves(a: unknown, b: unknown, path: string[] = []): Leaf[] {
  if (typeof a === 'string') {
    return typeof b === 'string' && a !== b ? [{ key: path.join('.'), english: a }] : []
  }
  if (!a || typeof a !== 'object') return []
  return Object.entries(a).flatMap(([k, v]) =>
    leaves(v, (b as Record<string, unknown> | undefined)?.[k], [...path, k]),
  )
}

function allStrings(tree: unknown): string[] {
  if (typeof tree === 'string') return [tree]
  if (!tree || typeof tree !== 'object') return []
  return Object.values(tree).flatMap(allStrings)
}

/** The literal pieces of a message around its {placeholders} and plural bars. */
const piecesOf = (message: string): string[] =>
  message
    .split(/\s\|\s/)
    .flatMap((form) => form.split(/\{\w+\}/))
    .map((piece) => piece.trim().replace(/^[\s.,:;·()–-]+|[\s,:;·(–-]+$/g, ''))
    .filter((piece) => (piece.match(/\p{L}/gu) ?? []).length >= 3)

export interface EnglishPiece {
  key: string
  piece: string
  pattern: RegExp
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Every piece of English that must not show on a German screen. */
export function englishPieces(): EnglishPiece[] {
  const german = allStrings(de).join('\n')
  const seen = new Set<string>()
  const out: EnglishPiece[] = []
  for (const { key, english } of leaves(en, de)) {
    for (const piece of piecesOf(english)) {
      if (seen.has(piece) || german.includes(piece)) continue
      seen.add(piece)
      out.push({
        key,
        piece,
        pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escape(piece)}(?![\\p{L}])`, 'u'),
      })
    }
  }
  return out
}

/** What the page shows or announces, as separate strings (see the module comment). */
export function shownTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pageLang = document.documentElement.lang
    const skip = (el: Element | null): boolean => {
      if (!el) return true
      if (el.closest('[translate="no"], [aria-hidden="true"], script, style, template')) return true
      const own = el.closest('[lang]')
      if (own && own !== document.documentElement && own.getAttribute('lang') !== pageLang)
        return true
      if (el.closest('option, select')) return false // option labels count even while closed
      return !((el as HTMLElement).checkVisibility?.({ visibilityProperty: true }) ?? true)
    }
    const out: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.replace(/\s+/g, ' ').trim()
      if (text && !skip(node.parentElement)) out.push(text)
    }
    for (const el of document.body.querySelectorAll(
      '[aria-label], [title], [placeholder], [alt]',
    )) {
      if (skip(el) && !el.closest('option, select')) continue
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = el.getAttribute(name)?.trim()
        if (value) out.push(value)
      }
    }
    return out
  })
}

/** English words that German never uses: two of them in one string read as an English sentence. */
const ENGLISH_WORDS = new Set(
  'the and with this that is are not of to for your has have be been from by it or was were'.split(
    ' ',
  ),
)
/** German words spelt like an English function word, never counted. */
const GERMAN_HOMOGRAPHS = new Set(['was'])

export function englishIn(texts: string[], pieces: EnglishPiece[]): string[] {
  const found = new Set<string>()
  for (const text of texts) {
    for (const { key, piece, pattern } of pieces) {
      if (pattern.test(text)) found.add(`"${piece}" (${key}) in "${text.slice(0, 120)}"`)
    }
    const words = new Set(
      text
        .toLowerCase()
        .split(/[^\p{L}]+/u)
        .filter((w) => ENGLISH_WORDS.has(w) && !GERMAN_HOMOGRAPHS.has(w)),
    )
    if (words.size >= 2)
      found.add(`reads as English (${[...words].join(', ')}): "${text.slice(0, 120)}"`)
  }
  return [...found]
}

export interface AxeFinding {
  rule: string
  impact: string
  targets: string[]
  summary: string
}

/**
 * Critical and serious axe-core findings on the page as it is now. axe-core's own source is
 * evaluated in the page (DevTools evaluation is not bound by the app's CSP) and run on the
 * app's document only: a receipt preview is a sandboxed frame without scripts, Handpoint's own
 * HTML, which axe could not enter (the frame element itself, its title, is still checked).
 */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source)
  const violations = await page.evaluate(async () => {
    const { axe: inPage } = window as unknown as { axe: typeof axe }
    const results = await inPage.run(document, { iframes: false, resultTypes: ['violations'] })
    return results.violations
  })
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      targets: v.nodes.map((n) => n.target.join(' ')),
      summary: v.nodes[0]?.failureSummary?.split('\n').slice(0, 2).join(' ') ?? v.help,
    }))
}

/** How far the page scrolls sideways (0 when everything fits). */
export const sidewaysOverflow = (page: Page): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

export async function screenshot(page: Page, dir: string, name: string): Promise<string> {
  await mkdir(dir, { recursive: true })
  const path = join(dir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}
