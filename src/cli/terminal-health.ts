import type { TerminalHealthView } from '@shared/contract/terminals.contract'
import { describe } from '@shared/messages'
import type { Context, Io } from './commands'
import type { CliOptions } from './options'
import { terminalCareFor } from './terminal-care'

const time = (ms: number | undefined): string =>
  ms === undefined ? 'never' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19)

function line(v: TerminalHealthView): string {
  const facts: string[] = [v.state]
  if (v.state !== 'virtual') facts.push(`last seen ${time(v.lastSeenAt)}`)
  const d = v.device
  if (d?.batteryPercent !== undefined) {
    const power = d.onExternalPower ? `on ${d.externalPower ?? 'power'}` : 'on battery'
    facts.push(`battery ${d.batteryPercent}%${d.charging ? ' charging' : ''} ${power}`)
  }
  if (d?.appVersion) facts.push(`app ${d.appVersion}`)
  if (v.checkProblem) facts.push(describe(v.checkProblem.code, v.checkProblem.params))
  return `${v.serialNumber}  ${v.terminalType}  ${facts.join(', ')}\n`
}

/**
 * `terminals --health [--json]`: checks every terminal of the key now (pingDevice) and prints
 * what each answered: online, busy elsewhere, offline, with last seen, battery and app version.
 * Exit code 2 when a terminal is offline.
 */
export async function terminalHealth(ctx: Context, options: CliOptions, io: Io): Promise<number> {
  const { care, close } = await terminalCareFor(ctx, options)
  try {
    const board = await care.health.refresh(options.merchantId)
    if (options.json) io.out(`${JSON.stringify({ terminals: board })}\n`)
    else for (const v of board) io.out(line(v))
    return board.some((v) => v.state === 'offline') ? 2 : 0
  } finally {
    close()
  }
}
