import { afterEach } from 'vitest'
import { TillHttpServer, type TillHttpOptions } from '../../../src/main/till/http/server'
import { TillSession, type TillCaller } from '../../../src/main/till/session'
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
  session: TillSession
  server: TillHttpServer
  base: string
  /** fetch relative to the base URL with a token (default CAFE). */
  call(
    path: string,
    init?: RequestInit & { token?: string | null; key?: string; json?: unknown },
  ): Promise<Response>
}

const open: FakeLink[] = []
afterEach(async () => {
  for (const link of open.splice(0)) {
    await link.server.close()
    link.session.dispose()
  }
})

export async function startFakeLink(options: Partial<TillHttpOptions> = {}): Promise<FakeLink> {
  const engine = new FakeEngine()
  const receipts = new FakeReceipts()
  const session = new TillSession({ engine, directory: new FakeDirectory(), receipts })
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
    session,
    server,
    base,
    call(path, init = {}) {
      const { token = CAFE, key, json, ...rest } = init
      const headers = new Headers(rest.headers)
      if (token) headers.set('Authorization', `Bearer ${token}`)
      if (key !== undefined) headers.set('Idempotency-Key', key)
      if (json !== undefined) headers.set('Content-Type', 'application/json')
      return fetch(`${base}${path}`, {
        ...rest,
        headers,
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      })
    },
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
