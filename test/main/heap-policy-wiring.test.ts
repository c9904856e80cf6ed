import { afterEach, describe, expect, it, vi } from 'vitest'

/**
 * Both ways the main-process code runs cap V8's young generation when loaded: the app's entry
 * (Electron) and the headless module the benchmarks drive in plain Node.
 */
const capYoungGeneration = vi.fn()

describe('the young generation ceiling is installed', () => {
  afterEach(() => {
    vi.doUnmock('../../src/main/heap-policy')
    vi.resetModules()
    capYoungGeneration.mockReset()
  })

  async function load(entry: () => Promise<unknown>): Promise<void> {
    vi.resetModules()
    vi.doMock('../../src/main/heap-policy', () => ({ capYoungGeneration }))
    await entry()
  }

  it("by the app's entry", async () => {
    await load(async () => {
      const electron = await import('../mocks/electron')
      electron.app.lock = false // another instance holds the lock: start() never runs
      await import('../../src/main/index')
    })
    expect(capYoungGeneration).toHaveBeenCalledOnce()
  })

  it('by the headless module the benchmarks load', async () => {
    await load(() => import('../../src/main/headless'))
    expect(capYoungGeneration).toHaveBeenCalledOnce()
  })
})
