import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import Ajv from 'ajv'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util'
import { load } from 'js-yaml'
import { minimatch } from 'minimatch'
import { describe, expect, it } from 'vitest'

// The release configuration is security-relevant (fuses) and only checked for real when someone
// runs `npm run dist` with internet. These tests make a careless edit fail CI instead.
const root = resolve(import.meta.dirname, '../../..')
const schema = JSON.parse(
  readFileSync(resolve(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
) as object
type Config = Record<string, unknown> & {
  files: string[]
  electronFuses: Record<string, boolean>
  nsis: Record<string, unknown>
  mac: Record<string, unknown> & { target: { target: string }[] }
  win: { target: { target: string }[] }
  linux: { target: { target: string }[] }
}
const readConfig = (): Config =>
  load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Config

// Same options electron-builder itself compiles scheme.json with (schemaValidator.js).
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)

describe('electron-builder.yml', () => {
  it('matches the JSON schema that app-builder-lib ships', () => {
    const ok = validate(readConfig())
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  it('is rejected by the same schema when an option is misspelt or mistyped', () => {
    expect(validate({ ...readConfig(), electronFuse: {} })).toBe(false)
    const config = readConfig()
    expect(
      validate({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }),
    ).toBe(false)
    expect(validate({ ...config, asar: 'yes please' })).toBe(false)
  })

  it('names the app and packs it into an asar archive', () => {
    const config = readConfig()
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      productName: string
    }
    expect(config).toMatchObject({
      appId: 'com.poscompanion.app',
      productName: pkg.productName,
      asar: true,
      icon: 'resources/icon.png',
      directories: { buildResources: 'build', output: 'dist' },
    })
  })

  it('sets every hardening fuse of the release build', () => {
    expect(readConfig().electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('builds NSIS with a per-machine choice, a hardened dmg, AppImage and deb', () => {
    const config = readConfig()
    const targets = (list: { target: string }[]) => list.map((t) => t.target).sort()
    expect(targets(config.win.target)).toEqual(['nsis'])
    expect(config.nsis).toMatchObject({ oneClick: false, allowElevation: true })
    expect(config.nsis['perMachine']).not.toBe(undefined)
    expect(targets(config.mac.target)).toEqual(['dmg'])
    expect(config.mac).toMatchObject({ hardenedRuntime: true })
    expect(targets(config.linux.target)).toEqual(['AppImage', 'deb'])
  })

  it('points macOS at an entitlements file that exists and allows only JIT', () => {
    const mac = readConfig().mac
    const plist = readFileSync(resolve(root, String(mac['entitlements'])), 'utf8')
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])
    expect(keys).toEqual(['com.apple.security.cs.allow-jit'])
    expect(mac['entitlementsInherit']).toBe(mac['entitlements'])
  })

  it('packs the build output and run-time resources, and nothing from sources or tests', () => {
    const patterns = readConfig().files
    // electron-builder's rule: a path is packed when the last pattern that matches it is positive.
    const packed = (path: string): boolean => {
      let included = false
      for (const pattern of patterns) {
        const negated = pattern.startsWith('!')
        if (minimatch(path, negated ? pattern.slice(1) : pattern, { dot: true })) {
          included = !negated
        }
      }
      return included
    }
    // What electron-vite writes (electron.vite.config.ts) and what src/main/index.ts loads.
    for (const needed of [
      'package.json',
      'out/main/index.js',
      'out/main/chunks/payments-CboCCObo.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-6wc4l9V1.js',
      'out/renderer/assets/index-BMhwwmxm.css',
      'resources/icon.png',
    ]) {
      expect(packed(needed), needed).toBe(true)
    }
    for (const unwanted of [
      'src/main/index.ts',
      'test/main/app/builder-config.test.ts',
      'electron-builder.yml',
      'out/main/index.js.map',
      'out/main/headless.js',
      'tsconfig.json',
      '.env',
      'README.md',
    ]) {
      expect(packed(unwanted), unwanted).toBe(false)
    }
  })
})

describe('electron-builder loading our configs', () => {
  // electron-builder's own loader: resolves `extends`, then validates against scheme.json.
  const loadAndValidate = async (path: string | null) => {
    const config = await getConfig(root, path, null)
    await validateConfiguration(config, new DebugLogger(false))
    return config as unknown as Config & { directories: object; extends?: unknown }
  }

  it('accepts the release config', async () => {
    const release = await loadAndValidate(null)
    expect(release.electronFuses['enableNodeCliInspectArguments']).toBe(false)
  })

  it('builds the Playwright e2e app with only the inspect fuse on, under its own name and folder', async () => {
    const release = await loadAndValidate(null)
    const e2e = await loadAndValidate('build/electron-builder.e2e.yml')
    expect(e2e.electronFuses).toEqual({
      ...release.electronFuses,
      enableNodeCliInspectArguments: true,
    })
    expect(e2e).toMatchObject({
      appId: 'com.poscompanion.app.e2e',
      productName: 'POS Companion E2E',
      directories: { output: 'dist/e2e', buildResources: 'build' },
    })
    const {
      electronFuses: _f,
      appId: _a,
      productName: _p,
      directories: _d,
      extends: _e,
      ...rest
    } = e2e
    const {
      electronFuses: _rf,
      appId: _ra,
      productName: _rp,
      directories: _rd,
      ...releaseRest
    } = release
    expect(rest).toEqual(releaseRest)
  })
})
