import type { Op, Runtime } from './runtime'

/** Once an operation has run this many times `slowAfterMs` (5 min), it polls at most every 5 s. */
const VERY_SLOW_FACTOR = 5

/**
 * How long an operation waits before its next transaction-result poll. Adaptive: as often as
 * the key's budget allows, shared fairly between the operations polling on that key (one alone
 * polls about every 550 ms at 2 requests per 1.1 s; four share it at about 2.2 s each), slower
 * once the operation runs long (a card left in the reader, a MOTO form), jittered ±10% so
 * terminals of one key drift apart. The budget itself still decides when a request leaves; this
 * only keeps the queue short. `index` picks the step of a fixed schedule when one is configured
 * (benchmarks compare the engine with a bare client on the same schedule).
 */
export function nextPollDelay(rt: Runtime, op: Op, index: number): number {
  const fixed = rt.settings.pollDelaysMs
  if (fixed && fixed.length > 0) return rt.jitter(fixed[Math.min(index, fixed.length - 1)]!)
  const { record } = rt.stored(op.id)
  let ms = Math.max(rt.settings.minPollMs, pollersOn(rt, op.key) * rt.budget.slotMs)
  const running = rt.settings.clock.now() - record.createdAt
  if (running >= rt.settings.slowAfterMs) ms = Math.max(ms, 2_000)
  if (running >= VERY_SLOW_FACTOR * rt.settings.slowAfterMs) ms = Math.max(ms, 5_000)
  return Math.max(1, Math.round(ms * (0.9 + 0.2 * rt.settings.random())))
}

/** Operations of this key being followed by polling right now (at least the asking one). */
function pollersOn(rt: Runtime, key: string): number {
  let count = 0
  for (const other of rt.ops.values()) {
    if (other.key !== key || !other.watching) continue
    if (rt.journal.get(other.id)?.record.flow === 'callback') continue
    count += 1
  }
  return Math.max(1, count)
}
