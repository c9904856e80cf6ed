import { createParser, type EventSourceMessage } from 'eventsource-parser'

/** A Server-Sent Events client for tests: collects events, lets a test wait for the n-th. */
export interface SseClient {
  status: number
  events: EventSourceMessage[]
  next(predicate?: (e: EventSourceMessage) => boolean): Promise<EventSourceMessage>
  /** Resolves when the server ends the stream. */
  ended: Promise<void>
  close(): void
}

export async function openSse(url: string, headers: Record<string, string>): Promise<SseClient> {
  const controller = new AbortController()
  const res = await fetch(url, { headers, signal: controller.signal })
  const events: EventSourceMessage[] = []
  const waiting: {
    predicate: (e: EventSourceMessage) => boolean
    resolve: (e: EventSourceMessage) => void
  }[] = []
  let seen = 0
  const parser = createParser({
    onEvent(event) {
      events.push(event)
      for (const w of [...waiting]) {
        if (w.predicate(event)) {
          waiting.splice(waiting.indexOf(w), 1)
          w.resolve(event)
        }
      }
    },
  })
  const ended = (async () => {
    if (!res.body) return
    const decoder = new TextDecoder()
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        parser.feed(decoder.decode(chunk, { stream: true }))
      }
    } catch {
      // aborted by close()
    }
  })()
  return {
    status: res.status,
    events,
    ended,
    next(predicate = () => true) {
      // Events already received and not yet handed out count first.
      while (seen < events.length) {
        const e = events[seen++]!
        if (predicate(e)) return Promise.resolve(e)
      }
      return new Promise((resolve) =>
        waiting.push({
          predicate,
          resolve: (e) => {
            seen = events.length
            resolve(e)
          },
        }),
      )
    },
    close: () => controller.abort(),
  }
}
