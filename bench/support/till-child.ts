/**
 * Child-process entry for TILL: a till in its own process, as real tills are, so that the
 * measured answer times are what a till sees and not held up by the engine's event loop.
 * For each `sale` message it POSTs the sale, reports how long the answer took, then holds a
 * long-poll on the payment and reports the absolute time its final answer arrived.
 */
type Inbound =
  { type: 'sale'; base: string; token: string; key: string; body: unknown } | { type: 'close' }

const send = (message: unknown): void => {
  process.send?.(message)
}
/** Absolute time, comparable across processes of one machine. */
const now = (): number => performance.timeOrigin + performance.now()

async function sale(m: Extract<Inbound, { type: 'sale' }>): Promise<void> {
  const headers = { Authorization: `Bearer ${m.token}`, 'Content-Type': 'application/json' }
  const started = performance.now()
  const res = await fetch(`${m.base}/payments`, {
    method: 'POST',
    headers: { ...headers, 'Idempotency-Key': m.key },
    body: JSON.stringify(m.body),
  })
  const created = (await res.json()) as { id: string }
  send({ type: 'started', status: res.status, id: created.id, ms: performance.now() - started })
  const poll = await fetch(`${m.base}/payments/${created.id}?wait=60`, { headers })
  const at = now()
  const body = (await poll.json()) as { final: boolean }
  send({ type: 'final', id: created.id, final: body.final, at })
}

process.on('message', (message: Inbound) => {
  if (message.type === 'close') process.exit(0)
  sale(message).catch((err: unknown) =>
    send({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
  )
})
send({ type: 'ready' })
