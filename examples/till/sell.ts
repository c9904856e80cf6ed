/**
 * A small till: sells, waits for the outcome, prints the receipt text, and recovers by its
 * idempotency key when the connection drops. Only `fetch`, no dependencies.
 *
 *   TILL_URL=http://127.0.0.1:7480/v1 TILL_TOKEN=ptl_... node examples/till/sell.ts 12.34 0821032398
 *   ... --drop   simulates a connection that drops right after the sale was sent
 *
 * Node 24 runs this file as it is (it strips the types).
 */

interface Payment {
  id: string
  state: string
  final: boolean
  amount: number | null
  approvedAmount: number | null
  currency: string | null
  card: { brand: string | null; last4: string | null } | null
  reason: { code: string; message: string } | null
}

const base = process.env['TILL_URL'] ?? 'http://127.0.0.1:7480/v1'
const token = process.env['TILL_TOKEN'] ?? ''
const args = process.argv.slice(2)
const drop = args.includes('--drop')
const [amountText = '12.34', terminal = '0821032398'] = args.filter((a) => !a.startsWith('--'))
const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

async function api<T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, { ...init, headers: { ...headers, ...init.headers } })
  const type = res.headers.get('content-type') ?? ''
  const body = type.startsWith('application/json') ? await res.json() : await res.text()
  return { status: res.status, body: body as T }
}

/**
 * Starts the sale once, whatever happens to the connection: one key per sale, the same key on
 * every retry, and after a dropped connection ask by key first. A new key would mean a new sale.
 */
async function startSale(key: string, body: object): Promise<Payment> {
  type Answer = Payment | { error: { code: string; message: string } }
  for (let attempt = 1; ; attempt += 1) {
    let res: { status: number; body: Answer }
    try {
      // --drop: give up on the first answer almost at once, as if the network had failed.
      const signal = drop && attempt === 1 ? AbortSignal.timeout(1) : undefined
      res = await api<Answer>('/payments', {
        method: 'POST',
        headers: { 'Idempotency-Key': key },
        body: JSON.stringify(body),
        ...(signal ? { signal } : {}),
      })
    } catch (err) {
      console.log(`The connection dropped (${(err as Error).name}); asking by key ${key}…`)
      await pause(500)
      const found = await api<{ payments: Payment[] }>(
        `/payments?idempotencyKey=${encodeURIComponent(key)}`,
      )
      if (found.body.payments[0]) return found.body.payments[0]
      continue // it never arrived: sending it again with the same key is safe
    }
    if (res.status === 200 || res.status === 201) return res.body as Payment
    const { error } = res.body as { error: { code: string; message: string } }
    if (res.status !== 409 || error.code !== 'terminal_busy') {
      throw new Error(`${error.code}: ${error.message}`)
    }
    console.log(`Terminal busy, waiting… (${error.message})`)
    await pause(2000)
  }
}

/** Waits until the payment is final. outcome_unknown is not final: keep waiting, never resell. */
async function waitFinal(id: string): Promise<Payment> {
  for (;;) {
    const { body } = await api<Payment>(`/payments/${id}?wait=30`)
    if (body.final) return body
    if (body.state === 'outcome_unknown') console.log('Outcome not known yet; still waiting…')
  }
}

async function receiptText(id: string): Promise<string | undefined> {
  for (let i = 0; i < 20; i += 1) {
    const res = await api<string>(`/payments/${id}/receipts/customer?format=text&width=42`)
    if (res.status === 200) return res.body
    if (res.status !== 409) return undefined // no_receipt
    await pause(500) // receipt_not_ready: it is still being fetched
  }
  return undefined
}

const [whole = '0', cents = ''] = amountText.split('.')
const amount = Number(whole) * 100 + Number(cents.padEnd(2, '0').slice(0, 2))
const key = `example-till-${Date.now()}`
console.log(`Selling ${amountText} EUR on terminal ${terminal} (key ${key})`)
const started = await startSale(key, {
  operation: 'sale',
  amount,
  currency: 'EUR',
  terminal,
  tillReference: `ORDER-${Date.now() % 100000}`,
})
console.log(`Payment ${started.id} is ${started.state}; waiting for the card…`)
const final = await waitFinal(started.id)
console.log(`Final: ${final.state}${final.reason ? ` (${final.reason.message})` : ''}`)
if (final.card) console.log(`Card: ${final.card.brand} ****${final.card.last4}`)
const receipt = await receiptText(final.id)
if (receipt) console.log(`\n${receipt}`)
process.exitCode = final.state === 'approved' ? 0 : 2
