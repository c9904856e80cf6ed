import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { connect } from 'node:tls'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { NoticeBoard } from '../../../src/main/notices/notices'
import { TillLinkService } from '../../../src/main/till/link'
import { TillSession } from '../../../src/main/till/session'
import { tempDataDir } from '../payments/support'
import { FakeDirectory, FakeEngine, FakeReceipts } from './fakes'

const open: TillLinkService[] = []
let merchants = new FakeDirectory().merchants()
let notices = new NoticeBoard()
afterEach(async () => {
  for (const link of open.splice(0)) await link.dispose()
  merchants = new FakeDirectory().merchants()
  notices = new NoticeBoard()
})

async function openLink(
  dataDir = tempDataDir('till-'),
): Promise<{ link: TillLinkService; dataDir: string }> {
  const session = new TillSession({
    engine: new FakeEngine(),
    directory: new FakeDirectory(),
    receipts: new FakeReceipts(),
  })
  const link = await TillLinkService.open({
    dataDir,
    version: '1.2.3',
    session,
    merchants: () => merchants,
    notices,
  })
  open.push(link)
  return { link, dataDir }
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as { port: number }).port
  await new Promise((r) => server.close(r))
  return port
}

const terminals = (url: string, token: string) =>
  fetch(`${url}/terminals`, { headers: { Authorization: `Bearer ${token}` } })

describe('till link settings and tokens', () => {
  it('is off until switched on, then listens on loopback at the chosen port', async () => {
    const { link } = await openLink()
    expect(link.view()).toMatchObject({ enabled: false, running: false, lan: false, tokens: [] })
    const port = await freePort()
    const view = await link.update({ enabled: true, port })
    expect(view).toMatchObject({
      enabled: true,
      running: true,
      port,
      url: `http://127.0.0.1:${port}/v1`,
    })
    expect((await fetch(`${view.url}/health`)).status).toBe(200)
    const off = await link.update({ enabled: false })
    expect(off.running).toBe(false)
    await expect(fetch(`${view.url}/health`)).rejects.toThrow()
  })

  it('says so when the port is taken, and runs once another is chosen', async () => {
    const { link } = await openLink()
    const blocker = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()))
    const taken = (blocker.address() as { port: number }).port
    try {
      const view = await link.update({ enabled: true, port: taken })
      expect(view.running).toBe(false)
      expect(view.problem).toEqual({ code: 'till_link_port_in_use', params: { port: taken } })
      const moved = await link.update({ port: await freePort() })
      expect(moved.running).toBe(true)
      expect(moved.problem).toBeUndefined()
    } finally {
      await new Promise((r) => blocker.close(r))
    }
  })

  it('shows a token once, stores only its hash (0600), and revoking refuses it at once', async () => {
    const { link, dataDir } = await openLink()
    const { url } = await link.update({ enabled: true, port: await freePort() })
    const { token, link: view } = await link.createToken('Front till', 'm-cafe')
    expect(token).toMatch(/^ptl_[A-Za-z0-9_-]{43}$/)
    expect(view.tokens).toEqual([
      {
        id: expect.any(String),
        name: 'Front till',
        merchantId: 'm-cafe',
        merchantName: 'Demo Cafe',
        createdAt: expect.any(Number),
      },
    ])
    const file = join(dataDir, 'till-link.json')
    const text = readFileSync(file, 'utf8')
    expect(text).not.toContain(token)
    expect(text).not.toContain(token.slice(4))
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect((await terminals(url!, token)).status).toBe(200)
    expect(link.view().tokens[0]!.lastUsedAt).toBeTypeOf('number')
    const stream = await fetch(`${url}/events`, { headers: { Authorization: `Bearer ${token}` } })
    const reading = stream.text()
    await link.revokeToken(view.tokens[0]!.id)
    await reading // the open stream ended with the revocation
    expect((await terminals(url!, token)).status).toBe(401)
    // A token of a merchant that was removed from this checkout opens nothing either.
    const { token: shopToken } = await link.createToken('Shop till', 'm-shop')
    expect((await terminals(url!, shopToken)).status).toBe(200)
    merchants = merchants.filter((m) => m.id !== 'm-shop')
    expect((await terminals(url!, shopToken)).status).toBe(401)
    await expect(link.revokeToken(view.tokens[0]!.id)).rejects.toMatchObject({
      code: 'till_link_unknown_token',
    })
    await expect(link.createToken('x', 'no-such-merchant')).rejects.toMatchObject({
      code: 'till_link_unknown_merchant',
    })
  })

  it('keeps tokens and their last use across a restart', async () => {
    const { link, dataDir } = await openLink()
    const port = await freePort()
    await link.update({ enabled: true, port })
    const { token } = await link.createToken('Bar', 'm-cafe')
    await terminals(`http://127.0.0.1:${port}/v1`, token)
    await link.dispose()
    open.splice(open.indexOf(link), 1)
    const { link: again } = await openLink(dataDir)
    expect(again.view()).toMatchObject({ enabled: true, running: true, port })
    expect(again.view().tokens[0]!.lastUsedAt).toBeTypeOf('number')
    expect((await terminals(again.url!, token)).status).toBe(200)
  })

  it('moves an unusable settings file aside and starts from the defaults', async () => {
    const dataDir = tempDataDir('till-')
    writeFileSync(join(dataDir, 'till-link.json'), '{"version": 1, "tokens": "oops"')
    const { link } = await openLink(dataDir)
    expect(link.view()).toMatchObject({ enabled: false, tokens: [] })
    expect(notices.list().map((n) => n.code)).toEqual(['till_link_file_damaged'])
  })

  it('LAN mode: HTTPS only, with a certificate made once whose SHA-256 fingerprint it shows', async () => {
    const { link, dataDir } = await openLink()
    const port = await freePort()
    const view = await link.update({ enabled: true, port, lan: true })
    expect(view).toMatchObject({ running: true, lan: true, url: `https://127.0.0.1:${port}/v1` })
    expect(view.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    const presented = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
        resolve(socket.getPeerCertificate().fingerprint256)
        socket.end()
      })
      socket.on('error', reject)
    })
    expect(presented).toBe(view.fingerprint)
    expect(statSync(join(dataDir, 'till-link-key.pem')).mode & 0o777).toBe(0o600)
    // Plain HTTP is not served in LAN mode.
    await expect(fetch(`http://127.0.0.1:${port}/v1/health`)).rejects.toThrow()
    // The same certificate after a restart: tills keep their pin.
    await link.update({ lan: false })
    const back = await link.update({ lan: true })
    expect(back.fingerprint).toBe(view.fingerprint)
  })
})
