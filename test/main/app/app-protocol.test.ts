import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { protocol, resetElectronMock } from '../../mocks/electron'
import {
  APP_ORIGIN,
  APP_SCHEME,
  createAppRequestHandler,
  registerAppScheme,
  serveApp,
} from '../../../src/main/app/app-protocol'
import { CONTENT_SECURITY_POLICY } from '../../../src/main/app/csp'

let root: string
let outside: string
beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'pos-app-protocol-'))
  root = join(base, 'renderer')
  outside = base
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html><p>app</p>')
  await writeFile(join(root, 'assets', 'index-1.js'), 'console.log(1)')
  await writeFile(join(root, 'assets', 'index-1.css'), 'p{}')
  await writeFile(join(root, 'assets', 'font.woff2'), 'w')
  await writeFile(join(root, 'assets', 'logo.svg'), '<svg/>')
  await writeFile(join(base, 'secret.txt'), 'not for the renderer')
  await writeFile(join(base, 'renderer-evil.html'), 'sibling folder with a shared prefix')
})
afterAll(() => rm(outside, { recursive: true, force: true }))

const get = (path: string, init?: RequestInit) =>
  createAppRequestHandler(root)(new Request(`${APP_ORIGIN}${path}`, init))

describe('the app:// scheme', () => {
  beforeEach(() => resetElectronMock())

  it('is registered as a standard, secure scheme before ready, and served from one folder', () => {
    registerAppScheme(protocol as never)
    expect(protocol.privileged).toEqual([
      {
        scheme: APP_SCHEME,
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
      },
    ])
    serveApp(protocol as never, root)
    expect([...protocol.handlers.keys()]).toEqual([APP_SCHEME])
  })

  it.each([
    ['/', 'text/html; charset=utf-8', '<!doctype html><p>app</p>'],
    ['/index.html', 'text/html; charset=utf-8', '<!doctype html><p>app</p>'],
    ['/assets/index-1.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['/assets/index-1.css', 'text/css; charset=utf-8', 'p{}'],
    ['/assets/font.woff2', 'font/woff2', 'w'],
    ['/assets/logo.svg', 'image/svg+xml', '<svg/>'],
  ])('serves %s as %s under the app CSP', async (path, type, body) => {
    const response = await get(path)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(type)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toBe(body)
  })

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%5csecret.txt',
    '/../renderer-evil.html',
    '/assets/..%2f..%2frenderer-evil.html',
    '/%00index.html',
  ])('refuses %s, which leaves the renderer folder', async (path) => {
    const response = await get(path)
    expect([400, 403, 404]).toContain(response.status)
    expect(await response.text()).not.toMatch(/not for the renderer|shared prefix/)
  })

  it('answers 404 for a missing file, 405 for anything but GET, and nothing for other hosts', async () => {
    expect((await get('/nope.js')).status).toBe(404)
    expect((await get('/index.html', { method: 'POST', body: 'x' })).status).toBe(405)
    const handler = createAppRequestHandler(root)
    expect((await handler(new Request('app://elsewhere/index.html'))).status).toBe(404)
  })
})
