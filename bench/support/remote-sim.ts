/**
 * The simulator in a child process (sim-child.ts), with the same parts of its API the
 * benchmarks use. Terminal-finished times cross the process boundary as absolute times and are
 * turned back into this process's performance.now() scale.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { WORKERS } from './workers'
import type { SimulatorOptions, SimulatorStats } from '../../src/main/simulator'

export interface SimHandle {
  apiBaseUrl: string
  statusBaseUrl: string
  /** Counters, plus the simulator process's rss when it runs apart. */
  stats(): Promise<SimulatorStats & { rss?: number }>
  /** `at` is on this process's performance.now() scale. */
  onTerminalFinished(listener: (reference: string, at: number) => void): () => void
  /** A callback POST's headers were written to the socket (simulator in a child process only). */
  onCallbackSent?(listener: (reference: string, at: number) => void): () => void
  close(): Promise<void>
}

type Outbound =
  | { type: 'ready'; apiBaseUrl: string; statusBaseUrl: string }
  | { type: 'error'; message: string }
  | { type: 'finished'; reference?: string; at: number }
  | { type: 'callback-sent'; reference: string; at: number }
  | { type: 'stats'; stats: SimulatorStats; rss: number }
  | { type: 'closed' }

export async function startRemoteSimulator(options: SimulatorOptions): Promise<SimHandle> {
  // Plain Node, none of this process's loader flags (tsx).
  const child: ChildProcess = fork(WORKERS.simulator, [], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const listeners = new Set<(reference: string, at: number) => void>()
  const sentListeners = new Set<(reference: string, at: number) => void>()
  let pending: ((message: Outbound) => void) | undefined
  child.on('message', (message: Outbound) => {
    if (message.type === 'finished') {
      const at = message.at - performance.timeOrigin
      if (message.reference) for (const l of listeners) l(message.reference, at)
    } else if (message.type === 'callback-sent') {
      const at = message.at - performance.timeOrigin
      for (const l of sentListeners) l(message.reference, at)
    } else pending?.(message)
  })
  const ask = (message: unknown, expect: Outbound['type']): Promise<Outbound> =>
    new Promise((resolve, reject) => {
      const onExit = (): void => reject(new Error('The simulator process stopped.'))
      child.once('exit', onExit)
      pending = (reply) => {
        if (reply.type !== expect && reply.type !== 'error') return
        child.off('exit', onExit)
        pending = undefined
        if (reply.type === 'error') reject(new Error(reply.message))
        else resolve(reply)
      }
      child.send(message as object)
    })
  const ready = await ask({ type: 'start', options }, 'ready')
  if (ready.type !== 'ready') throw new Error('The simulator process did not start.')
  return {
    apiBaseUrl: ready.apiBaseUrl,
    statusBaseUrl: ready.statusBaseUrl,
    async stats() {
      const reply = await ask({ type: 'stats' }, 'stats')
      if (reply.type !== 'stats') throw new Error('No stats from the simulator process.')
      return { ...reply.stats, rss: reply.rss }
    },
    onTerminalFinished(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onCallbackSent(listener) {
      sentListeners.add(listener)
      return () => sentListeners.delete(listener)
    },
    async close() {
      if (child.exitCode !== null) return
      const exited = new Promise<void>((ok) => child.once('exit', () => ok()))
      await ask({ type: 'close' }, 'closed').catch(() => undefined)
      const timer = setTimeout(() => child.kill(), 2_000)
      await exited
      clearTimeout(timer)
    },
  }
}
