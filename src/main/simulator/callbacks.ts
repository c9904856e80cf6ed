import http from 'node:http'
import https from 'node:https'
import type { TransactionResult } from '../handpoint/types'
import type { Rng } from './rng'
import type { Scheduler } from './scheduler'
import type { SimFaults } from './types'

/**
 * The terminal's result push (§2.4): POST the result to `callbackUrl` with `AUTH-TOKEN`; any 2xx
 * counts; otherwise retry every 5 s for the first 100 s, then 8, 16, 32 s ... (tier A), capped at
 * 15 min and given up after 2 days (B). Every retried delivery carries `recoveredTransaction: true`.
 * All delays are terminal time (scaled).
 */
const FAST_RETRY_MS = 5_000
const FAST_WINDOW_MS = 100_000
const MAX_GAP_MS = 15 * 60_000
const GIVE_UP_MS = 2 * 24 * 3600_000
/** Per attempt (B: 30 s total); real time, as it is a network wait. */
const ATTEMPT_TIMEOUT_MS = 30_000

/** Gaps between consecutive attempts, in terminal milliseconds. */
export function* retryGaps(): Generator<number> {
  let elapsed = 0
  while (elapsed + FAST_RETRY_MS <= FAST_WINDOW_MS) {
    elapsed += FAST_RETRY_MS
    yield FAST_RETRY_MS
  }
  for (let gap = 8_000; elapsed + Math.min(gap, MAX_GAP_MS) <= GIVE_UP_MS; gap *= 2) {
    elapsed += Math.min(gap, MAX_GAP_MS)
    yield Math.min(gap, MAX_GAP_MS)
  }
}

export interface Delivery {
  url: string
  token: string
  result: TransactionResult
  /** Deliveries started by the recovery loop (terminal back online) are flagged from the start. */
  recovered: boolean
  /** Lose the first attempt in the network (fault or flaky terminal). */
  dropFirst: boolean
}

export class CallbackDispatcher {
  attempts = 0
  private readonly stopped = new AbortController()
  private readonly agents: Agents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
  }

  constructor(
    private readonly scheduler: Scheduler,
    private readonly rng: Rng,
    private readonly faults: () => SimFaults,
  ) {}

  /** Aborts attempts in flight (the scheduler stops the waits between them). */
  close(): void {
    this.stopped.abort()
    this.agents.http.destroy()
    this.agents.https.destroy()
  }

  /** Starts delivering in the background; never throws. */
  deliver(delivery: Delivery): void {
    void this.run(delivery)
  }

  private async run(delivery: Delivery): Promise<void> {
    const delay = this.faults().callbackDelayMs ?? 0
    if (delay > 0 && (await this.scheduler.sleep(delay)) !== 'elapsed') return
    const gaps = retryGaps()
    for (let attempt = 0; ; attempt += 1) {
      const recovered = delivery.recovered || attempt > 0
      const body = JSON.stringify({ ...delivery.result, recoveredTransaction: recovered })
      const lost = attempt === 0 && delivery.dropFirst
      if (lost) this.attempts += 1
      if (!lost && (await this.post(delivery, body))) {
        if (this.rng.chance(this.faults().callbackDuplicateRate)) await this.post(delivery, body)
        return
      }
      const gap = gaps.next()
      if (gap.done || (await this.scheduler.sleep(gap.value)) !== 'elapsed') return
    }
  }

  private async post(delivery: Delivery, body: string): Promise<boolean> {
    if (this.scheduler.closed) return false
    this.attempts += 1
    try {
      return await postJson(delivery.url, delivery.token, body, this.agents, this.stopped.signal)
    } catch {
      return false
    }
  }
}

/** Keep-alive connections to the integrator's callback server, as a cloud service keeps them. */
interface Agents {
  http: http.Agent
  https: https.Agent
}

/**
 * One POST with node's own HTTP client (lighter than fetch: no streams or Request objects per
 * call); true on a 2xx. The body of the answer is read and dropped.
 */
function postJson(
  url: string,
  token: string,
  body: string,
  agents: Agents,
  stopped: AbortSignal,
): Promise<boolean> {
  const target = new URL(url)
  const secure = target.protocol === 'https:'
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(
      target,
      {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'AUTH-TOKEN': token,
        },
        timeout: ATTEMPT_TIMEOUT_MS,
        signal: stopped,
      },
      (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode! >= 200 && response.statusCode! < 300))
        response.on('error', reject)
      },
    )
    request.on('timeout', () => request.destroy(new Error('callback timed out')))
    request.on('error', reject)
    request.end(body)
  })
}
