import { afterEach, describe, expect, it } from 'vitest'
import { TerminalCommands } from '../../../src/main/terminals/commands'
import { createTerminalHandlers } from '../../../src/main/terminals/handlers'
import { createMemoryCommandJournal } from '../../../src/main/terminals/memory-journal'
import { A, healthWorld, recordingBudget } from './support'

let dispose: (() => void) | undefined
afterEach(() => dispose?.())

function handlers() {
  const w = healthWorld()
  dispose = () => w.service.dispose()
  const commands = new TerminalCommands({
    clock: w.clock,
    journal: createMemoryCommandJournal(),
    clientFor: async () => ({ sendTerminalCommand: async () => undefined }),
    terminalOf: async (_m, serial) =>
      serial === A ? { serialNumber: A, terminalType: 'PAXA920PRO' } : undefined,
    busyHere: () => false,
    budget: recordingBudget(),
    newId: () => 'c1',
  })
  return { w, h: createTerminalHandlers(w.service, commands) }
}

const ctx = { senderId: 'test' }

describe('terminals IPC handlers', () => {
  it('answer the board, a check, the detail and a command of the window ("checkout")', async () => {
    const { w, h } = handlers()
    await w.service.start()
    const board = await h.listTerminalHealth({ merchantId: 'm1' }, ctx)
    expect(board.map((t) => t.state)).toEqual(['online', 'online', 'virtual'])
    const sent = await h.sendTerminalCommand(
      { merchantId: 'm1', serialNumber: A, command: { command: 'set-reboot-time', hour: 2 } },
      ctx,
    )
    expect(sent).toMatchObject({ by: 'checkout', outcome: 'sent' })
    const detail = await h.getTerminalDetail({ merchantId: 'm1', serialNumber: A }, ctx)
    expect(detail.health.state).toBe('online')
    expect(detail.commands).toEqual([sent])
    expect(detail.history.map((e) => e.code)).toEqual(['health_check_online'])
  })

  it('refuse a terminal that is not on the merchant’s board', async () => {
    const { w, h } = handlers()
    await w.service.start()
    await expect(
      (async () => h.getTerminalDetail({ merchantId: 'm1', serialNumber: 'NOPE' }, ctx))(),
    ).rejects.toMatchObject({ code: 'terminal_not_found', params: { serial: 'NOPE' } })
    await expect(
      (async () => h.checkTerminal({ merchantId: 'm2', serialNumber: A }, ctx))(),
    ).rejects.toMatchObject({ code: 'terminal_not_found' })
  })
})
