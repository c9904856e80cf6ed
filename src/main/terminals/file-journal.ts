import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { TerminalCommandEntry } from '@shared/contract/terminals.contract'
import { TERMINAL_COMMANDS } from '@shared/contract/terminals.values'
import { isMessageCode } from '@shared/messages'
import type { CommandJournal } from './commands'

const entrySchema = z.object({
  id: z.string().min(1).max(64),
  merchantId: z.string().min(1).max(64),
  serialNumber: z.string().min(1).max(64),
  command: z.enum(TERMINAL_COMMANDS),
  body: z.record(z.string(), z.unknown()),
  by: z.string().max(80),
  at: z.number(),
  outcome: z.enum(['sent', 'refused', 'unknown', 'failed']),
  answer: z.object({
    code: z.string().refine(isMessageCode),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }),
})

/**
 * The terminal commands journal as an append-only file of JSON lines
 * (`<dataDir>/terminals/commands.jsonl`, owner-only): each command is written and fsync'd before
 * the service answers, never rewritten. Commands are rare (a handful a day), so the file stays
 * small and is read once at start. A torn last line (a power cut mid-write) or a line that does
 * not read is skipped and counted in `skipped`, never a reason not to start.
 */
export function openFileCommandJournal(dataDir: string): CommandJournal & { skipped: number } {
  const dir = path.join(dataDir, 'terminals')
  const file = path.join(dir, 'commands.jsonl')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const entries: TerminalCommandEntry[] = []
  let skipped = 0
  let text = ''
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    try {
      entries.push(entrySchema.parse(JSON.parse(line)) as TerminalCommandEntry)
    } catch {
      skipped += 1
    }
  }
  return {
    skipped,
    append(entry) {
      const fd = openSync(file, 'a', 0o600)
      try {
        // A torn line before this one ends here: the new entry always starts on its own line.
        const needsBreak = text.length > 0 && !text.endsWith('\n')
        const line = `${needsBreak ? '\n' : ''}${JSON.stringify(entry)}\n`
        writeSync(fd, line)
        fsyncSync(fd)
        text = line
      } finally {
        closeSync(fd)
      }
      entries.push(structuredClone(entry))
    },
    list(merchantId, serialNumber, limit) {
      const out: TerminalCommandEntry[] = []
      for (let i = entries.length - 1; i >= 0 && out.length < limit; i -= 1) {
        const e = entries[i]!
        if (e.merchantId === merchantId && e.serialNumber === serialNumber) {
          out.push(structuredClone(e))
        }
      }
      return out
    },
  }
}
