import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  ensureElectron,
  FIRST_BYTE_MS,
  STALL_MS,
  type EnsureDeps,
  type InstallerExit,
} from '../../scripts/ensure-electron.mjs'
import { FETCH_FAILURE_MARK } from '../../scripts/electron-install-failure.mjs'

/** A fake installer under the test's control, plus a record of what ensureElectron did. */
function fakeInstaller(options: { installed?: boolean } = {}) {
  let finish: (exit: InstallerExit) => void = () => undefined
  const state = {
    installed: options.installed ?? false,
    runs: 0,
    killed: 0,
    removed: 0,
    bytes: 0,
    lines: [] as string[],
  }
  const deps: EnsureDeps = {
    version: '45.4.1',
    isInstalled: () => state.installed,
    runInstaller() {
      state.runs++
      return {
        exited: new Promise<InstallerExit>((resolve) => (finish = resolve)),
        kill() {
          state.killed++
          finish({ code: null, signal: 'SIGTERM', stderr: '' })
        },
      }
    },
    progressBytes: () => state.bytes,
    removePartialInstall: () => void state.removed++,
    log: (line) => void state.lines.push(line),
  }
  return { deps, state, exit: (exit: InstallerExit) => finish(exit) }
}

const DNS_FAILURE =
  `${FETCH_FAILURE_MARK}${JSON.stringify({
    url: 'https://github.com/electron/electron/releases/download/v45.4.1/electron-v45.4.1-linux-x64.zip',
    host: 'github.com',
    code: 'ENOTFOUND',
    message: 'getaddrinfo ENOTFOUND github.com',
  })}\n` + 'TypeError: fetch failed\n'

beforeEach(() => void vi.useFakeTimers())
afterEach(() => void vi.useRealTimers())

describe('ensureElectron', () => {
  it('does nothing when Electron is already installed', async () => {
    const { deps, state } = fakeInstaller({ installed: true })
    await expect(ensureElectron(deps)).resolves.toEqual({ ok: true, downloaded: false })
    expect(state.runs).toBe(0)
    expect(state.lines).toEqual([])
  })

  it('runs the installer and reports success once the binary is there', async () => {
    const fake = fakeInstaller()
    const outcome = ensureElectron(fake.deps)
    expect(fake.state.lines).toEqual([
      'Downloading Electron 45.4.1 (about 100 MB, once per machine)...',
    ])
    fake.state.installed = true
    fake.exit({ code: 0, signal: null, stderr: '' })
    await expect(outcome).resolves.toEqual({ ok: true, downloaded: true })
    expect(fake.state.removed).toBe(0)
  })

  it('names the network cause in one line and removes the partial install when it fails', async () => {
    const fake = fakeInstaller()
    const outcome = ensureElectron(fake.deps)
    fake.exit({ code: 1, signal: null, stderr: DNS_FAILURE })
    await expect(outcome).resolves.toEqual({
      ok: false,
      line:
        'Could not download Electron 45.4.1: github.com could not be found (ENOTFOUND). ' +
        'Check the internet connection or set ELECTRON_MIRROR.',
    })
    expect(fake.state.removed).toBe(1)
  })

  it('stops an installer that gets no answer after 45 s, not before', async () => {
    const fake = fakeInstaller()
    const outcome = ensureElectron(fake.deps)
    await vi.advanceTimersByTimeAsync(FIRST_BYTE_MS - 1000)
    expect(fake.state.killed).toBe(0)
    await vi.advanceTimersByTimeAsync(1000)
    expect(fake.state.killed).toBe(1)
    await expect(outcome).resolves.toEqual({
      ok: false,
      line:
        'Could not download Electron 45.4.1: the download server did not answer within 45 s. ' +
        'Check the internet connection or set ELECTRON_MIRROR.',
    })
    expect(fake.state.removed).toBe(1)
    expect(FIRST_BYTE_MS).toBeLessThan(60_000)
  })

  it('lets a slow download run as long as bytes arrive, and stops it once they stop', async () => {
    const fake = fakeInstaller()
    const outcome = ensureElectron(fake.deps)
    for (let second = 0; second < 600; second++) {
      fake.state.bytes += 20_000 // 20 kB/s: ten minutes of a very slow line
      await vi.advanceTimersByTimeAsync(1000)
    }
    expect(fake.state.killed).toBe(0)
    await vi.advanceTimersByTimeAsync(STALL_MS - 1000)
    expect(fake.state.killed).toBe(0)
    await vi.advanceTimersByTimeAsync(1000)
    expect(fake.state.killed).toBe(1)
    await expect(outcome).resolves.toMatchObject({
      ok: false,
      line: expect.stringContaining('the download made no progress for 30 s'),
    })
    expect(fake.state.removed).toBe(1)
  })

  it('treats an installer that exits 0 without a usable binary as a failure', async () => {
    const fake = fakeInstaller()
    const outcome = ensureElectron(fake.deps)
    fake.exit({ code: 0, signal: null, stderr: '' })
    await expect(outcome).resolves.toEqual({
      ok: false,
      line:
        'Could not download Electron 45.4.1: the installer ended with exit code 0. ' +
        'Check the internet connection or set ELECTRON_MIRROR.',
    })
    expect(fake.state.removed).toBe(1)
  })
})
