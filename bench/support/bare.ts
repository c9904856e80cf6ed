/**
 * The floor for B1: the least a client can do to run one sale against the simulator — one POST,
 * then GETs on a fixed schedule with plain `fetch`, no store, no validation, no mapping.
 */
import { randomUUID } from 'node:crypto'
import type { SimHandle } from './remote-sim'
import { sleep } from './world'

export async function bareSale(
  sim: SimHandle,
  apiKey: string,
  serialNumber: string,
  pollDelaysMs: number[],
): Promise<{ finStatus: string; gets: number }> {
  const headers = { ApiKeyCloud: apiKey, Accept: 'application/json' }
  const posted = await fetch(`${sim.apiBaseUrl}/transactions`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      operation: 'sale',
      serial_number: serialNumber,
      terminal_type: 'PAXA920PRO',
      amount: '1000',
      currency: 'EUR',
      transactionReference: randomUUID(),
    }),
  })
  if (posted.status !== 202 && posted.status !== 200) {
    throw new Error(`The bare POST got HTTP ${posted.status}: ${await posted.text()}`)
  }
  const { transactionResultId } = (await posted.json()) as { transactionResultId: string }
  for (let attempt = 0; ; attempt += 1) {
    await sleep(pollDelaysMs[Math.min(attempt, pollDelaysMs.length - 1)] ?? 1000)
    const res = await fetch(`${sim.apiBaseUrl}/transaction-result/${transactionResultId}`, {
      headers,
    })
    const text = await res.text()
    if (res.status === 200 && text.trim() !== '') {
      const body = JSON.parse(text) as { finStatus?: string }
      if (body.finStatus && body.finStatus !== 'IN_PROGRESS') {
        return { finStatus: body.finStatus, gets: attempt + 1 }
      }
    } else if (res.status !== 204) {
      throw new Error(`The bare poll got HTTP ${res.status}.`)
    }
  }
}
