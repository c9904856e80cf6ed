import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BrowserWindow, resetElectronMock, screen } from '../../mocks/electron'
import type { WindowBounds, WindowState } from '../../../src/main/app/app-settings'
import {
  restoreBounds,
  SAVE_DEBOUNCE_MS,
  trackWindowState,
} from '../../../src/main/app/window-state'

const laptop = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } }
// A second monitor to the right of the laptop, and one above it with a negative origin.
const right = { workArea: { x: 1920, y: 0, width: 2560, height: 1400 } }
const above = { workArea: { x: -200, y: -1080, width: 1920, height: 1080 } }

describe('restoreBounds', () => {
  it('keeps saved bounds that lie fully on a monitor', () => {
    const saved = { x: 2100, y: 100, width: 1280, height: 860 }
    expect(restoreBounds(saved, [laptop, right], laptop)).toEqual(saved)
    const up = { x: -100, y: -900, width: 1000, height: 700 }
    expect(restoreBounds(up, [laptop, above], laptop)).toEqual(up)
  })

  it('centres the window on the primary monitor when its monitor is gone', () => {
    const onUnpluggedMonitor = { x: 2200, y: 200, width: 1280, height: 860 }
    expect(restoreBounds(onUnpluggedMonitor, [laptop], laptop)).toEqual({
      x: 320,
      y: 90,
      width: 1280,
      height: 860,
    })
  })

  it('uses the primary monitor, not the first listed, as the fallback', () => {
    const lost = { x: 9000, y: 9000, width: 800, height: 600 }
    expect(restoreBounds(lost, [laptop, right], right)).toEqual({
      x: 1920 + 880,
      y: 400,
      width: 800,
      height: 600,
    })
  })

  it('pulls a window hanging off an edge fully onto the monitor showing most of it', () => {
    expect(restoreBounds({ x: 1500, y: -50, width: 1000, height: 700 }, [laptop], laptop)).toEqual({
      x: 920,
      y: 0,
      width: 1000,
      height: 700,
    })
    // Mostly on the right monitor: goes there, not back to the laptop.
    expect(
      restoreBounds({ x: 1800, y: 100, width: 1000, height: 700 }, [laptop, right], laptop),
    ).toEqual({ x: 1920, y: 100, width: 1000, height: 700 })
  })

  it('shrinks a window larger than the monitor it lands on', () => {
    const huge = { x: 100, y: 100, width: 3000, height: 2000 }
    expect(restoreBounds(huge, [laptop], laptop)).toEqual({ x: 0, y: 0, width: 1920, height: 1040 })
  })

  it('falls back to the default size when nothing usable was saved or no monitor is known', () => {
    expect(restoreBounds(undefined, [laptop], laptop)).toBeUndefined()
    expect(restoreBounds({ x: 0, y: 0, width: 0, height: 600 }, [laptop], laptop)).toBeUndefined()
    expect(restoreBounds({ x: NaN, y: 0, width: 800, height: 600 }, [laptop], laptop)).toBe(
      undefined,
    )
    expect(restoreBounds({ x: 0, y: 0, width: 800, height: 600 }, [], undefined)).toBeUndefined()
  })

  it('always returns a window lying fully inside one of the monitors (property)', () => {
    const rect = (min: number, max: number) =>
      fc.record({
        x: fc.integer({ min, max }),
        y: fc.integer({ min, max }),
        width: fc.integer({ min: 1, max: 6000 }),
        height: fc.integer({ min: 1, max: 4000 }),
      })
    fc.assert(
      fc.property(
        rect(-20_000, 20_000),
        fc.array(rect(-8000, 8000), { minLength: 1, maxLength: 4 }),
        (saved, areas) => {
          const displays = areas.map((workArea) => ({ workArea }))
          const out = restoreBounds(saved, displays, displays[0])!
          expect(out.width).toBeGreaterThan(0)
          const inside = (a: WindowBounds) =>
            out.x >= a.x &&
            out.y >= a.y &&
            out.x + out.width <= a.x + a.width &&
            out.y + out.height <= a.y + a.height
          expect(areas.some(inside)).toBe(true)
        },
      ),
    )
  })

  it('reads the displays the way the Electron screen module reports them', () => {
    resetElectronMock()
    screen.displays = [
      { id: 7, bounds: right.workArea, workArea: right.workArea },
      { id: 3, bounds: laptop.workArea, workArea: laptop.workArea },
    ]
    screen.primaryId = 3
    const out = restoreBounds(
      { x: -5000, y: 0, width: 800, height: 600 },
      screen.getAllDisplays(),
      screen.getPrimaryDisplay(),
    )
    expect(out).toEqual({ x: 560, y: 220, width: 800, height: 600 })
  })
})

describe('trackWindowState', () => {
  let win: BrowserWindow
  let saved: WindowState[]

  beforeEach(() => {
    vi.useFakeTimers()
    resetElectronMock()
    win = new BrowserWindow({ x: 10, y: 20, width: 1000, height: 700 })
    saved = []
    trackWindowState(win, (s) => saved.push(s))
  })
  afterEach(() => vi.useRealTimers())

  it('saves once after moves and resizes settle', () => {
    win.bounds = { x: 50, y: 60, width: 1000, height: 700 }
    win.emit('move')
    vi.advanceTimersByTime(SAVE_DEBOUNCE_MS - 1)
    win.bounds = { x: 50, y: 60, width: 1100, height: 750 }
    win.emit('resize')
    vi.advanceTimersByTime(SAVE_DEBOUNCE_MS - 1)
    expect(saved).toEqual([])
    vi.advanceTimersByTime(1)
    expect(saved).toEqual([
      { bounds: { x: 50, y: 60, width: 1100, height: 750 }, maximized: false },
    ])
  })

  it('saves at once on close, with the maximised flag, and drops the pending save', () => {
    win.emit('resize')
    win.maximized = true
    win.emit('close')
    expect(saved).toEqual([{ bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true }])
    vi.advanceTimersByTime(SAVE_DEBOUNCE_MS * 2)
    expect(saved).toHaveLength(1)
  })

  it('does not save the monitor-sized bounds of full screen or kiosk', () => {
    win.fullScreen = true
    win.emit('resize')
    vi.advanceTimersByTime(SAVE_DEBOUNCE_MS)
    win.fullScreen = false
    win.kiosk = true
    win.emit('close')
    expect(saved).toEqual([])
  })

  it('stops saving once stopped', () => {
    const stopSaved: WindowState[] = []
    const other = new BrowserWindow({ width: 900, height: 640 })
    const stop = trackWindowState(other, (s) => stopSaved.push(s))
    other.emit('move')
    stop()
    vi.advanceTimersByTime(SAVE_DEBOUNCE_MS)
    other.emit('close')
    expect(stopSaved).toEqual([])
  })
})
