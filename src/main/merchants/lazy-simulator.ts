import type { Endpoints } from './endpoints'

interface RunningSimulator extends Endpoints {
  close(): Promise<void>
}

/**
 * Starts the built-in simulator the first time the demo merchant needs it (not at app start, so
 * a checkout with only real merchants never opens the local ports), and closes it on dispose.
 */
export function lazySimulator(start: () => Promise<RunningSimulator>): {
  endpoints(): Promise<Endpoints>
  close(): Promise<void>
} {
  let running: Promise<RunningSimulator> | undefined
  return {
    endpoints() {
      running ??= start().catch((err: unknown) => {
        running = undefined // a later attempt may succeed (e.g. a port was busy)
        throw err
      })
      return running.then(({ apiBaseUrl, statusBaseUrl }) => ({ apiBaseUrl, statusBaseUrl }))
    },
    async close() {
      const sim = running
      running = undefined
      if (sim) await (await sim).close()
    },
  }
}
