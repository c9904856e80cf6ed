import type { PingAnswer } from '../../../src/main/terminals/health-machine'
import {
  HealthService,
  type BackgroundBudget,
  type HealthServiceOptions,
  type WatchedTerminal,
} from '../../../src/main/terminals/health-service'
import { ManualClock } from '../payments/support'

export { ManualClock, settle } from '../payments/support'

export const A = '0821032398'
export const B = '0821032399'
export const VT = '9999000001'

export const terminalsOf = (merchantId = 'm1'): WatchedTerminal[] => [
  { merchantId, serialNumber: A, terminalType: 'PAXA920PRO' },
  { merchantId, serialNumber: B, terminalType: 'PAXA920PRO' },
  { merchantId, serialNumber: VT, terminalType: 'VT' },
]

/** A budget that sends at once and records who asked with which key. */
export function recordingBudget(): BackgroundBudget & { sent: { key: string; owner: string }[] } {
  const sent: { key: string; owner: string }[] = []
  return {
    sent,
    send(key, owner, request) {
      sent.push({ key, owner })
      return request()
    },
  }
}

/**
 * A world for the health service: a manual clock, terminals whose check answers the test sets,
 * a log of checks that reached the budget, and a `busy` set standing for the engine's locks.
 */
export function healthWorld(overrides: Partial<HealthServiceOptions> = {}) {
  const clock = new ManualClock(Date.UTC(2026, 10, 30, 9, 0, 0))
  const answers = new Map<string, PingAnswer>()
  const pings: { serial: string; at: number }[] = []
  const busy = new Set<string>()
  let listed = terminalsOf()
  const budget = recordingBudget()
  const boards: { merchantId: string; states: string[] }[] = []
  const service = new HealthService({
    clock,
    terminals: () => Promise.resolve(listed),
    budget,
    busyHere: (_m, serial) => busy.has(serial),
    ping: (terminal, gate) =>
      gate(() => {
        pings.push({ serial: terminal.serialNumber, at: clock.now() })
        return Promise.resolve(answers.get(terminal.serialNumber) ?? { kind: 'online' as const })
      }),
    onChange: (merchantId, board) =>
      boards.push({ merchantId, states: board.map((t) => `${t.serialNumber}:${t.state}`) }),
    ...overrides,
  })
  return {
    clock,
    answers,
    pings,
    busy,
    budget,
    boards,
    service,
    setListed(next: WatchedTerminal[]) {
      listed = next
    },
    pingsOf: (serial: string) => pings.filter((p) => p.serial === serial).length,
    stateOf: (serial: string, merchantId = 'm1') => service.view(merchantId, serial)?.state,
  }
}
