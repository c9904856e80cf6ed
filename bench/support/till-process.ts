/** The bench till (till-child.ts) in a child process, one sale at a time. */
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

type Outbound =
  | { type: 'ready' }
  | { type: 'started'; status: number; id: string; ms: number }
  | { type: 'final'; id: string; final: boolean; at: number }
  | { type: 'error'; message: string }

export interface TillProcess {
  /** POSTs a sale and long-polls it; `final.at` is absolute (timeOrigin + now). */
  sale(message: { base: string; token: string; key: string; body: unknown }): Promise<{
    started: Extract<Outbound, { type: 'started' }>
    final: Extract<Outbound, { type: 'final' }>
  }>
  close(): void
}

export async function startTillProcess(): Promise<TillProcess> {
  const entry = fileURLToPath(new URL('./till-child.ts', import.meta.url))
  // Inherits tsx's loader flags from this process's execArgv.
  const child = fork(entry, [], {
    env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.e2e.json' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const inbox: Outbound[] = []
  let wake: (() => void) | undefined
  let exited = false
  child.on('message', (message: Outbound) => {
    inbox.push(message)
    wake?.()
  })
  child.on('exit', () => {
    exited = true
    wake?.()
  })
  const next = async (): Promise<Outbound> => {
    while (inbox.length === 0) {
      if (exited) throw new Error('The till process stopped.')
      await new Promise<void>((resolve) => (wake = resolve))
    }
    const message = inbox.shift()!
    if (message.type === 'error') throw new Error(message.message)
    return message
  }
  if ((await next()).type !== 'ready') throw new Error('The till process did not start.')
  return {
    async sale(message) {
      child.send({ type: 'sale', ...message })
      const started = await next()
      const final = await next()
      if (started.type !== 'started' || final.type !== 'final') {
        throw new Error('The till process answered out of order.')
      }
      return { started, final }
    },
    close() {
      child.send({ type: 'close' })
    },
  }
}
