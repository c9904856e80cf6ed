import { afterEach } from 'vitest'
import { TillHttpServer, type TillHttpOptions } from '../../../src/main/till/http/server'
import type { TillClock } from '../../../src/main/till/ports'
import { TillSession, type TillCaller } from '../../../src/main/till/session'
import { FakeDay } from './fake-day'
import { FakeDirectory, FakeEngine, FakeReceipts } from './fakes'

export const TOKENS: Record<string, TillCaller> = {
  'tok-cafe-till-1-xxxxxxxxxxxx': {
    tillId: 'till-1',
    tillName: 'Front till',
    merchantId: 'm-cafe',
  },
  'tok-cafe-till-2-xxxxxxxxxxxx': { tillId: 'till-2', tillName: 'Bar till', merchantId: 'm-cafe' },
  'tok-shop-till-3-xxxxxxxxxxxx': { tillId: 'till-3', tillName: 'Shop till', merchantId: 'm-shop' },
}
export const CAFE = 'tok-cafe-till-1-xxxxxxxxxxxx'
export const CAFE_2 = 'tok-cafe-till-2-xxxxxxxxxxxx'
export const SHOP = 'tok-shop-till-3-xxxxxxxxxxxx'

export interface FakeLink {
  engine: FakeEngine
  receipts: FakeReceipts
  day: FakeDay
  session: TillSession
  server: TillHttpServer
  base: string
  /** fetch relative to the base URL with a token (default CAFE). */
  call: TillCall
}

export type TillCallInit = RequestInit & { token?: string | null; key?: string; json?: unknown }
export type TillCall = (path: string, init?: TillCallInit) => Promise<ApiResponse>

/**
 * fetch relative to a till link's base URL, as a till calls it: a bearer token (the given default
 * unless `token` says otherwise; null sends none), an Idempotency-Key and a JSON body when given.
 */
export function tillCall(base: string, defaultToken: string): TillCall {
  return (path, init = {}) => {
    const { token = defaultToken, key, json, ...rest } = init
    const headers = new Headers(rest.headers)
    if (token) headers.set('Authorization', `Bearer ${token}`)
    if (key !== undefined) headers.set('Idempotency-Key', key)
    if (json !== undefined) headers.set('Content-Type', 'application/json')
    return fetch(`${base}${path}`, {
      ...rest,
      headers,
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    })
  }
}

/** A fetch Response whose JSON the tests read freely (the assertions check its shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiResponse = Omit<Response, 'json'> & { json(): Promise<any> }

const open: FakeLink[] = []
afterEach(async () => {
  for (const link of open.splice(0)) {
    await link.server.close()
    link.session.dispose()
  }
})

/** Time that moves only when the test says so. */
export class ManualClock implements TillClock {
  private current = 1_800_000_000_000
  private timers: { at: number; fn: () => void }[] = []
  now(): number {
    return this.current
  }
  setTimeout(fn: () => void, ms: number): { cancel(): void } {
    const timer = { at: this.current + ms, fn }
    this.timers.push(timer)
    return { cancel: () => (this.timers = this.timers.filter((t) => t !== timer)) }
  }
  advance(ms: number): void {
    this.current += ms
    const due = this.timers.filter((t) => t.at <= this.current)
    this.timers = this.timers.filter((t) => t.at > this.current)
    for (const t of due) t.fn()
  }
}

/** Resolves once `condition` holds, checking between turns of the event loop (no sleeps). */
export async function until(condition: () => boolean, turns = 5000): Promise<void> {
  for (let i = 0; i < turns; i += 1) {
    if (condition()) return
    await new Promise((r) => setImmediate(r))
  }
  throw new Error('The condition never held.')
}

export async function startFakeLink(options: Partial<TillHttpOptions> = {}): Promise<FakeLink> {
  const engine = new FakeEngine()
  const receipts = new FakeReceipts()
  const day = new FakeDay()
  const session = new TillSession({
    engine,
    directory: new FakeDirectory(),
    receipts,
    day,
    ...(options.clock ? { clock: options.clock } : {}),
  })
  const server = new TillHttpServer({
    session,
    authenticate: (token) => TOKENS[token],
    version: '9.9.9',
    ...options,
  })
  const base = await server.listen('127.0.0.1', 0)
  const link: FakeLink = {
    engine,
    receipts,
    day,
    session,
    server,
    base,
    call: tillCall(base, CAFE),
  }
  open.push(link)
  return link
}

export const sale = (extra: Record<string, unknown> = {}) => ({
  operation: 'sale',
  amount: 1234,
  currency: 'EUR',
  terminal: '0821032398',
  ...extra,
})
