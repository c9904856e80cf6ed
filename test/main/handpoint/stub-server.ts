import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  createHandpointClient,
  type ClientConfig,
  type HandpointCloudClient,
} from '../../../src/main/handpoint'

/** What the stub saw: real HTTP, so header casing and bodies are exactly what went on the wire. */
export interface StubRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  rawHeaders: string[]
  body: string
}

export type StubReply =
  | { status: number; body?: string | object; headers?: Record<string, string> }
  /** Never answer (timeouts). */
  | 'hang'
  /** Read the request, then drop the connection (reset after send). */
  | 'reset'

export interface Stub {
  url: string
  requests: StubRequest[]
  close(): Promise<void>
}

/** A tiny HTTP server on loopback answering each request with `handler`'s reply. */
export async function startStub(
  handler: (req: StubRequest, index: number) => StubReply | Promise<StubReply>,
): Promise<Stub> {
  const requests: StubRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const seen: StubRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      requests.push(seen)
      void Promise.resolve(handler(seen, requests.length - 1)).then((reply) => {
        if (reply === 'hang') return
        if (reply === 'reset') {
          req.socket.destroy()
          return
        }
        const body =
          reply.body === undefined
            ? ''
            : typeof reply.body === 'string'
              ? reply.body
              : JSON.stringify(reply.body)
        const type = typeof reply.body === 'object' ? { 'Content-Type': 'application/json' } : {}
        res.writeHead(reply.status, { ...type, ...reply.headers })
        res.end(body)
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export const API_KEY = 'test-key-0123456789'

/** A client on the stub: cloud host at the root, status host under /status-host. */
export function clientFor(stub: Stub, extra: Partial<ClientConfig> = {}): HandpointCloudClient {
  return createHandpointClient({
    apiBaseUrl: stub.url,
    statusBaseUrl: `${stub.url}/status-host`,
    apiKey: API_KEY,
    sleep: async () => {},
    ...extra,
  })
}

/** Awaits a rejection and returns it, failing the test when the promise resolves. */
export async function rejection<T = unknown>(promise: Promise<unknown>): Promise<T> {
  try {
    await promise
  } catch (error) {
    return error as T
  }
  throw new Error('expected the call to fail')
}
