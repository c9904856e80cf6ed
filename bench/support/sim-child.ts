/**
 * Child-process entry for B3 (bundled to out/bench/sim-child.mjs, run in plain Node over the
 * built simulator): runs the simulator in its own process, so its work and its
 * memory neither slow nor inflate the engine's process, and its clock is not held up by the
 * engine's event loop. Talks to the parent over the fork IPC channel (see remote-sim.ts).
 */
import diagnostics from 'node:diagnostics_channel'
import http from 'node:http'
import type { SimulatorOptions } from '../../src/main/simulator'
import { loadKit, type Kit } from './kit'

type Inbound = { type: 'start'; options: SimulatorOptions } | { type: 'stats' } | { type: 'close' }

const send = (message: unknown): void => {
  process.send?.(message)
}
/** Absolute time, comparable across processes of one machine. */
const now = (): number => performance.timeOrigin + performance.now()

/**
 * When each callback POST left: the terminal's request is watched (token -> reference, from the
 * body it ends with) and node's HTTP client says when the request was written to the socket.
 */
const referenceOfToken = new Map<string, string>()
const plainEnd = http.ClientRequest.prototype.end
http.ClientRequest.prototype.end = function (this: http.ClientRequest, ...args: unknown[]) {
  const token = this.getHeader('AUTH-TOKEN')
  if (typeof token === 'string' && typeof args[0] === 'string') {
    const reference = (JSON.parse(args[0]) as { transactionReference?: string })
      .transactionReference
    if (reference) referenceOfToken.set(token, reference)
  }
  return (plainEnd as (...a: unknown[]) => http.ClientRequest).apply(this, args)
} as typeof plainEnd
diagnostics.subscribe('http.client.request.start', (message) => {
  const token = (message as { request: http.ClientRequest }).request.getHeader('AUTH-TOKEN')
  const reference = typeof token === 'string' ? referenceOfToken.get(token) : undefined
  if (reference) send({ type: 'callback-sent', reference, at: now() })
})

let sim: Awaited<ReturnType<Kit['startSimulator']>> | undefined

process.on('message', (message: Inbound) => {
  if (message.type === 'start') {
    loadKit()
      .then((kit) => kit.startSimulator(message.options))
      .then(
        (started) => {
          sim = started
          started.onTerminalFinished((f) => {
            send({ type: 'finished', reference: f.transactionReference, at: now() })
          })
          send({
            type: 'ready',
            apiBaseUrl: started.apiBaseUrl,
            statusBaseUrl: started.statusBaseUrl,
          })
        },
        (err: unknown) => send({ type: 'error', message: String(err) }),
      )
  } else if (message.type === 'stats') {
    send({ type: 'stats', stats: sim?.stats(), rss: process.memoryUsage().rss })
  } else {
    void (sim?.close() ?? Promise.resolve()).then(() => {
      send({ type: 'closed' })
      process.disconnect?.()
    })
  }
})
