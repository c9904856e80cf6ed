import type { PaymentOperation } from './payment-operation'

/** Once an operation has run this many times `slowAfterMs` (5 min), it polls at most every 5 s. */
const VERY_SLOW_FACTOR = 5

/**
 * How long an operation waits before its next transaction-result poll. Adaptive: as often as
 * the key's budget allows, shared fairly between the operations polling on that key (one alone
 * polls about every 550 ms at 2 requests per 1.1 s; four share it at about 2.2 s each), slower
 * once the operation runs long (a card left in the reader, a MOTO form), jittered ±10% so
 * terminals of one key drift apart. The budget itself still decides when a request leaves; this
 * only keeps the queue short. `index` picks the step of a fixed schedule when one is configured
 * (benchmarks compare the engine with a bare client on the same schedule), jittered 50-100 %.
 */
export function nextPollDelay(
  op: PaymentOperation,
  pollers: number,
  slotMs: number,
  index: number,
): number {
  const settings = op.settings
  const fixed = settings.pollDelaysMs
  if (fixed && fixed.length > 0) return op.jitter(fixed[Math.min(index, fixed.length - 1)]!)
  let ms = Math.max(settings.minPollMs, pollers * slotMs)
  const running = settings.clock.now() - op.record.createdAt
  if (running >= settings.slowAfterMs) ms = Math.max(ms, 2_000)
  if (running >= VERY_SLOW_FACTOR * settings.slowAfterMs) ms = Math.max(ms, 5_000)
  return Math.max(1, Math.round(ms * (0.9 + 0.2 * settings.random())))
}
