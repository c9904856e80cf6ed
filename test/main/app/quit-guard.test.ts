import { beforeEach, describe, expect, it } from 'vitest'
import { app, BrowserWindow, dialog, resetElectronMock } from '../../mocks/electron'
import { guardQuit, QUIT_QUESTION } from '../../../src/main/app/quit-guard'

const KEEP_OPEN = 0
const QUIT_ANYWAY = 1

function quitEvent() {
  const event = { prevented: false, preventDefault: () => (event.prevented = true) }
  return event
}

describe('guardQuit', () => {
  let inFlight: number
  let enabled: boolean
  let win: BrowserWindow

  beforeEach(() => {
    resetElectronMock()
    inFlight = 0
    enabled = true
    win = new BrowserWindow({})
    const guard = guardQuit(
      { app: app as never, dialog: dialog as never },
      { inFlight: () => inFlight, isEnabled: () => enabled, getWindow: () => win as never },
    )
    guard.watchWindow(win as never)
  })

  it('quits without asking when nothing is in flight', () => {
    const event = quitEvent()
    app.emit('before-quit', event)
    win.emit('close', event)
    expect(dialog.shown).toEqual([])
    expect(event.prevented).toBe(false)
  })

  it('asks on the window and cancels the quit when the cashier keeps the app open', () => {
    inFlight = 1
    dialog.response = KEEP_OPEN
    const event = quitEvent()
    app.emit('before-quit', event)
    expect(event.prevented).toBe(true)
    expect(dialog.shown).toEqual([{ window: win, options: QUIT_QUESTION }])
    expect(QUIT_QUESTION.cancelId).toBe(KEEP_OPEN)
    expect(QUIT_QUESTION.defaultId).toBe(KEEP_OPEN)
  })

  it('cancels closing the window too, and asks again next time', () => {
    inFlight = 2
    dialog.response = KEEP_OPEN
    const first = quitEvent()
    win.emit('close', first)
    const second = quitEvent()
    win.emit('close', second)
    expect([first.prevented, second.prevented]).toEqual([true, true])
    expect(dialog.shown).toHaveLength(2)
  })

  it('asks only once per shutdown when the cashier quits anyway', () => {
    inFlight = 1
    dialog.response = QUIT_ANYWAY
    const close = quitEvent()
    win.emit('close', close)
    // Closing the last window leads to app.quit(): no second question.
    const quit = quitEvent()
    app.emit('before-quit', quit)
    expect([close.prevented, quit.prevented]).toEqual([false, false])
    expect(dialog.shown).toHaveLength(1)
  })

  it('does not ask when the setting is off', () => {
    inFlight = 1
    enabled = false
    const event = quitEvent()
    app.emit('before-quit', event)
    expect(event.prevented).toBe(false)
    expect(dialog.shown).toEqual([])
  })

  it('asks without a parent window when none is open', () => {
    resetElectronMock()
    guardQuit(
      { app: app as never, dialog: dialog as never },
      { inFlight: () => 1, isEnabled: () => true, getWindow: () => undefined },
    )
    const event = quitEvent()
    app.emit('before-quit', event)
    expect(dialog.shown).toEqual([{ window: undefined, options: QUIT_QUESTION }])
    expect(event.prevented).toBe(true)
  })
})
