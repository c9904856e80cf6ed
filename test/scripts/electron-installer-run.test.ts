import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { describeFailure } from '../../scripts/electron-install-failure.mjs'
import {
  ensureElectron,
  installedElectronBinary,
  realDeps,
} from '../../scripts/ensure-electron.mjs'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A stand-in electron package whose install.js is the given script. */
function fakeElectronPackage(installJs: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pos-fake-electron-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }))
  writeFileSync(join(dir, 'install.js'), installJs)
  return dir
}

/** Leaves a half install behind, then fails the way Electron's installer does offline. */
const FAILING_INSTALLER = `
const fs = require('fs')
fs.mkdirSync(__dirname + '/dist', { recursive: true })
fs.writeFileSync(__dirname + '/dist/half-extracted.bin', 'x'.repeat(1000))
fs.writeFileSync(__dirname + '/path.txt', 'electron')
fetch('http://pos-companion-download.invalid/electron.zip').then(
  () => process.exit(0),
  (err) => { console.error(err.stack); process.exit(1) },
)
`

const SUCCEEDING_INSTALLER = `
const fs = require('fs')
fs.mkdirSync(__dirname + '/dist', { recursive: true })
fs.writeFileSync(__dirname + '/dist/electron', 'binary')
fs.writeFileSync(__dirname + '/dist/version', 'v45.4.1')
fs.writeFileSync(__dirname + '/path.txt', 'electron')
`

describe("Electron's installer run for real (a stand-in package)", () => {
  it('reports the hidden network cause and leaves nothing that looks installed', async () => {
    const dir = fakeElectronPackage(FAILING_INSTALLER)
    const logged: string[] = []
    const deps = realDeps({ electronDir: dir, log: (l) => logged.push(l) })
    try {
      const outcome = await ensureElectron(deps)
      expect(outcome.ok).toBe(false)
      if (outcome.ok) return
      expect(outcome.line).toMatch(
        /^Could not download Electron 45\.4\.1: pos-companion-download\.invalid could not be found \((ENOTFOUND|EAI_AGAIN)\)\. Check the internet connection or set ELECTRON_MIRROR\.$/,
      )
      expect(outcome.line).not.toContain('\n')
      expect(existsSync(join(dir, 'path.txt'))).toBe(false)
      expect(existsSync(join(dir, 'dist'))).toBe(false)
      expect(logged).toEqual(['Downloading Electron 45.4.1 (about 100 MB, once per machine)...'])
    } finally {
      deps.dispose()
    }
  })

  it('accepts what a successful installer leaves, and does not run it again', async () => {
    const dir = fakeElectronPackage(SUCCEEDING_INSTALLER)
    const deps = realDeps({ electronDir: dir, log: () => undefined })
    try {
      await expect(ensureElectron(deps)).resolves.toEqual({ ok: true, downloaded: true })
      expect(installedElectronBinary(dir)).toBe(join(dir, 'dist', 'electron'))
      writeFileSync(join(dir, 'install.js'), 'process.exit(9)')
      await expect(ensureElectron(deps)).resolves.toEqual({ ok: true, downloaded: false })
    } finally {
      deps.dispose()
    }
  })

  it('does not count a binary of another version as installed', () => {
    const dir = fakeElectronPackage('')
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'dist', 'electron'), 'binary')
    writeFileSync(join(dir, 'dist', 'version'), 'v44.0.0')
    writeFileSync(join(dir, 'path.txt'), 'electron')
    expect(installedElectronBinary(dir)).toBeUndefined()
  })
})

describe('the one line for other failures', () => {
  const run = { version: '45.4.1', seconds: 0, code: 1, signal: null }
  it('passes on what the server answered', () => {
    const stderr =
      'HTTPError: Response code 404 (Not Found) for https://mirror.example/v45.4.1/electron.zip\n' +
      '    at FetchDownloader.download (file:///x/FetchDownloader.js:48:23)\n'
    expect(describeFailure({ ...run, stderr })).toBe(
      'Could not download Electron 45.4.1: Response code 404 (Not Found) for ' +
        'https://mirror.example/v45.4.1/electron.zip. Check the internet connection or set ELECTRON_MIRROR.',
    )
  })

  it('says install, not download, when the disk is the problem', () => {
    const stderr = 'Error: ENOSPC: no space left on device, write\n    at async x (y.js:1:1)\n'
    expect(describeFailure({ ...run, stderr })).toBe(
      'Could not install Electron 45.4.1: ENOSPC: no space left on device, write. ' +
        'Check that there is free disk space and that node_modules/electron is writable.',
    )
  })

  it('names a refused connection and an untrusted certificate', () => {
    const mark = (failure: object) =>
      `[pos-companion:fetch-failed] ${JSON.stringify(failure)}\nTypeError: fetch failed\n`
    const refused = mark({ url: 'https://proxy.shop:8080/x', code: 'ECONNREFUSED', message: 'x' })
    expect(describeFailure({ ...run, stderr: refused })).toContain(
      ': proxy.shop:8080 refused the connection (ECONNREFUSED). ',
    )
    const cert = mark({ url: 'https://github.com/x', code: 'SELF_SIGNED_CERT_IN_CHAIN' })
    expect(describeFailure({ ...run, stderr: cert })).toContain(
      ': the certificate of github.com is not trusted (SELF_SIGNED_CERT_IN_CHAIN). ',
    )
  })
})

describe('npm install stays download-free', () => {
  const ours = JSON.parse(readFileSync('package.json', 'utf8')) as {
    scripts: Record<string, string>
  }
  const electron = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as {
    scripts?: Record<string, string>
  }
  it('has no install hooks here or in electron; only npm start installs the binary', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
      expect(ours.scripts[hook], hook).toBeUndefined()
      expect(electron.scripts?.[hook], `electron ${hook}`).toBeUndefined()
    }
    expect(ours.scripts['start']).toMatch(
      /^node scripts\/ensure-electron\.mjs && electron-vite dev/,
    )
  })
})
