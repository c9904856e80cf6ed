import type { TerminalCommandEntry } from '@shared/contract/terminals.contract'
import type { CommandJournal } from './commands'

/** A command journal in memory (tests, and a checkout without a payment store). */
export function createMemoryCommandJournal(limit = 1_000): CommandJournal {
  const entries: TerminalCommandEntry[] = []
  return {
    append(entry) {
      entries.push(structuredClone(entry))
      if (entries.length > limit) entries.splice(0, entries.length - limit)
    },
    list(merchantId, serialNumber, max) {
      const out: TerminalCommandEntry[] = []
      for (let i = entries.length - 1; i >= 0 && out.length < max; i -= 1) {
        const e = entries[i]!
        if (e.merchantId === merchantId && e.serialNumber === serialNumber) {
          out.push(structuredClone(e))
        }
      }
      return out
    },
  }
}
